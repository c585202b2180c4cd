"""Times `leerlus analyse` on N synthetic signals over 18 months in SQLite: full, then after one new day.

Usage: python benchmarks/analysis_speed.py [--rows 1000000]
The signals come from `leerlus.analysis.synthetic.signals` (planted patterns, known topics); the
last day is held back and imported after the full analysis, to time the incremental update.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import holidays

from leerlus.analysis import synthetic

DAYS = 548  # 18 months


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(leerlus: Path, env: dict, *args: str) -> tuple[dict, float, float]:
    """The command's JSON, its wall time and its CPU seconds."""
    started, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run([leerlus, *args, "--json"], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(done.stderr)
    return json.loads(done.stdout), wall, children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    closed = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))
    frame = synthetic.signals(per_day=args.rows / DAYS, days=DAYS, holidays=closed).drop(columns=["id", "topic"])
    frame = frame.rename(columns={"day": "received_at"})
    last_day = frame["received_at"].max()
    with tempfile.TemporaryDirectory() as tmp:
        history, new_day = Path(tmp) / "history.csv", Path(tmp) / "new_day.csv"
        frame[frame["received_at"] < last_day].to_csv(history, index=False)
        frame[frame["received_at"] == last_day].to_csv(new_day, index=False)
        leerlus = Path(sys.executable).with_name("leerlus")
        env = {"LEERLUS_HOME": str(Path(tmp) / "home"), "PATH": "/usr/bin:/bin"}
        env["PYTHONPATH"] = os.environ.get("PYTHONPATH", "")  # a worktree's code, when set
        imported, import_wall, _cpu = timed(leerlus, env, "import", str(history))
        full, full_wall, full_cpu = timed(leerlus, env, "analyse", "--full")
        added, _wall, _cpu = timed(leerlus, env, "import", str(new_day))
        incremental, incremental_wall, incremental_cpu = timed(leerlus, env, "analyse")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"signals:              {imported['imported']:,} over {DAYS - 1} days (import {import_wall:.1f} s)")
        print(
            f"full analysis:        {full_wall:.1f} s wall ({full['seconds']:.1f} s in run_analysis, "
            f"{full_cpu:.1f} CPU seconds), {full['patterns']} patterns"
        )
        print(
            f"one new day:          {added['imported']:,} signals; incremental analysis {incremental_wall:.1f} s wall "
            f"({incremental['seconds']:.1f} s in run_analysis, {incremental_cpu:.1f} CPU seconds; "
            f"classified {incremental['classified']:,})"
        )
        print(f"peak memory:          {peak_mb:,.0f} MB (largest of the steps)")
        print(f"load average:         {', '.join(f'{value:.1f}' for value in os.getloadavg())} (2 cores)")


if __name__ == "__main__":
    main()
