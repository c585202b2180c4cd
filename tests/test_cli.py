"""The command line contract: one JSON document with --json, exit 2 and one line on bad input."""

import json
import subprocess
from pathlib import Path

from tests.conftest import LEERLUS, run_django


def test_import_json_summary_follows_the_contract(leerlus_home, tmp_path):
    export = tmp_path / "a.csv"
    export.write_text("received_at,channel,text\n2025-03-01,chat,hallo\n2025-03-01,duif,hallo\n")
    summary = json.loads(leerlus_home("import", str(export), "--json").stdout)
    contract = {"read", "imported", "duplicates", "rejected", "errors", "redacted", "seconds"}
    assert set(summary) == contract | {"rejected_by_reason", "batch", "rejected_file"}  # extended, never changed
    assert summary["errors"] == [{"line": 3, "code": "channel_unknown", "reason": summary["errors"][0]["reason"]}]
    assert summary["rejected_by_reason"] == [
        {
            "code": "channel_unknown",
            "reason": summary["rejected_by_reason"][0]["reason"],
            "count": 1,
            "lines": [3],
            "values": [{"value": "duif", "count": 1}],
        }
    ]
    again = json.loads(leerlus_home("import", str(export), "--json").stdout)
    assert (again["imported"], again["duplicates"]) == (0, 1)


def test_bad_files_exit_2_with_one_line(leerlus_home, tmp_path):
    binary = tmp_path / "foto.csv"
    binary.write_bytes(b"\x00\x01\x02PNG")
    for args in (
        ["import", str(binary)],
        ["import", str(tmp_path / "weg.csv")],
        ["signals", "--channel", "fax"],
        ["import", str(binary), "--map-channel", "fout"],
    ):
        done = leerlus_home(*args, check=False)
        assert done.returncode == 2, args
        assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("leerlus: "), done.stderr
        assert done.stdout == ""


def test_signals_json_lists_the_contract_fields(leerlus_home, tmp_path):
    export = tmp_path / "a.csv"
    export.write_text("received_at,channel,service,text\n2025-03-01,telefoon,Paspoort,afspraak maken\n")
    leerlus_home("import", str(export))
    page = json.loads(leerlus_home("signals", "--json").stdout)
    assert set(page["signals"][0]) == {
        "id",
        "external_id",
        "received_at",
        "channel",
        "service",
        "service_origin",
        "demand",
        "sentiment",
        "topic",
        "text",
    }


def test_simulate_answers_per_channel_and_per_scenario(leerlus_home, tmp_path):
    scenario = tmp_path / "scenario.json"
    scenario.write_text(
        json.dumps(
            {
                "answer_within_seconds": 20,
                "channels": [
                    {"name": "telefoon", "contacts_per_hour": 200, "handle_seconds": 180, "agents": 14},
                    {
                        "name": "chat",
                        "contacts_per_hour": 60,
                        "handle_seconds": 240,
                        "agents": 3,
                        "patience_seconds": 300,
                    },
                ],
                "scenarios": [{"name": "twee extra", "changes": [{"channel": "telefoon", "agents_change": 2}]}],
            }
        )
    )
    document = json.loads(leerlus_home("simulate", "--scenario", str(scenario), "--json").stdout)
    phone, chat = document["channels"]
    assert set(phone) == {"name", "service_level", "asa_seconds", "occupancy", "abandon_rate", "queue_length", "method"}
    assert (phone["method"], chat["method"]) == ("erlang_c", "erlang_a")
    assert abs(phone["service_level"] - 0.8883) < 0.005 and phone["abandon_rate"] == 0
    better = document["scenarios"][0]["channels"][0]
    assert better["asa_seconds"] < phone["asa_seconds"]
    scenario.write_text(
        json.dumps({"channels": [{"name": "telefoon", "contacts_per_hour": 300, "handle_seconds": 180, "agents": 10}]})
    )
    overloaded = json.loads(leerlus_home("simulate", "--scenario", str(scenario), "--json").stdout)["channels"][0]
    assert overloaded["asa_seconds"] is None and overloaded["queue_length"] is None  # it never empties
    scenario.write_text(
        json.dumps(
            {
                "channels": [
                    {
                        "name": "telefoon",
                        "contacts_per_hour": 200,
                        "handle_seconds": 180,
                        "agents": 10,
                        "patience_seconds": 120,
                        "shift_to": "chat",
                        "shift_share": 0.5,
                        "repeat_share": 0.1,
                    },
                    {
                        "name": "chat",
                        "contacts_per_hour": 20,
                        "handle_seconds": 300,
                        "agents": 4,
                        "patience_seconds": 600,
                    },
                ]
            }
        )
    )
    simulated = json.loads(leerlus_home("simulate", "--scenario", str(scenario), "--json").stdout)["channels"]
    assert {c["method"] for c in simulated} == {"simulation"} and simulated[0]["abandon_rate"] > 0
    scenario.write_text('{"channels": [{"name": "telefoon", "agents": 3}]}')
    done = leerlus_home("simulate", "--scenario", str(scenario), check=False)
    assert done.returncode == 2 and "mist: contacts_per_hour, handle_seconds" in done.stderr


def test_a_command_starts_without_the_numeric_libraries(leerlus_home):
    """A command that needs no analysis answers in about half a second: pandas, NumPy, SciPy, scikit-learn and
    openpyxl (together about a second of start-up) are loaded only by the work that uses them."""
    probe = (
        "import sys; from leerlus.cli import main; sys.argv = ['leerlus', 'user', 'list'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'numpy', 'scipy', 'sklearn', 'openpyxl'}))"
    )
    done = subprocess.run(
        [Path(LEERLUS).with_name("python"), "-c", probe], env=leerlus_home.env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_command_brings_an_older_database_up_to_date(leerlus_home):
    """After an upgrade brings a new migration, the first command applies it (a command on an up-to-date database
    skips loading the migrations: tests/conftest.py's installations exercise that path in every other test)."""
    run_django(
        leerlus_home.env, "from django.core.management import call_command; call_command('migrate', 'jobs', '0001')"
    )
    assert json.loads(leerlus_home("jobs", "--json").stdout) == {"jobs": []}  # reads the column 0002 adds
    applied = run_django(
        leerlus_home.env,
        "from django.db import connection; from django.db.migrations.recorder import MigrationRecorder\n"
        "print(sorted(n for a, n in MigrationRecorder(connection).applied_migrations() if a == 'jobs'))",
    )
    assert applied.strip() == "['0001_initial', '0002_job_parent']"
