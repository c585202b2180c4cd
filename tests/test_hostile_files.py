"""Hostile files through the real `leerlus import`: no traceback, every good row imported, memory under 1 GB."""

import json
import resource

import pytest

from leerlus.demo.hostile import FILES, write_all

GIGABYTE_KB = 1024 * 1024  # ru_maxrss is in kilobytes on Linux


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return {f.path.name: f for f in write_all(tmp_path_factory.mktemp("hostile"))}


@pytest.mark.parametrize("name", list(FILES))
def test_a_hostile_file_gives_a_message_or_every_good_row(leerlus_home, hostile, name):
    planted = hostile[name]
    done = leerlus_home("import", str(planted.path), "--json", check=False)
    assert "Traceback" not in done.stderr
    if planted.refused:
        assert done.returncode == 2 and done.stderr.startswith("leerlus: ") and name in done.stderr
    else:
        assert done.returncode == 0, done.stderr
        summary = json.loads(done.stdout)
        assert summary["imported"] >= planted.good and summary["imported"] + summary["rejected"] == summary["read"]
        assert all(error["line"] > 1 for error in summary["errors"])
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < GIGABYTE_KB
