"""Planted personal data never reaches the data directory or the database, nor the output."""

import subprocess

PLANTED = {
    "bsn": "111222333",
    "bsn met punten": "123.456.782",
    "iban": "NL91ABNA0417164300",
    "email": "j.jansen@voorbeeld.nl",
    "mobiel": "06-12345678",
    "vast": "071 4065000",
    "postcode": "2222 AB 12",
    "kenteken": "12-ABC-3",
    "geboortedatum": "03-07-1958",
}


def test_no_planted_personal_data_anywhere(leerlus_home, tmp_path):
    export = tmp_path / "kcc.csv"
    rows = ["datum;kanaal;onderwerp;tekst;locatie"]
    for i, (kind, value) in enumerate(PLANTED.items()):
        rows.append(
            f"0{i + 1}-03-2025 10:00;telefoon;Paspoort;Klant ({kind}) geeft {value} door, graag bellen;"
            f"Dorpsstraat {i + 10}"
        )
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = leerlus_home("import", str(export), "--json")
    assert '"imported": 9' in done.stdout
    stored = b"".join(p.read_bytes() for p in leerlus_home.home.rglob("*") if p.is_file())
    if leerlus_home.database_url:
        stored += subprocess.run(
            ["pg_dump", "--data-only", leerlus_home.database_url], capture_output=True, check=True
        ).stdout
    for kind, value in PLANTED.items():
        assert value.encode() not in stored, kind
        assert value.encode() not in (done.stdout + done.stderr).encode(), kind
    assert b"Dorpsstraat 12" not in stored
    page = leerlus_home("signals", "--json").stdout
    assert "[BSN]" in page and "[IBAN]" in page and "[TELEFOON]" in page and "[GEBOORTEDATUM]" in page
