"""A full analysis spread over two real `leerlus worker` processes (Redis broker) labels every signal and finds
the same patterns as `leerlus analyse --full` in one process, and stops with its parts when cancelled; on
PostgreSQL when LEERLUS_TEST_DATABASE_URL is set."""

import json

import holidays
import pytest

from leerlus.analysis import synthetic
from leerlus.jobs.tests.workers import (
    environment,
    query,
    run,
    start_worker,
    stop,
    submit,
    wait_for,
    wait_until_ended,
)

REDIS_URL = "redis://127.0.0.1:6379/0"
LABELS = "SELECT id, effective_service_id, demand, sentiment, topic, analysed FROM core_signal ORDER BY id"
PATTERNS = (
    'SELECT kind, CAST(start AS TEXT), CAST("end" AS TEXT), channel, service_id, topic, terms, examples '
    "FROM patterns_pattern ORDER BY signature"
)
UNLABEL = (  # back to how the import left them
    "UPDATE core_signal SET analysed = %s, topic = NULL, demand = '', sentiment = '', effective_service_id = service_id"
)
PARTS = "SELECT log FROM jobs_job WHERE parent_id = %s ORDER BY id"
ACTIVE_PARTS = "SELECT id FROM jobs_job WHERE parent_id = %s AND status IN ('queued', 'running')"


@pytest.fixture
def env(tmp_path_factory, tmp_path):
    env = environment(tmp_path_factory, tmp_path / "home", LEERLUS_BROKER_URL=REDIS_URL)
    closed = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))
    frame = synthetic.signals(per_day=40, holidays=closed).drop(columns=["id", "topic"])
    frame.loc[frame.index % 10 == 0, "service"] = ""
    frame.rename(columns={"day": "received_at"}).to_csv(tmp_path / "export.csv", index=False)
    run(env, "import", str(tmp_path / "export.csv"))
    return env


def test_two_workers_share_a_full_analysis_and_find_what_one_process_finds(env):
    inline = json.loads(run(env, "analyse", "--full", "--json"))
    labels, patterns = query(env, LABELS), query(env, PATTERNS)
    assert inline["classified"] == len(labels) > 10_000 and patterns
    query(env, UNLABEL, False)
    assert not any(row[-1] for row in query(env, LABELS))

    workers = [start_worker(env), start_worker(env)]
    try:
        job_id = submit(env, "analysis", {"full": True, "part_size": 1000})
        ended = wait_until_ended(env, job_id)
    finally:
        stop(*workers)
    assert ended["status"] == "done", ended["error"]
    assert (ended["done"], ended["total"]) == (-(-len(labels) // 1000),) * 2  # parts done, of all parts
    assert query(env, LABELS) == labels
    assert query(env, PATTERNS) == patterns
    assert {key: ended["result"][key] for key in ("signals", "patterns", "incidents")} == {
        key: inline[key] for key in ("signals", "patterns", "incidents")
    }
    logs = [json.loads(log) if isinstance(log, str) else log for (log,) in query(env, PARTS, job_id)]
    takers = {line["message"].split(" door ")[1] for log in logs for line in log if " door " in line["message"]}
    assert len(takers) == 2, takers  # both workers took parts
    assert "Analyse" in run(env, "jobs") and "Deel van een analyse" not in run(env, "jobs")


def test_cancelling_a_full_analysis_stops_its_parts(env):
    query(env, "DELETE FROM jobs_job WHERE kind = 'analysis'")  # the analysis the import asked for
    worker = start_worker(env)
    try:
        job_id = submit(env, "analysis", {"full": True, "part_size": 50})  # some hundreds of parts
        done = "SELECT done FROM jobs_job WHERE id = %s AND done >= 2"
        wait_for(lambda: query(env, done, job_id), what="the first parts to be done")
        run(env, "jobs", "cancel", str(job_id))
        ended = wait_until_ended(env, job_id)
        wait_for(lambda: not query(env, ACTIVE_PARTS, job_id), timeout=30, what="the parts to stop")
    finally:
        stop(worker)
    assert ended["status"] == "cancelled" and 2 <= ended["done"] < ended["total"]
    statuses = dict(query(env, "SELECT status, COUNT(*) FROM jobs_job WHERE parent_id = %s GROUP BY status", job_id))
    assert statuses["cancelled"] > 0 and statuses["done"] >= 2
