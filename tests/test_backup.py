"""`leerlus backup` and `leerlus restore` round-trip a whole municipality, on SQLite and on PostgreSQL."""

import json
import stat
import subprocess

from tests.conftest import LEERLUS, load_demo


def run_leerlus(env: dict, *args):
    return subprocess.run([LEERLUS, *args], env=env, capture_output=True, text=True, timeout=600, check=True)


def test_a_copy_of_the_demo_restores_every_row_into_a_new_installation(tmp_path_factory, leerlus_home, tmp_path):
    origin = load_demo(tmp_path_factory, "backup")
    copy = tmp_path / "kopie.leerlus"
    made = json.loads(run_leerlus(origin, "backup", str(copy), "--json").stdout)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert made["rows"]["core.signal"] > 70_000 and made["rows"]["playground.lesson"] > 0
    patterns = json.loads(run_leerlus(origin, "patterns", "--json").stdout)
    signals = json.loads(run_leerlus(origin, "signals", "--limit", "200", "--json").stdout)

    restored = json.loads(leerlus_home("restore", str(copy), "--yes", "--json").stdout)

    assert restored["rows"] == made["rows"]
    assert json.loads(leerlus_home("patterns", "--json").stdout) == patterns
    assert json.loads(leerlus_home("signals", "--limit", "200", "--json").stdout) == signals
    second = leerlus_home("backup", str(copy), check=False)
    assert second.returncode == 2 and "bestaat al" in second.stderr


def test_restore_refuses_a_file_that_is_no_copy_and_changes_nothing(leerlus_home, tmp_path):
    other = tmp_path / "notities.txt"
    other.write_text("geen database")
    refused = leerlus_home("restore", str(other), "--yes", check=False)
    assert refused.returncode == 2 and "geen reservekopie van leerlus" in refused.stderr
    empty = json.loads(leerlus_home("backup", str(tmp_path / "leeg.leerlus"), "--json").stdout)
    assert empty["rows"]["core.signal"] == 0
