"""Times `leerlus import` on N generated, realistic rows (5% carry personal data) into SQLite.

Usage: python benchmarks/import_speed.py [--rows 1000000] [--keep DIR]
Prints rows/s including redaction and the peak memory of the import process.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from leerlus.demo.files import write_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "signals.csv"
        write_rows(path, args.rows)
        home = Path(tmp) / "home"
        leerlus = Path(sys.executable).with_name("leerlus")
        env = {"LEERLUS_HOME": str(home), "PATH": "/usr/bin:/bin"}
        subprocess.run([leerlus, "signals", "--limit", "1", "--json"], env=env, capture_output=True)  # migrate first
        started = time.perf_counter()
        done = subprocess.run([leerlus, "import", str(path), "--json"], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(done.stderr)
        summary = json.loads(done.stdout)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = sum(p.stat().st_size for p in home.glob("leerlus.sqlite3*")) / 1e6
        print(f"rows in file:        {args.rows:,}")
        print(
            f"imported:            {summary['imported']:,}  (rejected {summary['rejected']}, "
            f"redactions {sum(summary['redacted'].values()):,})"
        )
        print(f"wall time:           {wall:.1f} s  (import itself: {summary['seconds']:.1f} s)")
        print(f"throughput:          {args.rows / wall:,.0f} signals/s (wall, incl. start-up)")
        print(f"peak memory:         {peak_mb:,.0f} MB")
        print(f"database size:       {size_mb:,.0f} MB")


if __name__ == "__main__":
    main()
