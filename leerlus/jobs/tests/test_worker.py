"""A real worker runs the jobs: submitted → done, cancelled while running, picked up again after a kill -9,
on the embedded broker and on Redis; `leerlus serve` starts a worker and leaves none behind."""

import json
import os
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest
import redis

from leerlus.jobs.schedule import SCHEDULE
from leerlus.jobs.tests.workers import (
    LEERLUS,
    alive,
    children,
    environment,
    query,
    request_analysis_in_parallel,
    run,
    start_worker,
    status,
    stop,
    submit,
    wait_for,
    wait_until_ended,
)
from tests.conftest import _free_port

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def env(tmp_path_factory, tmp_path):
    return environment(tmp_path_factory, tmp_path / "home")


@pytest.fixture
def worker(env):
    process = start_worker(env)
    yield process
    stop(process)


def test_a_submitted_job_runs_on_the_worker(env, worker, tmp_path):
    job_id = submit(env, "count", {"steps": 3})
    refused = submit(env, "refuse", {})
    ended = wait_until_ended(env, job_id)
    assert (ended["status"], ended["result"], ended["done"], ended["total"]) == ("done", {"counted": 3}, 3, 3)
    assert ended["attempts"] == 1
    failed = wait_until_ended(env, refused)
    assert failed["status"] == "failed" and failed["error"] == "Kolom 'datum' ontbreekt."


def test_imports_finishing_together_in_several_processes_leave_one_waiting_analysis(env):
    asked = request_analysis_in_parallel(env, 4)
    assert len(set(asked)) == 1
    assert query(env, "SELECT id, status FROM jobs_job WHERE kind = 'analysis'") == [(asked[0], "queued")]


def test_a_running_job_stops_when_cancelled(env, worker, tmp_path):
    marks = tmp_path / "marks"
    job_id = submit(env, "count", {"steps": 10_000, "pause": 0.01, "marks": str(marks)})
    wait_for(lambda: marks.exists(), what="the job to start")
    assert status(env, job_id) == "running"
    run(env, "jobs", "cancel", str(job_id))
    ended = wait_until_ended(env, job_id)
    assert ended["status"] == "cancelled" and ended["done"] < 10_000
    assert marks.read_text().split() == ["start"]


def test_a_job_whose_worker_was_killed_is_finished_exactly_once_by_the_next(env, tmp_path):
    marks = tmp_path / "marks"
    first = start_worker(env)
    job_id = submit(env, "count", {"steps": 30, "pause": 0.1, "marks": str(marks)})
    wait_for(lambda: marks.exists(), what="the job to start on the first worker")
    second = start_worker(env)  # its start-up overlaps the kill: it consumes only seconds after the first is gone
    try:
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert status(env, job_id) == "running"
        wait_for(lambda: status(env, job_id) not in ("queued", "running"), what=f"job {job_id} to end")
    finally:
        stop(second)
    detail = json.loads(run(env, "jobs", "--json"))["jobs"]
    ended = next(j for j in detail if j["id"] == job_id)
    assert ended["status"] == "done" and ended["attempts"] == 2, ended
    assert marks.read_text().split() == ["start", "start", "finish"]
    assert [j["id"] for j in detail if j["kind"] not in SCHEDULE] == [job_id]  # the workers' recurring runs aside


def test_a_job_runs_on_a_worker_through_redis(tmp_path_factory, tmp_path):
    env = environment(tmp_path_factory, tmp_path / "home", LEERLUS_BROKER_URL=REDIS_URL)
    worker = start_worker(env)
    try:
        ended = wait_until_ended(env, submit(env, "count", {"steps": 2}))
    finally:
        stop(worker)
        connection = redis.Redis.from_url(REDIS_URL)
        for key in connection.scan_iter(f"{env['LEERLUS_QUEUE']}:*"):  # this run's keys only
            connection.delete(key)
    assert ended["status"] == "done" and ended["result"] == {"counted": 2}
    assert not (tmp_path / "home" / "queue").exists()  # nothing went through the embedded broker


def _start_server(env) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    server = subprocess.Popen(
        [LEERLUS, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return server, port


def _wait_until_up(server: subprocess.Popen, port: int) -> int:
    """Waits for the server to answer and returns the pid of its worker."""

    def up():
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/inloggen/", timeout=1).status == 200
        except OSError:
            return False

    wait_for(up, what="the server")
    (worker,) = wait_for(lambda: _workers_of(server.pid), what="the server's worker")
    return worker


def _workers_of(pid: int) -> list[int]:
    """The `leerlus worker` among the children of `serve` (the others are its server processes)."""
    return [child for child in children(pid) if b"worker" in Path(f"/proc/{child}/cmdline").read_bytes()]


@pytest.mark.parametrize("how", ["terminate", "kill"])
def test_serve_runs_jobs_and_leaves_no_worker_behind(env, how):
    server, port = _start_server(env)
    try:
        job_id = submit(env, "count", {"steps": 2})  # while the server starts: the job waits for its worker
        worker = _wait_until_up(server, port)
        wait_for(lambda: status(env, job_id) not in ("queued", "running"), what=f"job {job_id} to end")
        assert status(env, job_id) == "done"
        os.kill(server.pid, signal.SIGTERM if how == "terminate" else signal.SIGKILL)
        server.wait(timeout=30)
        wait_for(lambda: not alive(worker), what="the worker to stop with the server")
    finally:
        stop(server)
