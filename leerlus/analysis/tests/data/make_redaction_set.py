"""Writes redaction_set.jsonl: synthetic Dutch contact texts with the personal spans marked, and look-alikes.

Run: python leerlus/analysis/tests/data/make_redaction_set.py (deterministic, seed 15). Each line is
{"text", "spans": [[start, end, kind, format]]}; a span is what must disappear (for a street address
the house number: the street name alone identifies nobody). Look-alikes have no spans and must
come through unchanged. Half of the names come from a hand list that deduce's lists may not hold.
"""

import json
import random
from pathlib import Path

SEED = 15
OUT = Path(__file__).with_name("redaction_set.jsonl")

FIRST = [
    "Piet",
    "Fatima",
    "Sanne",
    "Mohammed",
    "Anna",
    "Kees",
    "Ahmed",
    "Emma",
    "Daan",
    "Yasmina",
    "Henk",
    "Lotte",
    "Mustafa",
    "Ingrid",
    "Bram",
    "Noor",
    "Wilhelmina",
    "Jeroen",
    "Aylin",
    "Sven",
    "Mei-Ling",
    "Priya",
    "Olusegun",
]
SUR = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "El Amrani",
    "Yilmaz",
    "van Dijk",
    "Bouzid",
    "de Jong",
    "Smit",
    "Kowalczyk",
    "Öztürk",
    "van der Berg",
    "Hendriks",
    "Nguyen",
    "Ramdin",
    "Achterberg",
    "ter Horst",
    "Mulder",
    "Oudshoorn",
    "Brinkhuis",
    "Wijnands",
    "Tjon-A-Fong",
]
STREETS = [
    "Lange Voorhout",
    "Kerkstraat",
    "Oude Gracht",
    "Dorpsstraat",
    "Hoogstraat",
    "Nieuwe Binnenweg",
    "Rapenburg",
    "Breestraat",
    "Haarlemmerdijk",
    "Korte Poten",
    "Herengracht",
    "Molenweg",
    "Stationsplein",
    "Vismarkt",
    "Plompetorengracht",
    "Neude",
    "Coolsingel",
    "Markt",
    "Steenstraat",
    "Bosboom Toussaintstraat",
]
BANKS = ["ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ"]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
CONSONANTS = "BDFGHJKLNPRSTVXZ"
SIDECODES = [
    "LL-DD-DD",
    "DD-DD-LL",
    "DD-LL-DD",
    "LL-DD-LL",
    "LL-LL-DD",
    "DD-LL-LL",
    "DD-LLL-D",
    "D-LLL-DD",
    "LL-DDD-L",
    "L-DDD-LL",
    "LLL-DD-L",
    "L-DD-LLL",
    "D-LL-DDD",
    "DDD-LL-D",
]


def bsn(r):
    while True:
        digits = [r.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2)))
        last = total % 11
        if last <= 9 and digits[0] != 0:
            return "".join(map(str, digits + [last]))


def iban(r):
    bank, account = r.choice(BANKS), "".join(str(r.randint(0, 9)) for _ in range(10))
    number = int("".join(str(int(c, 36)) for c in bank + account + "NL00"))
    return f"NL{98 - number % 97:02d}{bank}{account}"


def value(kind, fmt, r):
    """(the value as written) for a kind and a format."""
    if kind == "bsn":
        b = bsn(r)
        sep = {"plain": "", "dots": ".", "dashes": "-", "spaces": " "}[fmt]
        return sep.join((b[:3], b[3:6], b[6:]))
    if kind == "iban":
        i = iban(r)
        return {"compact": i, "spaced": " ".join(i[k : k + 4] for k in range(0, len(i), 4)), "lower": i.lower()}[fmt]
    if kind == "email":
        domain = r.choice(["gmail.com", "hotmail.nl", "ziggo.nl", "voorbeeld.nl"])
        return f"{r.choice(FIRST).lower().replace('-', '')}.{r.choice(SUR).split()[-1].lower()}@{domain}"
    if kind == "telefoon":
        d = "".join(str(r.randint(0, 9)) for _ in range(8))
        return {
            "06-": f"06-{d}",
            "06 spaced": f"06 {d[:2]} {d[2:4]} {d[4:6]} {d[6:]}",
            "+31 6": f"+31 6 {d}",
            "0031": f"0031 6{d}",
            "vast": f"071-{d[:7]}",
            "(020)": f"(020) {d[:3]} {d[3:5]} {d[5:7]}",
            "010 spaced": f"010 {d[:3]} {d[3:7]}",
        }[fmt]
    if kind == "adres":
        code = f"{r.randint(1000, 9999)}"
        letters = r.choice(CONSONANTS) + r.choice(CONSONANTS)
        return {
            "1234 AB": f"{code} {letters}",
            "1234AB": f"{code}{letters}",
            "1234 ab": f"{code} {letters.lower()}",
            "1234 AB 12": f"{code} {letters} {r.randint(1, 200)}",
        }[fmt]
    if kind == "geboortedatum":
        y, m, d = r.randint(1930, 2005), r.randint(1, 12), r.randint(1, 28)
        return {
            "dd-mm-jjjj": f"{d:02d}-{m:02d}-{y}",
            "d maand jjjj": f"{d} {MONTHS[m - 1]} {y}",
            "jjjj-mm-dd": f"{y}-{m:02d}-{d:02d}",
            "dd/mm/jjjj": f"{d:02d}/{m:02d}/{y}",
        }[fmt]
    if kind == "kenteken":
        code = r.choice(SIDECODES)
        plate = "".join(r.choice(CONSONANTS) if c == "L" else str(r.randint(0, 9)) if c == "D" else c for c in code)
        return {"dashes": plate, "no dashes": plate.replace("-", ""), "lower": plate.lower()}[fmt]
    raise ValueError(kind)


FORMATS = {
    "bsn": ["plain", "dots", "dashes", "spaces"],
    "iban": ["compact", "spaced", "lower"],
    "email": ["plain"],
    "telefoon": ["06-", "06 spaced", "+31 6", "0031", "vast", "(020)", "010 spaced"],
    "adres": ["1234 AB", "1234AB", "1234 ab", "1234 AB 12"],
    "geboortedatum": ["dd-mm-jjjj", "d maand jjjj", "jjjj-mm-dd", "dd/mm/jjjj"],
    "kenteken": ["dashes", "no dashes", "lower"],
}
TEMPLATES = {
    "bsn": ["Mijn BSN is {v}, graag terugbellen", "bsn {v} staat op de brief", "burgerservicenummer: {v}"],
    "iban": ["Teruggave graag naar {v}", "rekeningnummer {v} is gewijzigd", "IBAN {v} klopt niet meer"],
    "email": ["mail mij op {v} aub", "stuur de bevestiging naar {v}", "mijn e-mail is {v}"],
    "telefoon": ["bel me terug op {v}", "bereikbaar op {v} na vijf uur", "nummer {v} werkt niet"],
    "adres": ["container vol bij {v}", "postcode {v}, lantaarnpaal kapot", "ik woon op {v} sinds maart"],
    "geboortedatum": [
        "geboren {v}, vraag over AOW",
        "geboortedatum {v} klopt niet in het systeem",
        "mijn moeder (geb. {v}) kan niet inloggen",
    ],
    "kenteken": ["auto met kenteken {v} staat er al weken", "busje {v} blokkeert de stoep", "parkeerboete voor {v}"],
}
NAME_TEMPLATES = [
    ("mevrouw {n} wacht op haar paspoort", "surname"),
    ("mijn buurman {n} zet zijn afval buiten", "full"),
    ("{n} wil weten hoe de parkeervergunning werkt", "full"),
    ("ik ben {n} en mijn DigiD werkt niet", "full"),
    ("Met vriendelijke groet, {n}", "full"),
    ("gesprek gehad met {n} over de aanslag", "full"),
    ("namens de familie {n} een klacht over geluid", "surname"),
    ("dhr. {n} belde voor de derde keer", "surname"),
    ("mevrouw {n} belde boos", "lower surname"),
    ("graag contact met {n} van de buurtvereniging", "initials"),
]
LOOK_ALIKES = [
    "Ik ben in Den Haag geweest voor mijn paspoort",
    "Het Van Gogh museum is vandaag dicht",
    "er staan 3 containers vol op het plein",
    "afspraak op 12-03-2026 om 10:00 is verzet",
    "zaaknummer 123456789 is nog niet behandeld",
    "in 2024 en 2025 steeds hetzelfde probleem",
    "Windows 10 ondersteunt de app niet",
    "lijn 5 rijdt niet door de werkzaamheden",
    "Groep 8 van de school zoekt stage",
    "artikel 12 van de verordening",
    "Wil je mij terugbellen over de vergunning?",
    "Kan ik mijn rijbewijs ophalen?",
    "DigiD werkt niet bij de Belastingdienst",
    "De Kerkstraat is afgesloten",
    "sinds 1 januari 2026 geldt de regel",
    "aanvraag 2024-0001 ingediend",
    "de storing duurde 45 minuten",
    "bus 12 kwam niet",
    "Mei is de drukste maand",
    "Rotterdam en Amsterdam doen het anders",
    "formulier 3B ingevuld",
    "IBAN NL91ABNA0417164301 is fout",
    "de kosten zijn 12,50 euro",
    "MijnOverheid stuurt geen bericht",
    "de wachttijd was 20 minuten aan de telefoon",
    "Op de Markt staat de kraam",
    "Leiden en Katwijk hebben één loket",
    "huisnummer ontbreekt op het formulier",
    "het Stadhuis is op 5 mei gesloten",
    "versie 2.3 van de app",
    "Voorjaar 2026 komt de nieuwe site",
]


def _spans_for(template, v, kind, fmt):
    start = template.index("{v}")
    text = template.replace("{v}", v)
    return text, [[start, start + len(v), kind, fmt]]


def rows(r):
    for kind, formats in FORMATS.items():
        for fmt in formats:
            for _ in range(12):
                yield _spans_for(r.choice(TEMPLATES[kind]), value(kind, fmt, r), kind, fmt)
    for street in STREETS:
        for template in ["de boom voor {s} {h} is omgewaaid", "overlast bij {s} {h}", "adres: {s} {h}, graag snel"]:
            h = f"{r.randint(1, 250)}{r.choice(['', '', 'a', 'B'])}"
            text = template.replace("{s}", street).replace("{h}", h)
            at = text.index(street) + len(street) + 1
            fmt = "straatwoord" if street.lower().endswith(("straat", "gracht", "weg", "plein", "dijk")) else "zonder"
            yield text, [[at, at + len(h), "adres", fmt]]
    for template, shape in NAME_TEMPLATES:
        for _ in range(14):
            first, sur = r.choice(FIRST), r.choice(SUR)
            name = {
                "surname": sur[0].upper() + sur[1:],
                "full": f"{first} {sur}",
                "lower surname": sur.lower(),
                "initials": f"{first[0]}. {sur}",
            }[shape]
            start = template.index("{n}")
            yield template.replace("{n}", name), [[start, start + len(name), "naam", shape]]
    for text in LOOK_ALIKES:
        yield text, []


def main():
    r = random.Random(SEED)
    with open(OUT, "w", encoding="utf-8") as f:
        for text, spans in rows(r):
            f.write(json.dumps({"text": text, "spans": spans}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
