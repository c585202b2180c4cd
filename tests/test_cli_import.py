"""`leerlus import` for people: the rejected rows grouped per reason, the full list, one date for a whole file."""

import csv
import json
import os
import pty
import subprocess

from tests.conftest import LEERLUS


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def test_a_file_with_only_texts_imports_with_one_date_and_one_channel(leerlus_home, tmp_path):
    export = _write(
        tmp_path / "amsterdam.csv",
        [
            ["Tekst", "Label"],
            ["Container vol bij de hoek", "Afval"],
            ["Er zit een gat\nin de stoep", "Wegen, verkeer, straatmeubilair"],
            ["Auto staat op de stoep", "Overlast in de openbare ruimte"],
        ],
    )
    refused = leerlus_home("import", str(export), "--channel", "website", check=False)
    assert refused.returncode == 2 and "--date" in refused.stderr
    done = leerlus_home(
        "import", str(export), "--channel", "website", "--date", "06-05-2024", "--map", "Label=service", "--json"
    )
    assert json.loads(done.stdout)["imported"] == 3
    signals = json.loads(leerlus_home("signals", "--json").stdout)["signals"]
    assert {(s["received_at"][:10], s["channel"]) for s in signals} == {("2024-05-06", "website")}
    services = {"Afval", "Wegen, verkeer, straatmeubilair", "Overlast in de openbare ruimte"}
    assert {s["service"] for s in signals} == services
    wrong = leerlus_home("import", str(export), "--channel", "website", "--date", "6 mei", check=False)
    assert wrong.returncode == 2 and "--date '6 mei' is geen datum" in wrong.stderr


def test_the_summary_groups_rejected_rows_and_lists_the_unknown_channel_codes(leerlus_home, tmp_path):
    rows = [["id", "created", "source", "categoryName"]]
    rows += [[f"A{i}", "2025-01-02 10:00:00", "website", "Afval"] for i in range(10)]
    rows += [[f"B{i}", "2025-01-02 10:00:00", "citizen-ios", "Afval"] for i in range(40)]
    rows += [[f"C{i}", "2025-01-02 10:00:00", "handler-android", "Afval"] for i in range(25)]
    rows += [[f"D{i}", "2025-01-02 10:00:00", "", "Afval"] for i in range(3)]
    rows += [["E1", "jan@example.nl", "website", "Afval"]]
    export = _write(tmp_path / "fixi.csv", rows)
    listed = tmp_path / "afgewezen.csv"
    done = leerlus_home("import", str(export), "--map", "source=channel", "--rejected", str(listed))
    out = done.stdout
    assert "10 nieuw, 0 dubbel, 69 afgewezen" in out
    assert "Afgewezen per reden:" in out
    assert (
        "65 × Onbekende kanaalcodes; koppel ze aan een kanaal (in de wizard bij Kanalen, op de opdrachtregel met "
        "--map-channel CODE=kanaal). (regels 12, 13, 14, 15, 16, …)" in out
    )
    assert "citizen-ios 40, handler-android 25" in out
    assert "3 × Kanaal (kolom source) ontbreekt" in out
    assert "1 × Datum in kolom created is onleesbaar" in out
    assert "jan@example.nl" not in out
    with open(listed, newline="", encoding="utf-8") as f:
        lines = list(csv.reader(f))
    assert len(lines) == 70 and lines[0] == ["regel", "code", "reden"] and lines[-1][:2] == ["80", "date_unreadable"]

    mapped = leerlus_home(
        "import", str(export), "--map", "source=channel", "--map-channel", "citizen-ios=app", "--json"
    ).stdout
    summary = json.loads(mapped)
    assert (summary["imported"], summary["duplicates"], summary["rejected"]) == (40, 10, 29)
    assert [(g["code"], g["count"]) for g in summary["rejected_by_reason"]] == [
        ("channel_unknown", 25),
        ("channel_missing", 3),
        ("date_unreadable", 1),
    ]
    assert summary["rejected_by_reason"][0]["values"] == [{"value": "handler-android", "count": 25}]


def test_on_a_terminal_the_import_draws_a_progress_bar(leerlus_home, tmp_path):
    rows = [["received_at", "channel", "text"]] + [["2025-02-03", "chat", f"vraag {i}"] for i in range(25_000)]
    export = _write(tmp_path / "groot.csv", rows)
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [LEERLUS, "import", str(export)], env=leerlus_home.env, stdout=subprocess.PIPE, stderr=terminal
    )
    os.close(terminal)
    drawn = b""
    while True:
        try:
            block = os.read(main, 4096)
        except OSError:  # the command ended and closed the terminal
            break
        if not block:
            break
        drawn += block
    process.wait(timeout=300)
    os.close(main)
    screen = drawn.decode("utf-8")
    assert process.returncode == 0
    assert "lezen en opschonen: [" in screen and "rijen/s" in screen and "100%" in screen
    assert "dagtellingen bijwerken" in screen


def test_a_command_line_import_is_a_job_and_asks_for_one_analysis(leerlus_home, tmp_path):
    export = _write(tmp_path / "a.csv", [["received_at", "channel", "text"], ["2025-03-01", "chat", "hallo"]])
    summary = json.loads(leerlus_home("import", str(export), "--json").stdout)
    jobs = json.loads(leerlus_home("jobs", "--json").stdout)["jobs"]
    assert [(j["kind"], j["status"]) for j in jobs] == [("analysis", "queued"), ("import", "done")]
    assert jobs[1]["result"] == summary and jobs[1]["title"] == "Import van a.csv"
    leerlus_home("import", str(export), "--json")
    kinds = [j["kind"] for j in json.loads(leerlus_home("jobs", "--json").stdout)["jobs"]]
    assert kinds.count("analysis") == 1 and kinds.count("import") == 2
