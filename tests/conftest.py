"""Cross-cutting fixtures: the real `leerlus` command in a fresh data directory, a real server."""

import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

LEERLUS = str(Path(sys.executable).with_name("leerlus"))


def _fresh_postgres_url(purpose: str, *, template: str | None = None, worker: str | None = None) -> str | None:
    """With LEERLUS_TEST_DATABASE_URL set, a new PostgreSQL database for the subprocesses: empty, or a copy of
    the database that `template` (a URL) names.

    Its name derives from the test database's, the purpose and the xdist worker, so that runs, fixtures and
    workers never drop each other's database."""
    url = os.environ.get("LEERLUS_TEST_DATABASE_URL")
    if not url:
        return None
    base, test_database = url.rsplit("/", 1)
    name = f"{test_database}_{purpose}_{worker or os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    copy_of = f" TEMPLATE {template.rsplit('/', 1)[1]}" if template else ""
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}{copy_of}")
    return f"{base}/{name}"


def _base_environment(home: Path) -> dict:
    """PATH, the data directory, and PYTHONPATH when set (a git worktree that shares another checkout's venv)."""
    passed = {name: os.environ[name] for name in ("PYTHONPATH",) if name in os.environ}
    return {"PATH": os.environ.get("PATH", ""), **passed, "LEERLUS_HOME": str(home), "LANG": "C.UTF-8"}


def _environment(home: Path, purpose: str) -> dict:
    """The environment of a `leerlus` subprocess with its own data directory and, on PostgreSQL, its own database."""
    env = _base_environment(home)
    database_url = _fresh_postgres_url(purpose)
    if database_url:
        env["LEERLUS_DATABASE_URL"] = database_url
    return env


def load_demo(tmp_path_factory, purpose: str) -> dict:
    """The demo in a data directory of its own; returns the environment that reaches it.

    `leerlus demo --load-only` runs once per test run (`_demo_once`); each purpose gets a copy of that data
    directory and, on PostgreSQL, a copy of its database (CREATE DATABASE … TEMPLATE), so that a test may change
    its copy."""
    original = _demo_once(tmp_path_factory)
    home = tmp_path_factory.mktemp(f"demo-{purpose}")
    shutil.copytree(original["LEERLUS_HOME"], home, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".loaded"))
    env = {**original, "LEERLUS_HOME": str(home)}
    if "LEERLUS_DATABASE_URL" in original:
        env["LEERLUS_DATABASE_URL"] = _fresh_postgres_url(purpose, template=original["LEERLUS_DATABASE_URL"])
    return env


def _demo_once(tmp_path_factory) -> dict:
    """The environment of the one demo load of this run, shared by the xdist workers (a file lock decides who loads)."""
    worker_root = tmp_path_factory.getbasetemp()
    run_root = worker_root.parent if os.environ.get("PYTEST_XDIST_WORKER") else worker_root
    home = run_root / "demo-original"
    with open(run_root / "demo-original.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        env = _base_environment(home)
        marker = home / ".loaded"
        if marker.exists():
            env.update(json.loads(marker.read_text()))
            return env
        database_url = _fresh_postgres_url("demo_original", worker="run")
        if database_url:
            env["LEERLUS_DATABASE_URL"] = database_url
        subprocess.run([LEERLUS, "demo", "--load-only"], env=env, check=True, capture_output=True, timeout=900)
        marker.write_text(json.dumps({k: v for k, v in env.items() if k == "LEERLUS_DATABASE_URL"}))
        return env


@pytest.fixture
def leerlus_home(tmp_path):
    """Runs the real command line with its own data directory (and its own database)."""
    home = tmp_path / "home"
    env = _environment(home, "e2e")

    def run(*args, check=True):
        done = subprocess.run([LEERLUS, *args], env=env, capture_output=True, text=True, timeout=600)
        if check and done.returncode != 0:
            raise AssertionError(done.stderr)
        return done

    run.home, run.env, run.database_url = home, env, env.get("LEERLUS_DATABASE_URL")
    return run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(env: dict):
    """A real `leerlus serve` (with its worker) on a free port; yields its base URL once it answers."""
    port = _free_port()
    server = subprocess.Popen(
        [LEERLUS, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/inloggen/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)  # it stops its worker first


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`leerlus demo --load-only`, then `leerlus serve` as a subprocess; yields the base URL."""
    with serving(load_demo(tmp_path_factory, "server")) as url:
        yield url
