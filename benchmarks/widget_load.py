"""Load on the feedback widget's endpoint (issue 13): a fixed pace of submissions against a real `leerlus serve`.

Usage: python benchmarks/widget_load.py [--rate 200] [--seconds 60] [--resend 500]
Starts `leerlus serve` (waitress, one process, with its worker, as `make demo` serves) on an empty data directory with
one site on the allow-list, and sends `rate` POST /widget/v1/feedback per second for `seconds` seconds (an open
model: each request leaves at its planned moment, whatever the server does; latency is counted from that moment).
Then it sends a sample of the keys again, moves the queue into signals and checks the database: every accepted key
stored exactly once, nothing stored that was not sent, the second sends added nothing. The bar: 200 requests per
second for 60 s with p95 under 200 ms. The rate limit is raised for this run (all requests come from one address);
it is still checked on every request.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
from page_speed import LEERLUS, free_port, wait_until_up

SITE = "https://www.voorbeeldstad.nl"
TEXTS = [
    "Ik kon de openingstijden niet vinden",
    "Waar vraag ik een parkeervergunning aan? Bel mij op 06-12345678",
    "Het formulier loopt vast bij stap 3",
    "Mijn BSN is 123456782 en ik zoek mijn aanslag",
    "",
]
# Per stored external id its count, under the key that was sent: a key that happens to look like personal data (nine
# digits passing the 11-proof) is stored as a keyed hash, as every external id is (intake.cleaning).
STORED = """
import json, os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "leerlus.settings"
django.setup()
from django.db.models import Count
from leerlus.analysis.redact import redact
from leerlus.core.models import Signal
from leerlus.intake.cleaning import hashed_external_id
sent = {key if redact(key) == key else hashed_external_id(key): key for key in json.load(sys.stdin)}
rows = Signal.objects.filter(source="paginafeedback").values("external_id").annotate(n=Count("id"))
print(json.dumps({sent.get(r["external_id"], r["external_id"]): r["n"] for r in rows}))
"""


def body(key: str) -> dict:
    text = random.choice(TEXTS)
    return {
        "page": f"{SITE}/pagina/{random.randint(1, 50)}?ref=nieuwsbrief",
        "useful": not text,
        "text": text,
        "key": key,
    }


async def send(session, url: str, payload: dict, planned: float, results: list) -> None:
    await asyncio.sleep(max(0.0, planned - time.perf_counter()))
    try:
        async with session.post(url, json=payload, headers={"Origin": SITE}) as answer:
            await answer.read()
            results.append((payload["key"], answer.status, time.perf_counter() - planned))
    except (TimeoutError, aiohttp.ClientError) as error:
        results.append((payload["key"], type(error).__name__, time.perf_counter() - planned))


async def load(url: str, rate: float, seconds: float, payloads: list[dict]) -> list:
    results: list = []
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200), timeout=timeout) as session:
        start = time.perf_counter() + 0.5
        tasks = [
            asyncio.create_task(send(session, url, payload, start + i / rate, results))
            for i, payload in enumerate(payloads)
        ]
        await asyncio.gather(*tasks)
    return results


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children (the worker)."""
    total = 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for process in [pid, *map(int, children)]:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def report(name: str, results: list, seconds: float) -> list[str]:
    ok = [r for r in results if r[1] == 202]
    errors = [r for r in results if r[1] != 202]
    cuts = statistics.quantiles([r[2] for r in results], n=100)
    print(
        f"{name}: {len(results):,} sent, {len(ok) / seconds:.1f} accepted/s, p50 {cuts[49] * 1000:.0f} ms, "
        f"p95 {cuts[94] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms, errors {len(errors)}"
        + (f" ({sorted({str(r[1]) for r in errors})})" if errors else "")
    )
    return [r[0] for r in ok]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--resend", type=int, default=500, help="keys sent a second time after the run")
    args = parser.parse_args()
    random.seed(13)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LEERLUS_HOME": str(Path(tmp) / "home"), "LEERLUS_WIDGET_RATE": "1000000/m"}
        env.pop("LEERLUS_DATABASE_URL", None)
        subprocess.run([LEERLUS, "widget", "allow", SITE], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([LEERLUS, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/widget/v1/feedback"
        try:
            wait_until_up(f"http://127.0.0.1:{port}")
            payloads = [body(str(uuid.uuid4())) for _ in range(int(args.rate * args.seconds))]
            print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
            results = asyncio.run(load(url, args.rate, args.seconds, payloads))
            cpu_server, cpu_client = cpu_seconds(server.pid) - cpu_before, time.process_time() - client_before
            print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            print(
                f"{args.rate:.0f} requests/s planned for {args.seconds:.0f} s, one server process (waitress, 8 threads)"
            )
            accepted = report("load", results, args.seconds)
            print(f"CPU seconds: server and worker {cpu_server:.1f}, load client {cpu_client:.1f}")
            by_key = {p["key"]: p for p in payloads}
            sample = random.sample(accepted, min(args.resend, len(accepted)))
            again = asyncio.run(load(url, 100, len(sample) / 100, [by_key[k] for k in sample]))
            report("second sends of accepted keys", again, len(sample) / 100)
        finally:
            server.terminate()
            server.wait()
        moved = subprocess.run([LEERLUS, "widget", "import", "--json"], env=env, check=True, capture_output=True)
        print(f"moved after the run (the rest the worker had moved during it): {json.loads(moved.stdout)}")
        done = subprocess.run(
            [sys.executable, "-c", STORED], env=env, input=json.dumps(list(by_key)), capture_output=True, text=True
        )
        stored = json.loads(done.stdout)
        lost = set(accepted) - set(stored)
        doubled = [k for k, n in stored.items() if n > 1]
        unknown = set(stored) - set(by_key)
        print(
            f"database: {len(stored):,} stored, {len(set(accepted)):,} distinct keys accepted; lost {len(lost)}, "
            f"doubled {len(doubled)}, stored but never sent {len(unknown)}"
        )
        if lost or doubled or unknown:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
