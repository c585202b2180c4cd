"""kill -9 of `leerlus import` halfway through a large file, then the same import again (issue 12's bar).

Usage: python benchmarks/import_crash.py [--rows 1000000]
Prints how many rows were stored when the import was killed, whether a cleaning process outlived it, the
signals after the second import (the bar: exactly --rows) and SQLite's integrity check.
"""

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from leerlus.demo.files import write_rows


def stored(database: Path) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT COUNT(*) FROM core_signal").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def processes_reading(path: Path) -> list[int]:
    """Processes whose command line names the file (the killed import and any cleaning process it forked)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(path) in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    leerlus = str(Path(sys.executable).with_name("leerlus"))
    with tempfile.TemporaryDirectory() as tmp:
        path, home = Path(tmp) / "signals.csv", Path(tmp) / "home"
        write_rows(path, args.rows)
        env = {"LEERLUS_HOME": str(home), "PATH": os.environ["PATH"]}
        subprocess.run([leerlus, "jobs"], env=env, capture_output=True, check=True)  # migrate first
        database = home / "leerlus.sqlite3"
        started = time.perf_counter()
        first = subprocess.Popen([leerlus, "import", str(path)], env=env, stderr=subprocess.DEVNULL)
        while stored(database) < args.rows // 2 and first.poll() is None:
            time.sleep(0.2)
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = stored(database)
        time.sleep(3)  # a cleaning process checks for its parent at least once a second
        left = [pid for pid in processes_reading(path) if pid != first.pid]
        again = time.perf_counter()
        done = subprocess.run([leerlus, "import", str(path), "--json"], env=env, capture_output=True, text=True)
        second = time.perf_counter() - again
        with sqlite3.connect(database) as connection:
            total = connection.execute("SELECT COUNT(*) FROM core_signal").fetchone()[0]
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        print(f"rows in file:               {args.rows:,}")
        print(f"stored when killed:         {killed_at:,} (after {again - started - 3:.1f} s)")
        print(f"processes left after kill:  {len(left)}")
        print(f"second import:              exit {done.returncode}, {second:.1f} s wall")
        print(f"signals afterwards:         {total:,} (bar: exactly {args.rows:,})")
        print(f"PRAGMA integrity_check:     {integrity}")


if __name__ == "__main__":
    main()
