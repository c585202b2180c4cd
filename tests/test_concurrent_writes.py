"""Imports and an analysis at the same time, as separate `leerlus` processes: none fails, nothing is lost.

SQLite has one writer at a time; before, a full analysis held the write lock from start to end and an import
started beside it failed with "database is locked". Now the analysis writes in short transactions.
"""

import json
import subprocess

import pytest

from leerlus.demo.files import write_rows
from tests.conftest import LEERLUS

pytestmark = pytest.mark.slow


def test_two_imports_during_a_full_analysis_go_on_and_all_succeed(leerlus_home, tmp_path):
    first, second, third = (tmp_path / name for name in ("eerste.csv", "tweede.csv", "derde.csv"))
    write_rows(first, 100_000, seed=1)
    write_rows(second, 20_000, seed=2)
    write_rows(third, 20_000, seed=3)
    stored = json.loads(leerlus_home("import", str(first), "--json").stdout)["imported"]

    def start(*args):
        return subprocess.Popen(
            [LEERLUS, *args], env=leerlus_home.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    analysis = start("analyse", "--full", "--json")
    imports = [start("import", str(path), "--json") for path in (second, third)]
    outcomes = [process.communicate(timeout=900) for process in imports]
    assert analysis.poll() is None, "the imports waited for the whole analysis"
    outcomes.insert(0, analysis.communicate(timeout=900))

    for process, (_out, err) in zip((analysis, *imports), outcomes, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
    summaries = [json.loads(out) for out, _err in outcomes[1:]]
    assert [(s["read"], s["rejected"]) for s in summaries] == [(20_000, 0), (20_000, 0)]
    stored += sum(s["imported"] for s in summaries)
    after = json.loads(leerlus_home("analyse", "--json").stdout)
    assert after["signals"] == stored > 135_000
