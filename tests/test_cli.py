"""The command line contract: one JSON document with --json, exit 2 and one line on bad input."""

import json


def test_import_json_summary_follows_the_contract(leerlus_home, tmp_path):
    export = tmp_path / "a.csv"
    export.write_text("received_at,channel,text\n2025-03-01,chat,hallo\n2025-03-01,duif,hallo\n")
    summary = json.loads(leerlus_home("import", str(export), "--json").stdout)
    assert set(summary) == {"read", "imported", "duplicates", "rejected", "errors", "redacted", "seconds"}
    assert summary["errors"] == [{"line": 3, "reason": summary["errors"][0]["reason"]}]
    again = json.loads(leerlus_home("import", str(export), "--json").stdout)
    assert (again["imported"], again["duplicates"]) == (0, 1)


def test_bad_files_exit_2_with_one_line(leerlus_home, tmp_path):
    binary = tmp_path / "foto.csv"
    binary.write_bytes(b"\x00\x01\x02PNG")
    for args in (["import", str(binary)], ["import", str(tmp_path / "weg.csv")], ["signals", "--channel", "fax"],
                 ["import", str(binary), "--map-channel", "fout"]):
        done = leerlus_home(*args, check=False)
        assert done.returncode == 2, args
        assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("leerlus: "), done.stderr
        assert done.stdout == ""


def test_signals_json_lists_the_contract_fields(leerlus_home, tmp_path):
    export = tmp_path / "a.csv"
    export.write_text("received_at,channel,service,text\n2025-03-01,telefoon,Paspoort,afspraak maken\n")
    leerlus_home("import", str(export))
    page = json.loads(leerlus_home("signals", "--json").stdout)
    assert set(page["signals"][0]) == {"id", "external_id", "received_at", "channel", "service", "service_origin",
                                       "demand", "sentiment", "topic", "text"}
