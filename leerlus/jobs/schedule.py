"""Recurring jobs: an app says `every("retention", timedelta(days=1))`; each worker's periodic round submits a
kind whose interval has passed since its last job and that has none waiting or running. An app whose jobs have
intervals of their own (a sync per source) registers a check with `@when_due`: given the moment, it submits
the jobs that are due and returns them.

Two workers in the same round could both submit; the recurring kinds are idempotent (a second retention run
finds nothing left to do), so this stays a plain check instead of a lock.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.utils import timezone

from leerlus.jobs.models import Job
from leerlus.jobs.services import submit

SCHEDULE: dict[str, timedelta] = {}
DUE_CHECKS: list[Callable[[datetime], list[Job]]] = []


def every(kind: str, interval: timedelta) -> None:
    SCHEDULE[kind] = interval


def when_due(check: Callable[[datetime], list[Job]]) -> Callable[[datetime], list[Job]]:
    DUE_CHECKS.append(check)
    return check


def submit_due(now=None) -> list[Job]:
    """Submits every recurring kind that is due; returns the new jobs."""
    now = now or timezone.now()
    submitted = []
    for kind, interval in SCHEDULE.items():
        last = Job.objects.filter(kind=kind).order_by("-created_at").first()
        if last is not None and (last.is_active or now - last.created_at < interval):
            continue
        submitted.append(submit(kind, {}))
    for check in DUE_CHECKS:
        submitted.extend(check(now))
    return submitted
