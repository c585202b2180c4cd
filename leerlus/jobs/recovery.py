"""Picking up jobs that lost their process: on worker start and then periodically.

A running job whose heartbeat went stale lost its worker (kill -9, a power cut): it is queued and sent
again, up to MAX_ATTEMPTS, then marked failed. A job run from the command line is not moved to a worker;
it is marked failed and its command can simply be run again. A waiting job that no worker took for a
while is sent again (a lost message; a duplicate is harmless, the claim lets only one run).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.jobs.execution import RUNNING_HERE
from leerlus.jobs.models import Job

MAX_ATTEMPTS = 3
logger = logging.getLogger(__name__)


def _entry(message: str) -> dict:
    return {"at": timezone.now().isoformat(), "message": message}


def recover_jobs() -> dict:
    """Re-sends lost jobs and gives up on those tried too often; returns how many of each."""
    from leerlus.jobs.queue import send

    now = timezone.now()
    stale = now - timedelta(seconds=settings.JOB_STALE_SECONDS)
    counts = {"resent": 0, "requeued": 0, "failed": 0}
    lost = (
        Job.objects.filter(status=Job.Status.RUNNING)
        .filter(Q(heartbeat_at__lt=stale) | Q(heartbeat_at=None))
        .exclude(pk__in=RUNNING_HERE)
    )
    for job in lost:
        if job.inline or job.attempts >= MAX_ATTEMPTS:
            message = (
                _("Het proces van deze taak stopte onverwacht; start de opdracht opnieuw.")
                if job.inline
                else _("Opgegeven na %(n)s pogingen: de worker stopte telkens tijdens deze taak.") % {"n": job.attempts}
            )
            counts["failed"] += Job.objects.filter(
                pk=job.pk, status=Job.Status.RUNNING, heartbeat_at=job.heartbeat_at
            ).update(status=Job.Status.FAILED, error=message, finished_at=now, log=[*job.log, _entry(message)])
            continue
        note = _entry(
            _("De worker stopte tijdens deze taak; ze wordt opnieuw gestart (poging %(n)s).") % {"n": job.attempts + 1}
        )
        if Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, heartbeat_at=job.heartbeat_at).update(
            status=Job.Status.QUEUED, heartbeat_at=now, log=[*job.log, note]
        ):
            counts["requeued"] += 1
            send(job.pk)
    for job_id in Job.objects.filter(status=Job.Status.QUEUED, heartbeat_at__lt=stale).values_list("pk", flat=True):
        if Job.objects.filter(pk=job_id, status=Job.Status.QUEUED, heartbeat_at__lt=stale).update(heartbeat_at=now):
            counts["resent"] += 1
            send(job_id)
    if any(counts.values()):
        logger.warning("recovered jobs: %s", counts)
    return counts
