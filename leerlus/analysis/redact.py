"""Removes personal data from free text before anything is stored.

One compiled regular expression finds candidates; numbers that carry a checksum (BSN with the
11-proof, IBAN with mod-97) are replaced only when the checksum holds, so other 9-digit numbers
and reference codes survive. Texts without a digit or an '@' skip the expression altogether.
Person names come from `names.py` (deduce's name lists with context words); a house number after
a known street name (the BAG list) goes too, also without a street-type word ("Lange Voorhout 34").
The street name itself stays: it identifies nobody and says where a problem is.

Deliberately hand-written: the candidates (Presidio, scrubadub) need language models or are
English-only and run about 100x slower per text; none knows the 11-proof or Dutch plates; deduce
itself handles about 1,000 texts per second (docs/benchmarks.md).
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from leerlus.analysis.names import common_words, find_names, street_names

TOKENS = {
    "bsn": "[BSN]",
    "iban": "[IBAN]",
    "email": "[EMAIL]",
    "telefoon": "[TELEFOON]",
    "adres": "[ADRES]",
    "kenteken": "[KENTEKEN]",
    "geboortedatum": "[GEBOORTEDATUM]",
    "naam": "[NAAM]",
}
HOUSE_NUMBER = "[HUISNUMMER]"
REDACTION_KINDS = tuple(TOKENS)

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = (
    rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{1,2}}\s(?i:{_MONTHS})\.?\s\d{{4}}"
    rf"|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}})"
)
_STREET_SUFFIX = (
    "straat|weg|laan|plein|gracht|singel|kade|dijk|pad|hof|steeg|dreef|park|plantsoen|markt"
    "|boulevard|erf|veld|wal|burgwal|baan|ring|dam"
)
_SEP = r"(?:\s?-\s?|\s)?"
_HOUSE_NUMBER = r"\d{1,5}(?:\s?[a-zA-Z](?!\w)|-\d{1,4})?(?!\w)"
# Dutch licence plates without dashes, by sidecode (L a consonant, D a digit): 12ABC3, XX99XX, …
_L, _D = "[BDFGHJKLMNPRSTVWXZ]", r"\d"
_SIDECODES = "LLDDDD DDDDLL DDLLDD LLDDLL LLLLDD DDLLLL DDLLLD DLLLDD LLDDDL LDDDLL LLLDDL LDDLLL DLLDDD DDDLLD"
_PLATE = "|".join(code.replace("L", _L).replace("D", _D) for code in _SIDECODES.split())
_CAPITALISED = r"[A-ZÀ-Þ][\w'’.-]*"

_PATTERN = re.compile(
    "|".join(
        [
            r"(?P<email>[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})",
            r"(?P<iban>(?<![\w])(?i:[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){2,7}(?:\s?[a-z0-9]{1,3})?)(?!\w))",
            rf"(?P<dob>(?P<dobkw>(?i:geboren|geboortedatum|geboorte\s?datum|geb\.?|verjaardag)"
            rf"(?:\s+(?i:op|in))?[\s:]*)(?:{_DATE}|(?:19|20)\d{{2}}(?![\d-])))",
            rf"(?P<olddate>(?<![\d-])(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})(?![\d-])"
            rf"|(?<!\d)\d{{1,2}}\s(?i:{_MONTHS})\.?\s\d{{4}}(?!\d))",
            rf"(?P<telefoon>(?<![\w+])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}"
            rf"|0[1-9](?:{_SEP}\d){{8}}|\(0[1-9]\d{{1,2}}\)[\s-]?\d(?:[\s-]?\d){{5,6}})(?!\d))",
            r"(?P<bsn>(?<![\d.-])(?:\d{9}|\d{3}[. -]\d{3}[. -]\d{3}|\d{4}[. ]\d{2}[. ]\d{3})(?![\d]|-\d))",
            r"(?P<postcode>(?<!\w)[1-9]\d{3}(?:\s?[A-Z]{2}|\s?(?P<lowerletters>[a-z]{2}))(?!\w)"
            r"(?P<postcodenumber>[\s,]*\d{1,5}(?:\s?[a-zA-Z](?!\w))?)?)",
            rf"(?P<street>(?<!\w)[A-Za-zÀ-ÿ'-]+(?:{_STREET_SUFFIX})\s+(?P<streetnumber>{_HOUSE_NUMBER}))",
            rf"(?P<namedstreet>(?<!\w)(?P<namedstreetname>{_CAPITALISED}(?:\s{_CAPITALISED}){{0,3}})\s"
            rf"(?P<namedstreetnumber>{_HOUSE_NUMBER}))",
            rf"(?P<plate>(?<![\w-])(?i:{_PLATE})(?![\w-]))",
            r"(?P<kenteken>(?<![\w-])(?:[A-Za-z]{1,3}|\d{1,3})-(?:[A-Za-z]{1,3}|\d{1,3})"
            r"-(?:[A-Za-z]{1,3}|\d{1,3})(?![\w-]))",
        ]
    )
)
_HAS_CANDIDATE = re.compile(r"[\d@]").search
_LATEST_BIRTH_YEAR = date.today().year - 12


def is_bsn(digits: str) -> bool:
    """The 11-proof of the Dutch citizen service number (burgerservicenummer)."""
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0


def is_iban(candidate: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN with the spaces removed."""
    iban = candidate.replace(" ", "").upper()
    if not 15 <= len(iban) <= 34 or not iban[:2].isalpha():
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _is_plate(candidate: str) -> bool:
    """A Dutch licence plate: three groups, six characters, letters and digits alternating."""
    groups = candidate.split("-")
    if sum(len(g) for g in groups) != 6:
        return False
    kinds = [g.isdigit() for g in groups]
    return kinds[0] != kinds[1] or kinds[1] != kinds[2]


def _date_year(candidate: str) -> int:
    return int(re.findall(r"\d{4}", candidate)[-1])


_PLATE_WORD = re.compile(r"(?i)kenteken|nummerbord")
_COMMON_PAIRS = frozenset("de en in is op te om al na of ik ze we je nu zo er ga da uw au ok sa sd ss".split())


@dataclass(frozen=True)
class Span:
    """One piece of personal data: where it is in the text, its kind and what replaces it."""

    start: int
    end: int
    kind: str
    replacement: str


def _street_tail(name: str) -> bool:
    """Whether the last one to four capitalised words before a house number are a known street."""
    words, streets, common = name.split(), street_names(), common_words()
    tails = (" ".join(words[-n:]).lower() for n in range(len(words), 0, -1))
    return any(tail in streets and tail not in common for tail in tails)


def _span(match: re.Match) -> Span | None:
    """The span of one candidate, or None when it fails its check (checksum, plate shape, year, list)."""
    kind = match.lastgroup
    text = match.group(kind)
    start, end = match.span(kind)
    if kind == "bsn" and not is_bsn(re.sub(r"\D", "", text)):
        return None
    if kind == "iban" and not is_iban(text):
        return None
    if kind == "dob":
        return Span(match.end("dobkw"), end, "geboortedatum", TOKENS["geboortedatum"])
    if kind == "olddate":
        if not 1900 <= _date_year(text) <= _LATEST_BIRTH_YEAR:
            return None
        kind = "geboortedatum"
    elif kind == "telefoon":
        if text.startswith("(") and len(re.sub(r"\D", "", text)) != 10:
            return None
    elif kind == "postcode":
        letters = match.group("lowerletters")
        if letters in _COMMON_PAIRS:
            return None  # "in 2024 en 2025": a year and a word, no postcode
        kind = "adres"
    elif kind in ("street", "namedstreet"):
        if kind == "namedstreet" and not _street_tail(match.group("namedstreetname")):
            return None
        return Span(*match.span(kind + "number"), "adres", HOUSE_NUMBER)
    elif kind == "plate":
        if not text.isupper() and not _PLATE_WORD.search(match.string, max(0, start - 30), start):
            return None  # "xlsx46" or "mp3wav": a plate in lower case without dashes only after "kenteken"
        kind = "kenteken"
    elif kind == "kenteken" and not _is_plate(text):
        return None
    return Span(start, end, kind, TOKENS[kind])


def find_spans(text: str) -> list[Span]:
    """Every piece of personal data in a text, in order, without overlaps (numbers before names)."""
    spans, taken = [], []
    position = 0
    while _HAS_CANDIDATE(text, position) and (match := _PATTERN.search(text, position)):
        span = _span(match)
        if span is None:  # a failed candidate may hide a real one inside it ("BSN 123-456-782")
            position = match.start() + 1
            continue
        spans.append(span)
        taken.append(match.span(match.lastgroup))  # a street name before its number is no person
        position = match.end()
    names = find_names(text)
    if names:
        spans += [Span(a, b, "naam", TOKENS["naam"]) for a, b in names if not any(a < e and s < b for s, e in taken)]
        spans.sort(key=lambda s: s.start)
    return spans


class Redactor:
    """Replaces personal data by tokens such as [BSN]; `counts` keeps the totals per kind."""

    def __init__(self):
        self.counts = Counter()

    def redact(self, text: str) -> str:
        """The text with every recognised piece of personal data replaced by its token."""
        if not text:
            return text
        spans = find_spans(text)
        if not spans:
            return text
        parts, position = [], 0
        for span in spans:
            parts += [text[position : span.start], span.replacement]
            position = span.end
            self.counts[span.kind] += 1
        parts.append(text[position:])
        return "".join(parts)


def redact(text: str) -> str:
    """Convenience: redact one text without keeping counts."""
    return Redactor().redact(text)
