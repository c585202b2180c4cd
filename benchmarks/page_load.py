"""Load on the read pages (issue 15): many clients at once against a real `leerlus serve` on N signals.

Usage: python benchmarks/page_load.py [--rows 1000000] [--clients 20] [--seconds 30]
Imports synthetic signals, runs `leerlus analyse --full`, starts the server (waitress, one process), logs each
client in, and lets all clients request one page as fast as they can for the given time; prints requests per
second and p50/p95 per page. The bar: 50 requests per second with p95 under 300 ms.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import holidays
from page_speed import free_port, login

from leerlus.analysis import synthetic

PAGES = ["/", "/patronen/", "/signalen/"]


def hammer(opener, url: str, until: float, latencies: list, errors: list) -> None:
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            opener.open(url, timeout=30).read()
            latencies.append(time.perf_counter() - started)
        except OSError as error:
            errors.append(type(error).__name__)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    closed = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))
    frame = synthetic.signals(per_day=args.rows / 548, days=548, holidays=closed).drop(columns=["id", "topic"])
    leerlus = Path(sys.executable).with_name("leerlus")
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "signals.csv"
        frame.rename(columns={"day": "received_at"}).to_csv(export, index=False)
        env = {"LEERLUS_HOME": str(Path(tmp) / "home"), "PATH": "/usr/bin:/bin"}
        subprocess.run([leerlus, "import", str(export)], env=env, check=True, capture_output=True)
        subprocess.run([leerlus, "analyse", "--full"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([leerlus, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + "/inloggen/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            openers = [login(base, Path(tmp) / "home", env, leerlus) for _ in range(args.clients)]
            print(f"{len(frame):,} signals; {args.clients} clients, {args.seconds:.0f} s per page, one server process")
            print(f"{'page':<14} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>7}")
            for page in PAGES:
                latencies, errors = [], []
                until = time.perf_counter() + args.seconds
                threads = [
                    threading.Thread(target=hammer, args=(opener, base + page, until, latencies, errors))
                    for opener in openers
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                cuts = statistics.quantiles(latencies, n=20)
                rate = len(latencies) / args.seconds
                print(f"{page:<14} {rate:>7.1f} {cuts[9] * 1000:>7.0f} {cuts[18] * 1000:>7.0f} {len(errors):>7}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
