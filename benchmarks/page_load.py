"""Load on the read pages (issue 15): many clients at once against a real `leerlus serve` on N signals.

Usage: python benchmarks/page_load.py [--rows 1000000] [--clients 20] [--seconds 30]
Imports synthetic signals, runs `leerlus analyse --full`, starts the server (waitress, one process), logs each
client in, and lets all clients request one page as fast as they can for the given time; prints requests per
second and p50/p95 per page. The bar: 50 requests per second with p95 under 300 ms.
"""

import argparse
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from page_speed import LEERLUS, analysed_home, free_port, login, wait_until_up

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
    leerlus = LEERLUS
    with tempfile.TemporaryDirectory() as tmp:
        env, frame = analysed_home(args.rows, Path(tmp))
        port = free_port()
        server = subprocess.Popen([leerlus, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
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
