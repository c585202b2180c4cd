"""One analysis at a time per installation: a second process of the same installation waits for the lock, another
installation (its own data directory; on PostgreSQL its own database on the same server) does not."""

import subprocess
import sys
import threading
from pathlib import Path

from tests.conftest import DJANGO_SETUP, empty_installation

# Says "trying", takes the analysis lock, says "held", and keeps it until the file argv[1] exists.
HOLD = """
import sys, time
from pathlib import Path
from leerlus.patterns.analysis_lock import analysis_lock
print("trying", flush=True)
with analysis_lock():
    print("held", flush=True)
    while not Path(sys.argv[1]).exists():
        time.sleep(0.05)
"""


def _holder(env: dict, release: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", DJANGO_SETUP + HOLD, str(release)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def _lines(process: subprocess.Popen, count: int) -> list[str]:
    return [process.stdout.readline().strip() for _ in range(count)]


def test_a_second_analysis_waits_for_its_own_installation_only(tmp_path_factory, tmp_path):
    ours = empty_installation(tmp_path_factory, tmp_path / "ours", "lock_ours")
    theirs = empty_installation(tmp_path_factory, tmp_path / "theirs", "lock_theirs")
    first_ends, second_ends, theirs_ends = (tmp_path / name for name in ("first", "second", "theirs"))
    first = _holder(ours, first_ends)
    assert _lines(first, 2) == ["trying", "held"]

    other = _holder(theirs, theirs_ends)  # another municipality on the same server analyses meanwhile
    assert _lines(other, 2) == ["trying", "held"]

    second = _holder(ours, second_ends)
    assert _lines(second, 1) == ["trying"]
    said = []
    reader = threading.Thread(target=lambda: said.extend(_lines(second, 1)))
    reader.start()
    reader.join(timeout=2)  # had it not waited, it would have said "held" within milliseconds
    assert said == [], "the second analysis of one installation did not wait for the first"

    first_ends.touch()
    reader.join(timeout=60)
    assert said == ["held"]
    second_ends.touch()
    theirs_ends.touch()
    assert [process.wait(timeout=30) for process in (first, other, second)] == [0, 0, 0]
