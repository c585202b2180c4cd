"""Recurring jobs: an app says `every("retention", timedelta(days=1))`; each worker's periodic round submits a
kind whose interval has passed since its last job and that has none waiting or running.

Two workers in the same round could both submit; the recurring kinds are idempotent (a second retention run
finds nothing left to do), so this stays a plain check instead of a lock.
"""

from datetime import timedelta

from django.utils import timezone

from leerlus.jobs.models import Job
from leerlus.jobs.services import submit

SCHEDULE: dict[str, timedelta] = {}


def every(kind: str, interval: timedelta) -> None:
    SCHEDULE[kind] = interval


def submit_due(now=None) -> list[Job]:
    """Submits every recurring kind that is due; returns the new jobs."""
    now = now or timezone.now()
    submitted = []
    for kind, interval in SCHEDULE.items():
        last = Job.objects.filter(kind=kind).order_by("-created_at").first()
        if last is not None and (last.is_active or now - last.created_at < interval):
            continue
        submitted.append(submit(kind, {}))
    return submitted
