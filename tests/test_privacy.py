"""Planted personal data, in every format and column, never reaches the data directory, the database or the output."""

import csv
import json
import sqlite3
import subprocess

# Personal data as people write it in a contact text: (kind, the value, the sentence that carries it).
IN_TEXT = [
    ("bsn", "111222333", "Klant geeft BSN 111222333 door, graag bellen"),
    ("bsn", "123.456.782", "bsn 123.456.782 staat op de brief"),
    ("bsn", "123-456-782", "mijn BSN is 123-456-782"),
    ("bsn", "123 456 782", "burgerservicenummer 123 456 782 klopt niet"),
    ("iban", "NL91ABNA0417164300", "teruggave naar NL91ABNA0417164300 graag"),
    ("iban", "NL91 ABNA 0417 1643 00", "rekening NL91 ABNA 0417 1643 00 is gewijzigd"),
    ("email", "j.jansen@voorbeeld.nl", "mail naar j.jansen@voorbeeld.nl aub"),
    ("telefoon", "06-12345678", "bel me op 06-12345678"),
    ("telefoon", "071 4065000", "vast nummer 071 4065000 gebeld"),
    ("telefoon", "(020) 123 45 67", "terugbellen op (020) 123 45 67 na vijf uur"),
    ("telefoon", "+31 6 87654321", "whatsapp +31 6 87654321"),
    ("adres", "2222 AB 12", "woon op 2222 AB 12 in Katwijk"),
    ("adres", "1234 ab 5", "postcode 1234 ab 5, container vol"),
    ("adres", "Lange Voorhout 34", "de boom voor Lange Voorhout 34 is omgewaaid"),
    ("adres", "Dorpsstraat 12", "lantaarnpaal bij Dorpsstraat 12 kapot"),
    ("kenteken", "12-ABC-3", "auto met kenteken 12-ABC-3 staat er al weken"),
    ("kenteken", "GZ123B", "busje GZ123B blokkeert de stoep"),
    ("geboortedatum", "03-07-1958", "mijn moeder (03-07-1958) kan niet inloggen"),
    ("geboortedatum", "1985-03-12", "geboren 1985-03-12, vraag over AOW"),
    ("geboortedatum", "12 maart 1961", "geboren op 12 maart 1961 in Leiden"),
    ("naam", "Mohammed El Amrani", "mijn buurman Mohammed El Amrani zet zijn afval buiten"),
    ("naam", "Jansen", "mevrouw Jansen wacht op haar paspoort"),
    ("naam", "Piet de Vries", "Piet de Vries wil weten hoe de parkeervergunning werkt"),
    ("naam", "Fatima Yilmaz", "ik ben Fatima Yilmaz en mijn DigiD werkt niet"),
    ("naam", "Sanne Visser", "Met vriendelijke groet, Sanne Visser"),
]
# Personal data in the other columns: (column, value).
IN_COLUMNS = [
    ("id", "111222333"),
    ("onderwerp", "06-87654321"),
    ("onderwerp", "Terugbelverzoek mevrouw Bakker"),
    ("bron", "inwoner Kees van Dijk"),
    ("afdeling", "team van Ahmed Bouzid"),
    ("locatie", "Lange Voorhout 36"),
]
HEADER = ["id", "datum", "kanaal", "onderwerp", "tekst", "bron", "afdeling", "locatie"]


def _export(path) -> list[str]:
    """A CSV with every planted value; rows 1.. carry the text values, then the column values, then a rejected row."""
    rows = [HEADER]
    for i, (_kind, _value, sentence) in enumerate(IN_TEXT):
        rows.append(["", f"{i % 28 + 1:02d}-03-2025 10:00", "telefoon", "Paspoort", sentence, "inwoner", "", ""])
    for i, (column, value) in enumerate(IN_COLUMNS):
        row = dict(zip(HEADER, ["", f"0{i + 1}-04-2025 09:00", "email", "Afval", "container vol", "", "", ""]))
        row[column] = value
        rows.append([row[c] for c in HEADER])
    rows.append(["", "niet-een-datum", "telefoon", "Afval", "Sanne Visser, 06-12345678", "", "", ""])
    rows.append(["", "01-05-2025", "0612345678", "Afval", "container vol", "", "", ""])
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return [value for _kind, value, _sentence in IN_TEXT] + [value for _column, value in IN_COLUMNS] + ["0612345678"]


def _stored_bytes(leerlus_home) -> bytes:
    stored = b"".join(p.read_bytes() for p in leerlus_home.home.rglob("*") if p.is_file())
    if leerlus_home.database_url:
        stored += subprocess.run(
            ["pg_dump", "--data-only", leerlus_home.database_url], capture_output=True, check=True
        ).stdout
    return stored


def test_no_planted_personal_data_anywhere(leerlus_home, tmp_path):
    export = tmp_path / "kcc.csv"
    planted = _export(export)
    done = leerlus_home("import", str(export), "--json")
    summary = json.loads(done.stdout)
    assert summary["imported"] == len(IN_TEXT) + len(IN_COLUMNS) and summary["rejected"] == 2
    leerlus_home("analyse", "--json")
    stored = _stored_bytes(leerlus_home)
    output = (done.stdout + done.stderr).encode()
    found = [value for value in planted if value.encode() in stored or value.encode() in output]
    assert found == [], f"{len(found)} of {len(planted)} planted values found: {found}"
    page = leerlus_home("signals", "--json", "--limit", "100").stdout
    for token in ("[BSN]", "[IBAN]", "[EMAIL]", "[TELEFOON]", "[ADRES]", "[KENTEKEN]", "[GEBOORTEDATUM]", "[NAAM]"):
        assert token in page, token
    signals = json.loads(page)["signals"]
    assert "06-87654321" not in {s["service"] for s in signals}
    assert all(s["external_id"] != "111222333" for s in signals)


def test_erase_removes_a_persons_signals_from_the_file(leerlus_home, tmp_path):
    export = tmp_path / "kcc.csv"
    rows = ["datum;kanaal;onderwerp;tekst"]
    rows += [f"0{i + 1}-03-2025 10:00;telefoon;Afval;container vol bij het station, rij {i}" for i in range(5)]
    rows.append("03-03-2025 11:00;telefoon;Afval;klacht over de geluidsoverlast van de zaagmolen, tel 06-12345678")
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    leerlus_home("import", str(export), "--json")
    secret = b"geluidsoverlast van de zaagmolen"
    assert secret in _stored_bytes(leerlus_home)

    dry = json.loads(leerlus_home("erase", "--text", "zaagmolen, tel 06-12345678", "--dry-run", "--json").stdout)
    assert dry == {"signals": 1, "days": ["2025-03-03"], "dry_run": True, "analysis_requested": False}
    done = json.loads(leerlus_home("erase", "--text", "zaagmolen, tel 06-12345678", "--json").stdout)
    assert done["signals"] == 1 and done["analysis_requested"]

    assert secret not in _stored_bytes(leerlus_home)
    remaining = json.loads(leerlus_home("signals", "--json").stdout)["signals"]
    assert len(remaining) == 5
    if not leerlus_home.database_url:
        with sqlite3.connect(leerlus_home.home / "leerlus.sqlite3") as db:
            counted = db.execute("SELECT SUM(count) FROM core_dailycount WHERE day = '2025-03-03'").fetchone()[0]
        assert counted == 1  # the start page's day count no longer holds the erased signal


def test_erase_without_a_person_is_refused(leerlus_home):
    done = leerlus_home("erase", "--json", check=False)
    assert done.returncode == 2 and "--text" in done.stderr
