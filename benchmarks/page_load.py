"""Load on the read pages (issue 15): many clients at once against a real `leerlus serve` on N signals.

Usage: python benchmarks/page_load.py [--rows 1000000] [--clients 20] [--seconds 20] [--processes 2]
                                      [--rate 50] [--home DIR] [--keep DIR]
Imports synthetic signals and runs `leerlus analyse --full` (or reuses the analysed data directory DIR given with
--home; --keep DIR builds one there and leaves it), starts `leerlus serve --processes N --no-worker`, logs each
client in, and lets all clients request one page for the given time, page after page: with --rate R the clients
together send R requests per second on a fixed schedule (the bounded test of the bar; a late answer also delays
the clock of the requests after it, so each latency counts from the moment its request was due), without --rate
as fast as they can (what the server can take at most). Each client is a thread with one keep-alive connection
(http.client), so the load generator itself stays light; its own CPU seconds are printed, since it runs on the same
cores as the server. The bar: 50 requests per second with p95 under 300 ms on every page.
"""

import argparse
import http.client
import json
import os
import random
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from page_speed import LEERLUS, analysed_home, free_port, login, wait_until_up

PAGES = ["/", "/patronen/", "/signalen/", "/incidenten/"]  # and one pattern page, found when the server runs


def hammer(port: int, cookie: str, page: str, until: float, latencies: list, errors: list, every: float) -> None:
    """Requests one page until `until`: every `every` seconds on a fixed schedule, or back to back when it is 0."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    due = time.perf_counter() + every * random.random()  # clients spread over the first interval
    while due < until:
        time.sleep(max(0.0, due - time.perf_counter()))
        started = due if every else time.perf_counter()
        due = started + every if every else time.perf_counter()
        try:
            connection.request("GET", page, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                latencies.append(time.perf_counter() - started)
            else:
                errors.append(str(response.status))
        except (OSError, http.client.HTTPException) as error:
            errors.append(type(error).__name__)
            connection.close()
    connection.close()


def session_cookie(opener) -> str:
    jar = next(handler.cookiejar for handler in opener.handlers if hasattr(handler, "cookiejar"))
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children so far, from /proc."""
    total = 0.0
    for task in [pid, *server_processes(pid)]:
        fields = Path(f"/proc/{task}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def server_processes(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def measure(port: int, cookies: list[str], page: str, seconds: float, server_pid: int, rate: float) -> dict:
    latencies, errors = [], []
    every = len(cookies) / rate if rate else 0.0
    until = time.perf_counter() + seconds
    client_cpu, server_cpu = resource.getrusage(resource.RUSAGE_SELF), cpu_seconds(server_pid)
    threads = [
        threading.Thread(target=hammer, args=(port, cookie, page, until, latencies, errors, every))
        for cookie in cookies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cuts = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [float("nan")] * 19
    return {
        "page": page,
        "requests_per_second": round(len(latencies) / seconds, 1),
        "p50_ms": round(cuts[9] * 1000),
        "p95_ms": round(cuts[18] * 1000),
        "errors": len(errors),
        "server_cpu_seconds": round(cpu_seconds(server_pid) - server_cpu, 1),
        "client_cpu_seconds": round(after.ru_utime + after.ru_stime - client_cpu.ru_utime - client_cpu.ru_stime, 1),
        "load_average": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--processes", type=int, default=os.cpu_count())
    parser.add_argument("--rate", type=float, default=0, help="requests per second of all clients together")
    parser.add_argument("--home", type=Path, help="an analysed data directory (LEERLUS_HOME) to reuse")
    parser.add_argument("--keep", type=Path, help="build the data directory here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.home:
            env = {"LEERLUS_HOME": str(args.home), "PATH": "/usr/bin:/bin"}
        else:
            root = args.keep or Path(tmp)
            root.mkdir(parents=True, exist_ok=True)
            env, _frame = analysed_home(args.rows, root)
        if os.environ.get("PYTHONPATH"):
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]  # the checkout under test, in a git worktree
        home = Path(env["LEERLUS_HOME"])
        port = free_port()
        command = [LEERLUS, "serve", "--port", str(port), "--processes", str(args.processes), "--no-worker"]
        server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
            openers = [login(base, home, env, LEERLUS) for _ in range(args.clients)]
            patterns = json.loads(openers[0].open(base + "/patronen/?format=json").read())["patterns"]
            pages = [*PAGES, f"/patronen/{patterns[0]['id']}/"] if patterns else PAGES
            processes = max(1, len(server_processes(server.pid)))
            print(
                f"{args.clients} clients (threads, keep-alive), "
                f"{f'{args.rate:g} requests per second together' if args.rate else 'as fast as they can'}, "
                f"{args.seconds:.0f} s per page, against "
                f"`leerlus serve --processes {args.processes}` ({processes} server "
                f"process{'es' if processes > 1 else ''}, 4 threads each); data directory {home}; "
                f"{os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.2f}"
            )
            print(
                f"{'page':<16} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>7} {'srv CPU s':>9} "
                f"{'cli CPU s':>9} {'load':>6}"
            )
            results = []
            for page in pages:
                cookies = [session_cookie(opener) for opener in openers]
                row = measure(port, cookies, page, args.seconds, server.pid, args.rate)
                results.append(row)
                print(
                    f"{page:<16} {row['requests_per_second']:>7.1f} {row['p50_ms']:>7} {row['p95_ms']:>7} "
                    f"{row['errors']:>7} {row['server_cpu_seconds']:>9.1f} {row['client_cpu_seconds']:>9.1f} "
                    f"{row['load_average']:>6.2f}"
                )
            # At a fixed rate every request due was sent, and a server that falls behind shows it in the p95.
            fast_enough = (lambda r: args.rate >= 50) if args.rate else (lambda r: r["requests_per_second"] >= 50)
            met = all(fast_enough(r) and r["p95_ms"] < 300 and not r["errors"] for r in results)
            print(
                f"load average at the end {os.getloadavg()[0]:.2f}; bar (>= 50 req/s, p95 < 300 ms, no errors, "
                f"every page): {'met' if met else 'NOT met'}"
            )
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
