"""kill -9 of `leerlus import` half-way: no process is left behind, and the same import again completes the data."""

import csv
import os
import re
import signal
import sqlite3
import subprocess
import time

import psycopg

from leerlus.jobs.tests.workers import alive, children
from tests.conftest import LEERLUS

ROWS = 120_000  # the kill comes after 30,000 rows, well before the end; the import again reads them all


def _signals_and_integrity(run) -> tuple[int, str]:
    if run.database_url:
        with psycopg.connect(run.database_url) as connection:
            return connection.execute("SELECT count(*) FROM core_signal").fetchone()[0], "ok"
    connection = sqlite3.connect(run.home / "leerlus.sqlite3")
    try:
        count = connection.execute("SELECT count(*) FROM core_signal").fetchone()[0]
        return count, connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def _rows_read(stderr: bytes) -> int:
    counts = re.findall(rb"([\d.]+) rijen gelezen", stderr)
    return int(counts[-1].replace(b".", b"")) if counts else 0


def test_a_killed_import_leaves_no_worker_and_the_same_import_completes_it(leerlus_home, tmp_path):
    export = tmp_path / "groot.csv"
    with open(export, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["received_at", "channel", "service", "text"])
        for i in range(ROWS):
            writer.writerow(
                [f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}", "chat", "Afval", f"vraag {i}"]
            )
    leerlus_home("signals")  # creates the database first, so that the import below goes straight to work

    process = subprocess.Popen(
        [LEERLUS, "import", str(export)], env=leerlus_home.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    stderr = b""
    while _rows_read(stderr) < 30_000:
        block = os.read(process.stderr.fileno(), 4096)
        assert block, stderr.decode()  # the import ended before it got half-way
        stderr += block
    workers = children(process.pid)
    assert workers, "the import cleans its rows in a worker process"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stderr.close()
    for _ in range(300):  # the worker notices within a second or two; wait up to a minute
        if not any(alive(pid) for pid in workers):
            break
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers), "the cleaning worker outlived the killed import"

    stored, integrity = _signals_and_integrity(leerlus_home)
    assert 0 < stored < ROWS and integrity == "ok"

    again = leerlus_home("import", str(export)).stdout
    assert f"{ROWS:,}".replace(",", ".") + " rijen gelezen" in again and "0 afgewezen" in again
    assert _signals_and_integrity(leerlus_home) == (ROWS, "ok")
