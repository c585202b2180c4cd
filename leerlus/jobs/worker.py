"""The worker process: a Celery worker with the job recovery beside it, and the one `leerlus serve` starts.

The worker runs jobs in threads (one by default: the embedded SQLite database has one writer anyway; on
PostgreSQL, add threads or workers). A worker that `leerlus serve` started watches its parent and stops
when the parent is gone, also after a kill -9, so it never lingers.
"""

import os
import signal
import subprocess
import sys
import threading
import time

from celery.signals import worker_ready
from django.conf import settings
from django.db import DatabaseError, connections

PARENT_VARIABLE = "LEERLUS_WORKER_PARENT"


def _recover_periodically() -> None:
    """Picks up lost jobs and submits recurring ones that are due (jobs.schedule)."""
    from leerlus.jobs.recovery import recover_jobs
    from leerlus.jobs.schedule import submit_due

    every = max(1.0, min(60.0, settings.JOB_STALE_SECONDS / 2))
    while True:
        try:
            recover_jobs()
            submit_due()
        except DatabaseError:
            pass  # busy database: the next round tries again
        finally:
            connections.close_all()
        time.sleep(every)


def _start_recovery(**kwargs) -> None:
    """Once the worker consumes (sending from a thread while Celery still starts up can hang)."""
    threading.Thread(target=_recover_periodically, name="job-recovery", daemon=True).start()


def watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)  # warm shutdown: the running job finishes if it can
    time.sleep(10)
    os._exit(1)


def run_worker(concurrency: int = 1) -> None:
    """Runs a worker in this process until it is stopped (Ctrl+C, SIGTERM, or its parent going away)."""
    from leerlus.jobs.queue import app

    parent = os.environ.get(PARENT_VARIABLE)
    if parent:
        threading.Thread(target=watch_parent, args=(int(parent),), name="parent-watch", daemon=True).start()
    worker_ready.connect(_start_recovery, weak=False)
    app.worker_main(
        [
            "--quiet",  # no banner: the worker speaks only when something is wrong
            "worker",
            "--pool=threads",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
            f"--hostname=leerlus-{os.getpid()}@%h",
            f"--queues={settings.JOB_QUEUE}",
        ]
    )


def start_worker_process() -> subprocess.Popen:
    """`leerlus worker` as a child of this process, for `leerlus serve`."""
    env = {**os.environ, PARENT_VARIABLE: str(os.getpid())}
    return subprocess.Popen([sys.executable, "-m", "leerlus", "worker"], env=env)


def stop_worker_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)  # a job still running then is picked up again after the restart
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
