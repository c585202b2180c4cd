"""Cross-cutting fixtures: the real `leerlus` command in a fresh data directory, a real server."""

import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from playwright.sync_api import sync_playwright

LEERLUS = str(Path(sys.executable).with_name("leerlus"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Long modules that need no demo, run first, so that both workers have work while the demo loads, and so that no
# single long test is left for the end, when the other worker has nothing more to do.
FIRST = (
    "leerlus/analysis/tests/test_effect.py",
    "leerlus/jobs/tests/test_worker.py",
    "tests/test_concurrent_writes.py",
    "tests/test_import_crash.py",
)
NEEDS_DEMO = {"demo_server", "readme_demo"}  # the fixtures through which most tests reach the demo


def pytest_collection_modifyitems(config, items):
    """Orders the modules for `--dist loadscope --no-loadscope-reorder` (pyproject.toml): FIRST, then the others by
    their number of tests, largest first, so the two workers finish together. When a test needs the demo, one process
    starts loading it in a background thread at once rather than when that test comes (see `load_demo`)."""
    size = Counter(item.nodeid.split("::")[0] for item in items)
    order = {module: (0, index) for index, module in enumerate(FIRST)}
    items.sort(key=lambda item: order.get(item.nodeid.split("::")[0], (1, -size[item.nodeid.split("::")[0]])))
    first_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0") == "gw0"
    if (
        first_worker
        and not config.option.collectonly
        and any(NEEDS_DEMO.intersection(item.fixturenames) for item in items)
    ):
        factory = config._tmp_path_factory  # noqa: SLF001 - the session's tmp_path_factory; fixtures are not yet set up
        threading.Thread(target=_run_once, args=(factory, "demo", ["demo", "--load-only"]), name="demo").start()


def fresh_postgres_url(purpose: str, *, template: str | None = None, worker: str | None = None) -> str | None:
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


def subprocess_environment(home: Path) -> dict:
    """The bare environment of a `leerlus` subprocess with `home` as its data directory.

    PYTHONPATH goes along when set: in a git worktree that shares another checkout's editable install, the command
    then runs the code under test rather than the other checkout's."""
    env = {"PATH": os.environ.get("PATH", ""), "LEERLUS_HOME": str(home), "LANG": "C.UTF-8"}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def new_installation(home: Path, purpose: str) -> dict:
    """The environment of a `leerlus` subprocess with a data directory of its own that is not there yet and, on
    PostgreSQL, an empty database of its own: its first command migrates."""
    env = subprocess_environment(home)
    database_url = fresh_postgres_url(purpose)
    if database_url:
        env["LEERLUS_DATABASE_URL"] = database_url
    return env


def empty_installation(tmp_path_factory, home: Path, purpose: str) -> dict:
    """A migrated, empty installation in `home` (no organisation, no people); returns the environment that reaches it.

    Migrating a new database costs about 2 CPU seconds on SQLite and more on PostgreSQL, and some 60 tests each want
    one: the migrations run once per test run (`_run_once`), and each test gets a copy of that data directory (without
    its secret key) and, on PostgreSQL, of its database (CREATE DATABASE … TEMPLATE)."""
    return _copy(_run_once(tmp_path_factory, "empty", ["signals", "--limit", "1"]), home, purpose)


def load_demo(tmp_path_factory, purpose: str) -> dict:
    """The demo in a data directory of its own; returns the environment that reaches it.

    `leerlus demo --load-only` runs once per test run (`_run_once`); each purpose gets a copy of that data directory
    and, on PostgreSQL, a copy of its database (CREATE DATABASE … TEMPLATE), so that a test may change its copy."""
    return _copy(
        _run_once(tmp_path_factory, "demo", ["demo", "--load-only"]),
        tmp_path_factory.mktemp(f"demo-{purpose}"),
        purpose,
    )


def _copy(original: dict, home: Path, purpose: str) -> dict:
    shutil.copytree(
        original["LEERLUS_HOME"], home, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".loaded", "secret_key")
    )
    env = {**original, "LEERLUS_HOME": str(home)}
    if "LEERLUS_DATABASE_URL" in original:
        env["LEERLUS_DATABASE_URL"] = fresh_postgres_url(purpose, template=original["LEERLUS_DATABASE_URL"])
    return env


def _run_once(tmp_path_factory, name: str, command: list[str]) -> dict:
    """The environment of a data directory that `leerlus COMMAND` made once in this run, shared by the xdist workers
    (a file lock decides who runs it)."""
    worker_root = tmp_path_factory.getbasetemp()
    run_root = worker_root.parent if os.environ.get("PYTEST_XDIST_WORKER") else worker_root
    home = run_root / f"{name}-original"
    with open(run_root / f"{name}-original.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        env = subprocess_environment(home)
        marker = home / ".loaded"
        if marker.exists():
            env.update(json.loads(marker.read_text()))
            return env
        database_url = fresh_postgres_url(f"{name}_original", worker="run")
        if database_url:
            env["LEERLUS_DATABASE_URL"] = database_url
        subprocess.run([LEERLUS, *command], env=env, check=True, capture_output=True, timeout=900)
        marker.write_text(json.dumps({k: v for k, v in env.items() if k == "LEERLUS_DATABASE_URL"}))
        return env


DJANGO_SETUP = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'leerlus.settings'; django.setup()\n"


def run_django(env: dict, script: str) -> str:
    """Runs `script` with Django set up in a new process on the installation `env` reaches; returns what it printed."""
    done = subprocess.run([sys.executable, "-c", DJANGO_SETUP + script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def command_line(home: Path, env: dict):
    """`run(*args)`: the real command line on the data directory `home`; fails the test on a non-zero exit status
    unless `check=False`. `run.home`, `run.env` and `run.database_url` say where it works."""

    def run(*args, check=True):
        done = subprocess.run([LEERLUS, *args], env=env, capture_output=True, text=True, timeout=600)
        if check and done.returncode != 0:
            raise AssertionError(done.stderr)
        return done

    run.home, run.env, run.database_url = home, env, env.get("LEERLUS_DATABASE_URL")
    return run


@pytest.fixture
def leerlus_home(tmp_path_factory, tmp_path):
    """Runs the real command line on an installation of its own: migrated and empty (see `empty_installation`)."""
    home = tmp_path / "home"
    return command_line(home, empty_installation(tmp_path_factory, home, "e2e"))


@pytest.fixture
def new_leerlus_home(tmp_path):
    """Runs the real command line on a data directory that does not exist yet (and, on PostgreSQL, an empty
    database): what a municipality has before its first command."""
    home = tmp_path / "home"
    return command_line(home, new_installation(home, "new"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(env: dict, port: int | None = None, *, worker: bool = True):
    """A real `leerlus serve` (with its worker unless `worker=False`) on this or a free port; yields its base URL once
    it answers."""
    with serving_all([env], port, worker=worker) as (url,):
        yield url


@contextmanager
def serving_all(envs: list[dict], port: int | None = None, *, worker: bool = True):
    """A real `leerlus serve` for each environment, started together so that they start up side by side (the first
    on `port` when given); yields their base URLs once each answers. `worker=False` (`--no-worker`) for a test that
    only reads pages: a worker costs a Django start-up and runs the jobs that are due meanwhile."""
    ports = [port or _free_port()] + [_free_port() for _ in envs[1:]]
    options = [] if worker else ["--no-worker"]
    servers = [
        subprocess.Popen(
            [LEERLUS, "serve", "--port", str(number), *options],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for env, number in zip(envs, ports)
    ]
    urls = [f"http://127.0.0.1:{number}" for number in ports]
    try:
        for url in urls:
            for _ in range(150):
                try:
                    urllib.request.urlopen(url + "/inloggen/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
        yield urls
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)  # each stops its worker first


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`leerlus demo --load-only`, then `leerlus serve` as a subprocess; yields the base URL."""
    with serving(load_demo(tmp_path_factory, "server")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright for one test module.

    Module scope, not session: Playwright's sync API keeps an asyncio loop running while it is open, and Django
    then refuses database access (SynchronousOnlyOperation) in every later test on the same worker."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# 200% zoom: WCAG's reflow criterion takes a 1280 px wide screen at 400%; at 200% the page gets
# 640 CSS px of width. A 1280x800 window zoomed to 200% lays out as a 640x400 CSS px viewport; the pixel density
# changes only how sharp it is drawn, so the phone's page is resized to that viewport rather than loaded again.
PHONE = {"viewport": {"width": 390, "height": 844}}  # and then 320 px, the narrowest phone we support
ZOOMED_VIEWPORT = {"width": 640, "height": 400}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture(scope="module")
def logged_in(browser, demo_server):
    """The demo beheerder's cookies, logged in once per test module."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_server + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("demo")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(demo_server + "/")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="module")
def contexts(browser, logged_in):
    """`contexts(screen, page name)`: one browser context per screen, logged in (the login page is opened logged
    out), for the axe-core checks of tests/test_accessibility*.py."""
    opened = {}

    def context(screen: str, name: str):
        key = (screen, name == "inloggen")
        if key not in opened:
            settings = {"phone": PHONE, "desktop": DESKTOP}[screen]
            # bypass_csp: axe is injected as an inline script, which the pages' policy refuses (as it should);
            # tests/test_content_security_policy.py checks the pages with the policy in force.
            opened[key] = browser.new_context(**settings, storage_state=None if key[1] else logged_in, bypass_csp=True)
        return opened[key]

    yield context
    for context in opened.values():
        context.close()
