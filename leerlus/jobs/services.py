"""Starting, cancelling and running jobs: what views, commands and feature apps call."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.core.models import Person
from leerlus.core.roles import role_of
from leerlus.errors import InputError
from leerlus.jobs import execution
from leerlus.jobs.context import JobCancelled
from leerlus.jobs.models import SINGLE_KINDS, Job
from leerlus.jobs.registry import kind_of


def _person(user):
    return user if user is not None and user.is_authenticated else None


def submit(kind: str, params: dict, *, user=None, title: str = "") -> Job:
    """Creates the job and puts it on the queue once the surrounding transaction commits."""
    from leerlus.jobs.queue import send

    job = Job.objects.create(
        kind=kind,
        params=params,
        created_by=_person(user),
        title=str(title or kind_of(kind).label),
        heartbeat_at=timezone.now(),
    )
    # robust: with the broker down the job stays waiting and the recovery sends it again.
    transaction.on_commit(lambda: send(job.pk), robust=True)
    return job


def request_analysis(*, user=None) -> Job:
    """Asks for an analysis of the new signals: joins the waiting one if there is one (one partial unique index
    guards this, so imports that finish together still leave one)."""
    for _attempt in range(3):
        waiting = Job.objects.filter(kind="analysis", status=Job.Status.QUEUED).first()
        if waiting:
            return waiting
        try:
            with transaction.atomic():
                return submit("analysis", {"full": False}, user=user, title=_("Analyse van de nieuwe signalen"))
        except IntegrityError:
            continue  # another process just queued one: take that one
    return Job.objects.get(kind="analysis", status=Job.Status.QUEUED)


def can_cancel(user, job: Job) -> bool:
    """A beheerder, or the person who started the job; the command line (no user) always."""
    if user is None:
        return True
    return role_of(user) == Person.Role.BEHEERDER or (job.created_by_id is not None and job.created_by_id == user.pk)


def cancel(job: Job, *, user=None) -> Job:
    """A waiting job is cancelled at once; a running one at its next progress report."""
    if not can_cancel(user, job):
        raise PermissionDenied(_("Alleen een beheerder of wie de taak startte, kan haar annuleren."))
    if not job.is_active:
        raise InputError(
            _("Taak %(id)s is al afgelopen (%(status)s).") % {"id": job.pk, "status": job.get_status_display()}
        )
    now = timezone.now()
    entry = {"at": now.isoformat(), "message": _("Geannuleerd voordat ze begon.")}
    Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.CANCELLED, cancel_requested=True, finished_at=now, log=[*job.log, entry]
    )
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(cancel_requested=True)
    job.refresh_from_db()
    return job


def run_inline(kind: str, params: dict, *, user=None, title: str = "", progress=None) -> Job:
    """Runs the job in this process (the command line) and records it like any other; errors go on to the caller.

    For a kind of which one job waits (the analysis), the waiting job is taken over rather than left for later."""
    job = None
    if kind in SINGLE_KINDS:
        waiting = Job.objects.filter(kind=kind, status=Job.Status.QUEUED).first()
        if waiting:
            job = execution.claim(waiting.pk, params=params, inline=True)
    if job is None:
        now = timezone.now()
        job = Job.objects.create(
            kind=kind,
            params=params,
            created_by=_person(user),
            title=str(title or kind_of(kind).label),
            status=Job.Status.RUNNING,
            inline=True,
            started_at=now,
            heartbeat_at=now,
            attempts=1,
        )
    try:
        return execution.execute(job, on_progress=progress, reraise=True)
    except JobCancelled as cancelled:
        raise InputError(_("Taak %(id)s is geannuleerd.") % {"id": job.pk}) from cancelled
