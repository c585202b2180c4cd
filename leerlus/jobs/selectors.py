"""Reading jobs: the list, one job, and the estimate of the time a running job still needs."""

from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.jobs.models import Job
from leerlus.jobs.schemas import JobDetailOut, JobOut, JobsOut

LIST_LENGTH = 100


def seconds_left(job: Job) -> float | None:
    """At the pace so far: elapsed × (total − done) / done; unknown without a total or before the first rows."""
    if job.status != Job.Status.RUNNING or not job.total or not job.done or not job.started_at:
        return None
    elapsed = (timezone.now() - job.started_at).total_seconds()
    return round(elapsed * max(job.total - job.done, 0) / job.done, 1)


def _fields(job: Job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "seconds_left": seconds_left(job),
        "created_by": job.created_by.get_username() if job.created_by else None,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "attempts": job.attempts,
        "error": job.error,
        "result": job.result,
    }


def jobs_document(limit: int = LIST_LENGTH) -> JobsOut:
    jobs = Job.objects.filter(parent=None).select_related("created_by").defer("log")[:limit]  # parts: in their whole
    return JobsOut(jobs=[JobOut(**_fields(job)) for job in jobs])


def job_document(job: Job) -> JobDetailOut:
    return JobDetailOut(**_fields(job), log=job.log)


def job_or_input_error(job_id) -> Job:
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        raise InputError(_("Er is geen taak %(id)s.") % {"id": job_id})
    return job
