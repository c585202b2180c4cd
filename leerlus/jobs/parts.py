"""A job in parts: independent pieces of one job, each a job of its own row that any worker can take.

The whole creates its parts and sends them to the queue; then it takes waiting parts itself, one at a
time, and when none wait it waits for those that other workers run. So one worker does every part, two
workers share them, and a job run from the command line (inline) does every part in its own process and
sends none. A part is claimed like any job (once), runs under its own heartbeat, and a part whose worker
died is sent again by the recovery. Cancelling the whole stops its parts; a failed part fails the whole.
"""

import time
from functools import partial

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.jobs import execution
from leerlus.jobs.context import JobCancelled, JobContext
from leerlus.jobs.models import Job

WAIT_SECONDS = 0.5  # how often the whole looks whether the parts that other workers run have ended


def run_in_parts(context: JobContext, kind: str, params: list[dict], *, stage: str, meanwhile=None) -> list:
    """Runs one `kind` job per params (in any order, on any worker) and returns their results in order.

    The whole's progress is the number of parts done, of all parts, under `stage`. `meanwhile()`, when
    given, is work of the whole that does not need the parts: it runs once the parts are sent, so that
    other workers take parts while this one does it."""
    whole = context.job
    Job.objects.filter(parent=whole).delete()  # an earlier attempt's parts: done again, with the same outcome
    now = timezone.now()
    parts = Job.objects.bulk_create(
        Job(
            kind=kind,
            params=part,
            parent=whole,
            title=f"{whole.title} ({number}/{len(params)})"[:200],
            inline=whole.inline,
            heartbeat_at=now,
        )
        for number, part in enumerate(params, 1)
    )
    ids = [part.pk for part in parts]
    if not whole.inline:
        from leerlus.jobs.queue import send

        for pk in ids:  # robust: with the broker down, this process simply takes every part itself
            transaction.on_commit(partial(send, pk), robust=True)
    try:
        if meanwhile is not None:
            meanwhile()
        while not _all_done(context, ids, stage):
            waiting = Job.objects.filter(pk__in=ids, status=Job.Status.QUEUED).order_by("pk").first()
            part = execution.claim(waiting.pk) if waiting else None
            if part is not None:
                execution.execute(part)  # its outcome goes to its own row
            elif waiting is None:
                time.sleep(WAIT_SECONDS)
    except BaseException:
        _stop(ids)
        raise
    results = dict(Job.objects.filter(pk__in=ids).values_list("pk", "result"))
    return [results[pk] for pk in ids]


def _all_done(context: JobContext, ids: list[int], stage: str) -> bool:
    """Reports the progress; raises when the whole was cancelled or a part failed or was cancelled."""
    counts = dict(Job.objects.filter(pk__in=ids).values_list("status").annotate(n=Count("pk")))
    done = counts.get(Job.Status.DONE, 0)
    context.progress(done, len(ids), stage=stage)
    if counts.get(Job.Status.CANCELLED):
        raise JobCancelled
    failed = Job.objects.filter(pk__in=ids, status=Job.Status.FAILED).order_by("pk").first()
    if failed is not None:
        raise InputError(
            _("Deel %(n)s van %(total)s is mislukt: %(error)s")
            % {"n": ids.index(failed.pk) + 1, "total": len(ids), "error": failed.error}
        )
    return done == len(ids)


def _stop(ids: list[int]) -> None:
    """Parts still waiting are cancelled; running ones stop at their next progress report."""
    now = timezone.now()
    Job.objects.filter(pk__in=ids, status=Job.Status.QUEUED).update(
        status=Job.Status.CANCELLED, cancel_requested=True, finished_at=now
    )
    Job.objects.filter(pk__in=ids, status=Job.Status.RUNNING).update(cancel_requested=True)
