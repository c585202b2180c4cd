"""Times the full analysis of N signals on PostgreSQL with one and with two `leerlus worker` processes (Redis broker).

Usage: python benchmarks/analysis_workers.py [--rows 1000000] [--postgres postgres://postgres@127.0.0.1:5432]
       [--redis redis://127.0.0.1:6379/5] [--keep]
Creates a fresh database (`leerlus_bench_<rows>`; with --keep an earlier import of the same size is reused),
imports N synthetic signals (`analysis.synthetic.signals`, as analysis_speed.py), then for 1 and 2 workers:
clears the labels (and rewrites the table with VACUUM FULL, so both runs start from the same table), starts the
workers, submits a full analysis job and times it until it is done. Prints the import, both analyses, their ratio
and the load.
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
BAR = 0.65  # issue 12: two workers take at most this share of the time of one
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
    """User and system time of a process so far, from /proc (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_mb(pid: int) -> float:
    """The largest resident set a process has had (VmHWM), in MB."""
    line = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


class BackendCpu:
    """CPU seconds of the PostgreSQL backends of one database, sampled while a job runs (backends come and go)."""

    def __init__(self, database, name: str):
        self.database, self.name = database, name
        self.first, self.last = {}, {}
        self.sample()
        self.first = dict(self.last)

    def sample(self) -> None:
        pids = self.database.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.name]
        ).fetchall()
        for (pid,) in pids:
            self.last[pid] = max(self.last.get(pid, 0.0), cpu_seconds(pid))

    def seconds(self) -> float:
        return sum(last - self.first.get(pid, 0.0) for pid, last in self.last.items())


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
        database.execute("VACUUM FULL ANALYZE core_signal")  # packed as after an import, at its fillfactor
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
            backends = BackendCpu(database, database_url.rsplit("/", 1)[1])
            while True:
                status, result, error = database.execute(
                    "SELECT status, result, error FROM jobs_job WHERE id = %s", [job_id]
                ).fetchone()
                if status not in ("queued", "running"):
                    break
                backends.sample()
                time.sleep(0.2)
            seconds = time.perf_counter() - started
            takers = database.execute(
                "SELECT COUNT(*) FROM jobs_job WHERE parent_id = %s AND status = 'done'", [job_id]
            ).fetchone()[0]
        if status != "done":
            sys.exit(f"analysis with {workers} worker(s) ended {status}: {error}")
        busy = [round(cpu_seconds(process.pid) - before, 1) for process, before in zip(processes, idle)]
        memory = [round(peak_memory_mb(process.pid)) for process in processes]
        database_cpu = round(backends.seconds(), 1)
        return seconds, {**result, "parts": takers, "cpu": busy, "database_cpu": database_cpu, "peak_mb": memory}
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
    parser.add_argument("--import-only", action="store_true", help="import, then stop (the analyses later with --keep)")
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
            print(f"import:               {imported:,} signals in {seconds:.1f} s (load average {load()})", flush=True)
        if args.import_only:
            return
        subprocess.run([LEERLUS, "jobs", "--json"], env=env, capture_output=True, check=True)  # migrate a kept one
        timings = {}
        for workers in (1, 2):
            timings[workers], result = analyse_with(env, database_url, workers)
            print(
                f"full analysis, {workers} worker{'s' if workers > 1 else ' '}: {timings[workers]:.1f} s "
                f"({result['signals']:,} signals in {result['parts']} parts, {result['patterns']} patterns; "
                f"CPU seconds per worker {result['cpu']}, of the database backends {result['database_cpu']}; "
                f"peak memory per worker {result['peak_mb']} MB; load average now {load()})",
                flush=True,
            )
        ratio = timings[2] / timings[1]
        verdict = "met" if ratio <= BAR else "not met"
        print(f"verdict: 2 workers / 1 = {ratio:.2f}, bar {BAR} {verdict} (load average {load()}, 2 cores)")


if __name__ == "__main__":
    main()
