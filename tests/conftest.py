"""Cross-cutting fixtures: the real `leerlus` command in a fresh data directory, a real server."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest

LEERLUS = str(Path(sys.executable).with_name("leerlus"))
E2E_DATABASE = "leerlus_e2e"


def _fresh_postgres_url() -> str | None:
    """With LEERLUS_TEST_DATABASE_URL set, a new empty PostgreSQL database for the subprocesses."""
    url = os.environ.get("LEERLUS_TEST_DATABASE_URL")
    if not url:
        return None
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {E2E_DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {E2E_DATABASE}")
    return url.rsplit("/", 1)[0] + "/" + E2E_DATABASE


@pytest.fixture
def leerlus_home(tmp_path):
    """Runs the real command line with its own data directory (and its own database)."""
    home = tmp_path / "home"
    env = {"PATH": os.environ.get("PATH", ""), "LEERLUS_HOME": str(home), "LANG": "C.UTF-8"}
    database_url = _fresh_postgres_url()
    if database_url:
        env["LEERLUS_DATABASE_URL"] = database_url

    def run(*args, check=True):
        done = subprocess.run([LEERLUS, *args], env=env, capture_output=True, text=True, timeout=600)
        if check and done.returncode != 0:
            raise AssertionError(done.stderr)
        return done

    run.home, run.env, run.database_url = home, env, database_url
    return run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`leerlus demo --load-only`, then `leerlus serve` as a subprocess; yields the base URL."""
    home = tmp_path_factory.mktemp("demo-home")
    env = {"PATH": os.environ.get("PATH", ""), "LEERLUS_HOME": str(home)}
    database_url = _fresh_postgres_url()
    if database_url:
        env["LEERLUS_DATABASE_URL"] = database_url
    subprocess.run([LEERLUS, "demo", "--load-only"], env=env, check=True, capture_output=True, timeout=600)
    port = _free_port()
    server = subprocess.Popen(
        [LEERLUS, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/inloggen/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)
