"""Times the web pages on a database of N signals: a real `leerlus serve`, 20 requests per page, p50 and p95.

Usage: python benchmarks/page_speed.py [--rows 1000000] [--requests 20]
Imports synthetic signals (`analysis.synthetic.signals`), runs `leerlus analyse --full`, starts
the server, logs in and requests each page in turn.
"""

import argparse
import http.cookiejar
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import holidays

from leerlus.analysis import synthetic

PAGES = [
    "/",
    "/signalen/",
    "/signalen/?channel=telefoon",
    "/signalen/?service=Afval",
    "/signalen/?since=2026-01-01&until=2026-01-31",
    "/signalen/?words=container",
    "/signalen/?words=omgevingsloket&channel=website",
    "/signalen/?words=zeldzaamwoord",  # in no text: the worst case, every text is read
    "/patronen/",
    "/patronen/?kind=ripple",
    "/patronen/?format=json",
    "/proeftuin/",
    "/proeftuin/vraagstukken/1/",
    "/proeftuin/experimenten/1/",
    "/proeftuin/lessen/",
    "/ritme/maandbrief/?maand=2025-07",
    "/ritme/maandbrief/?maand=2025-07&format=pdf",
    "/ritme/gesprekskit/?kwartaal=2025-K3",
    "/ritme/sturingscheck/",
]
# A problem from the three strongest patterns and a measured experiment on the planted portal release.
PLAYGROUND = """
from datetime import date
from leerlus.core.models import Department, Organisation, Person, Service
from leerlus.patterns.models import Pattern
from leerlus.playground import services
organisation = Organisation.objects.create(name='Bench', it_budget=1000000)
department = Department.objects.create(organisation=organisation, name='KCC', world='uitvoering')
person = Person.objects.create(name='Bench', department=department, role='beheerder')
problem = services.create_problem(title='Portaal', patterns=Pattern.objects.order_by('-score')[:3])
experiment = services.propose_experiment(problem=problem, title='Hulp bij het portaal', intervention='a',
    expected_effect='b', team=[person], budget=1000, start=date(2025, 7, 20), end=date(2025, 9, 30),
    metrics=[{'channel': 'telefoon', 'service': Service.objects.get(name='Vergunning')}], proposed_by=person)
services.approve(experiment, by=person)
services.measure(experiment)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LEERLUS = Path(sys.executable).with_name("leerlus")


def analysed_home(rows: int, tmp: Path) -> tuple[dict, object]:
    """A data directory in `tmp` with `rows` synthetic signals imported and analysed; its environment and the data."""
    closed = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))
    frame = synthetic.signals(per_day=rows / 548, days=548, holidays=closed).drop(columns=["id", "topic"])
    export = tmp / "signals.csv"
    frame.rename(columns={"day": "received_at"}).to_csv(export, index=False)
    env = {"LEERLUS_HOME": str(tmp / "home"), "PATH": "/usr/bin:/bin"}
    subprocess.run([LEERLUS, "import", str(export)], env=env, check=True, capture_output=True)
    subprocess.run([LEERLUS, "analyse", "--full"], env=env, check=True, capture_output=True)
    return env, frame


def wait_until_up(base: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/inloggen/", timeout=1)
            return
        except OSError:
            time.sleep(0.2)


def login(base: str, home: Path, env: dict, leerlus: Path) -> urllib.request.OpenerDirector:
    script = (
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.filter(username='bench').exists() or "
        "get_user_model().objects.create_superuser('bench', password='bench')"
    )
    subprocess.run(
        [
            leerlus.with_name("python"),
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='leerlus.settings'; django.setup(); " + script,
        ],
        env=env,
        check=True,
    )
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(base + "/inloggen/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"username": "bench", "password": "bench", "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(base + "/inloggen/", data=data, headers={"Referer": base + "/inloggen/"}))
    return opener


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    leerlus = LEERLUS
    with tempfile.TemporaryDirectory() as tmp:
        env, frame = analysed_home(args.rows, Path(tmp))
        started = time.perf_counter()
        subprocess.run(
            [
                leerlus,
                "effect",
                "--channel",
                "telefoon",
                "--service",
                "Vergunning",
                "--start",
                "2025-07-20",
                "--end",
                "2025-09-30",
                "--json",
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        print(f"leerlus effect (telefoon / Vergunning, whole command): {time.perf_counter() - started:.1f} s")
        django_setup = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='leerlus.settings'; django.setup()"
        subprocess.run([leerlus.with_name("python"), "-c", django_setup + "\n" + PLAYGROUND], env=env, check=True)
        port = free_port()
        server = subprocess.Popen([leerlus, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
            opener = login(base, Path(tmp) / "home", env, leerlus)
            print(f"{len(frame):,} signals; {args.requests} requests per page (milliseconds)")
            print(f"{'page':<52} {'p50':>6} {'p95':>6}")
            for page in PAGES:
                times = []
                for _ in range(args.requests):
                    started = time.perf_counter()
                    opener.open(base + page).read()
                    times.append((time.perf_counter() - started) * 1000)
                times.sort()
                p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
                print(f"{page:<52} {statistics.median(times):6.0f} {p95:6.0f}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
