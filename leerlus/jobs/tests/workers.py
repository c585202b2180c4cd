"""Real `leerlus worker` and `leerlus serve` processes for the job tests, each with its own data directory (and,
on PostgreSQL, its own database), its own queue, and the test job kinds loaded."""

import json
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import psycopg

from tests.conftest import LEERLUS, empty_installation

SUBMIT = """
import json, sys, django
django.setup()
from leerlus.jobs.services import submit
print(submit(sys.argv[1], json.loads(sys.argv[2])).pk)
"""


def environment(tmp_path_factory, home: Path, **extra) -> dict:
    """A migrated, empty installation in `home` (tests/conftest.py's `empty_installation`) with the test job kinds,
    a queue of its own, and a short heartbeat and stale time (a lost job is picked up again after seconds)."""
    return {
        **empty_installation(tmp_path_factory, home, "jobs"),
        "LEERLUS_JOB_MODULES": "leerlus.jobs.tests.kinds",
        "LEERLUS_JOB_HEARTBEAT_SECONDS": "0.5",
        "LEERLUS_JOB_STALE_SECONDS": "3",
        "LEERLUS_QUEUE": f"leerlus-test-{uuid.uuid4().hex[:12]}",
        "DJANGO_SETTINGS_MODULE": "leerlus.settings",
        **extra,
    }


def run(env: dict, *args) -> str:
    done = subprocess.run([LEERLUS, *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def request_analysis_in_parallel(env: dict, processes: int) -> list[int]:
    """`request_analysis()` in several processes at once, as imports that finish together do."""
    code = "import django; django.setup(); from leerlus.jobs import services; print(services.request_analysis().pk)"
    running = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    return [int(process.communicate(timeout=180)[0]) for process in running]


def submit(env: dict, kind: str, params: dict) -> int:
    done = subprocess.run(
        [sys.executable, "-c", SUBMIT, kind, json.dumps(params)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen([LEERLUS, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def job(env: dict, job_id: int) -> dict:
    """The job as `leerlus jobs --json` shows it."""
    return next(j for j in json.loads(run(env, "jobs", "--json"))["jobs"] if j["id"] == job_id)


def query(env: dict, sql: str, *params) -> list[tuple]:
    """Rows straight from the processes' database: polling through the command costs seconds a time.

    A statement that changes rows is committed and returns no rows."""
    if "LEERLUS_DATABASE_URL" in env:
        with psycopg.connect(env["LEERLUS_DATABASE_URL"]) as connection:
            cursor = connection.execute(sql, params)
            return cursor.fetchall() if cursor.description else []
    with closing(sqlite3.connect(Path(env["LEERLUS_HOME"]) / "leerlus.sqlite3", timeout=30)) as connection, connection:
        return connection.execute(sql.replace("%s", "?"), params).fetchall()


def status(env: dict, job_id: int) -> str:
    return query(env, "SELECT status FROM jobs_job WHERE id = %s", job_id)[0][0]


def wait_for(condition, timeout: float = 180, what: str = "the condition"):
    """Polls until `condition()` returns something true; a test fails (not hangs) when it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}")


def wait_until_ended(env: dict, job_id: int) -> dict:
    wait_for(lambda: status(env, job_id) not in ("queued", "running"), what=f"job {job_id} to end")
    return job(env, job_id)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """True while the process runs; an ended process that nobody has reaped yet (a zombie) holds nothing."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def stop(*processes: subprocess.Popen) -> None:
    """Stops the processes together: each finishes its running job in its own time, side by side."""
    running = [process for process in processes if process.poll() is None]
    for process in running:
        process.terminate()
    for process in running:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
