"""Hostile import files (issue 15's bar): per file the rows imported and rejected, the seconds and the peak memory.

Usage: python benchmarks/hostile_files.py [--database-url URL]
Builds every file of `leerlus.demo.hostile` in a temporary directory and runs `leerlus import FILE --json` on
each in a fresh data directory (SQLite, or the PostgreSQL database given). The bar: no traceback, every good
row imported, peak memory (the import and its cleaning process, from getrusage) under 1 GB.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from leerlus.demo.hostile import write_all

LEERLUS = str(Path(sys.executable).with_name("leerlus"))


# Runs one command and prints its peak resident memory (kB, with its children) as the last line on stderr.
MEASURED = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def run(path: Path, env: dict) -> tuple[subprocess.CompletedProcess, float, float]:
    """The import, its wall seconds and its peak resident memory in MB (the import and its cleaning process)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, LEERLUS, "import", str(path), "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    *stderr, peak = done.stderr.rstrip().splitlines()
    return (
        subprocess.CompletedProcess(done.args, done.returncode, done.stdout, "\n".join(stderr)),
        seconds,
        int(peak) / 1024,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL database to import into (good rows differ per file)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        files = write_all(Path(directory) / "files")
        print(f"{'file':28} {'good':>6} {'imported':>8} {'rejected':>8} {'seconds':>7} {'peak MB':>7}  outcome")
        for planted in files:
            home = Path(directory) / f"home-{planted.path.name}"
            env = {**os.environ, "LEERLUS_HOME": str(home)}
            if options.database_url:
                env["LEERLUS_DATABASE_URL"] = options.database_url
            done, seconds, peak = run(planted.path, env)
            if done.returncode == 0:
                summary = json.loads(done.stdout)
                imported, rejected = summary["imported"], summary["rejected"]
                outcome = "ok" if imported >= planted.good else f"LOST {planted.good - imported} good rows"
            else:
                imported = rejected = 0
                outcome = done.stderr.strip().splitlines()[-1][:90]
            if "Traceback" in done.stderr:
                outcome = "TRACEBACK " + outcome
            print(
                f"{planted.path.name:28} {planted.good:>6} {imported:>8} {rejected:>8} {seconds:>7.2f} {peak:>7.0f}  "
                f"{outcome}"
            )


if __name__ == "__main__":
    main()
