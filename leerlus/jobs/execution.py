"""Running one job: claim it (queued → running, once), call its handler with a context, record the outcome.

The claim is one conditional UPDATE, so a message delivered twice, or re-sent by the recovery, never
runs a job twice. The outcome goes to the row: the result document, or a Dutch message. An unexpected
error is logged with its type and stack frames only — never its text, which may quote a signal.
"""

import logging
import traceback

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.audit.context import SYSTEM, Actor, acting, current
from leerlus.audit.models import AuditEntry
from leerlus.errors import InputError
from leerlus.jobs.context import JobCancelled, JobContext
from leerlus.jobs.heartbeat import Heartbeat
from leerlus.jobs.models import Job
from leerlus.jobs.registry import kind_of

logger = logging.getLogger(__name__)
RUNNING_HERE: set[int] = set()  # jobs this process runs: never "lost", even when the database kept their heartbeat out


def claim(job_id: int, **changes) -> Job | None:
    """Marks a waiting job as running and returns it; None when it was not waiting (taken, cancelled, gone)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        **changes,
    )
    return Job.objects.select_related("created_by").get(pk=job_id) if claimed else None


def execute(job: Job, *, on_progress=None, reraise: bool = False) -> Job:
    """Runs the claimed job's handler and stores how it ended; with `reraise`, its error goes on to the caller."""
    context = JobContext(job, on_progress=on_progress)
    heartbeat = Heartbeat(context)
    heartbeat.start()
    RUNNING_HERE.add(job.pk)
    result, error, raised = None, "", None
    try:
        with acting(_actor_of(job)):
            result = kind_of(job.kind).handler(context)
        status = Job.Status.DONE
    except JobCancelled as cancelled:
        status, raised = Job.Status.CANCELLED, cancelled
        context.log(_("Geannuleerd op verzoek."))
    except InputError as problem:
        status, error, raised = Job.Status.FAILED, str(problem), problem
        context.log(error)
    except Exception as unexpected:
        status, raised = Job.Status.FAILED, unexpected
        error = _(
            "De taak is mislukt door een onverwachte fout. De beheerder vindt de details in het logboek van de worker."
        )
        context.log(_("Onverwachte fout: %(type)s.") % {"type": type(unexpected).__name__})
        logger.error(
            "job %s (%s) failed with %s\n%s",
            job.pk,
            job.kind,
            type(unexpected).__name__,
            "".join(traceback.format_tb(unexpected.__traceback__)),
        )
    finally:
        heartbeat.stop()
        RUNNING_HERE.discard(job.pk)
    _finish(job, context, status, result, error)
    if reraise and raised is not None:
        raise raised
    return job


def _actor_of(job: Job) -> Actor:
    """A job acts for whoever started it; one run inside a command acts as that command does."""
    if job.inline:
        return current()
    name = job.created_by.get_username() if job.created_by else SYSTEM.name
    return Actor(name, AuditEntry.Channel.JOB, _("taak %(n)s") % {"n": job.pk})


def _finish(job: Job, context: JobContext, status: str, result, error: str) -> None:
    state = context.state()
    if status == Job.Status.DONE and state["total"]:
        state["done"] = state["total"]
    now = timezone.now()
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=status, result=result, error=error, finished_at=now, heartbeat_at=now, **state
    )
    job.refresh_from_db()
