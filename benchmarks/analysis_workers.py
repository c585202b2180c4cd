"""Times the full analysis of N signals on PostgreSQL with one and with two `leerlus worker` processes (Redis broker).

Usage: python benchmarks/analysis_workers.py [--rows 1000000] [--postgres postgres://postgres@127.0.0.1:5432]
       [--redis redis://127.0.0.1:6379/5] [--keep]
Creates a fresh database (`leerlus_bench_<rows>`; with --keep an earlier import of the same size is reused),
imports N synthetic signals (`analysis.synthetic.signals`, as analysis_speed.py), then for 1 and 2 workers:
clears the labels (and vacuums, so both runs start from the same table), starts the workers, submits a full
analysis job and times it until it is done. Prints the import, both analyses, their ratio and the load.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import holidays
import psycopg

from leerlus.analysis import synthetic

DAYS = 548  # 18 months
LEERLUS = Path(sys.executable).with_name("leerlus")
SUBMIT = (
    "import django; django.setup(); from leerlus.jobs.services import submit; "
    "print(submit('analysis', {'full': True}).pk)"
)
UNLABEL = (
    "UPDATE core_signal SET analysed = FALSE, topic = NULL, demand = '', sentiment = '', "
    "effective_service_id = service_id"
)


def load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def cpu_seconds(pid: int) -> float:
    """User and system time of a process so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fresh_database(admin_url: str, name: str, keep: bool) -> bool:
    """True when an imported database of that name is kept; else it is (re)created empty."""
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if keep and exists:
            with psycopg.connect(f"{admin_url}/{name}") as database:
                if database.execute("SELECT EXISTS (SELECT 1 FROM core_signal)").fetchone()[0]:
                    return True
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    return False


def import_signals(env: dict, rows: int, folder: Path) -> tuple[int, float]:
    closed = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))
    frame = synthetic.signals(per_day=rows / DAYS, days=DAYS, holidays=closed).drop(columns=["id", "topic"])
    path = folder / "signals.csv"
    frame.rename(columns={"day": "received_at"}).to_csv(path, index=False)
    del frame
    subprocess.run([LEERLUS, "jobs", "--json"], env=env, capture_output=True, check=True)  # migrate first
    started = time.perf_counter()
    done = subprocess.run([LEERLUS, "import", str(path), "--json"], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr)
    return json.loads(done.stdout)["imported"], time.perf_counter() - started


def analyse_with(env: dict, database_url: str, workers: int) -> tuple[float, dict]:
    with psycopg.connect(database_url, autocommit=True) as database:
        database.execute("DELETE FROM jobs_job WHERE status IN ('queued', 'running')")  # e.g. the import's analysis
        database.execute(UNLABEL)
        database.execute("VACUUM ANALYZE core_signal")
    queue_env = {**env, "LEERLUS_QUEUE": f"leerlus-bench-{uuid.uuid4().hex[:8]}"}
    processes = [
        subprocess.Popen([LEERLUS, "worker"], env=queue_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(workers)
    ]
    try:
        time.sleep(5)  # the workers connect to the broker
        idle = [cpu_seconds(process.pid) for process in processes]
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", SUBMIT], env=queue_env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(done.stderr)
        job_id = int(done.stdout)
        with psycopg.connect(database_url, autocommit=True) as database:
            while True:
                status, result, error = database.execute(
                    "SELECT status, result, error FROM jobs_job WHERE id = %s", [job_id]
                ).fetchone()
                if status not in ("queued", "running"):
                    break
                time.sleep(0.2)
            seconds = time.perf_counter() - started
            takers = database.execute(
                "SELECT COUNT(*) FROM jobs_job WHERE parent_id = %s AND status = 'done'", [job_id]
            ).fetchone()[0]
        if status != "done":
            sys.exit(f"analysis with {workers} worker(s) ended {status}: {error}")
        busy = [round(cpu_seconds(process.pid) - before, 1) for process, before in zip(processes, idle)]
        return seconds, {**result, "parts": takers, "cpu": busy}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--keep", action="store_true", help="reuse an imported database of the same size")
    args = parser.parse_args()
    name = f"leerlus_bench_{args.rows}"
    database_url = f"{args.postgres}/{name}"
    print(f"load average at start: {load()} (2 cores)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "LEERLUS_HOME": str(Path(tmp) / "home"),
            "LEERLUS_DATABASE_URL": database_url,
            "LEERLUS_BROKER_URL": args.redis,
            "DJANGO_SETTINGS_MODULE": "leerlus.settings",
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        }
        if fresh_database(args.postgres, name, args.keep):
            print("import:               kept from an earlier run (--keep)", flush=True)
        else:
            imported, seconds = import_signals(env, args.rows, Path(tmp))
            print(f"import:               {imported:,} signals in {seconds:.1f} s", flush=True)
        timings = {}
        for workers in (1, 2):
            timings[workers], result = analyse_with(env, database_url, workers)
            print(
                f"full analysis, {workers} worker{'s' if workers > 1 else ' '}: {timings[workers]:.1f} s "
                f"({result['signals']:,} signals in {result['parts']} parts, {result['patterns']} patterns; "
                f"CPU seconds per worker {result['cpu']}; load average now {load()})",
                flush=True,
            )
        print(f"ratio 2 workers / 1:  {timings[2] / timings[1]:.2f} (bar: at most 0.65)")


if __name__ == "__main__":
    main()
