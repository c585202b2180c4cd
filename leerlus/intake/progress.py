"""The import's progress and summary as one document: the progress page, its JSON twin and its script read it."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerlus.jobs.models import Job

FINISHED = {"done", "failed", "cancelled"}


def _seconds_left(job) -> int | None:
    """Time left at the pace so far: elapsed × (total − done) / done; unknown before the first rows."""
    if job.status != "running" or not job.total or not job.done or not job.started_at:
        return None
    elapsed = (timezone.now() - job.started_at).total_seconds()
    return max(0, round(elapsed * (job.total - job.done) / job.done))


def _time_left(seconds: int | None) -> str:
    if seconds is None:
        return ""
    if seconds >= 90:
        minutes = round(seconds / 60)
        return ngettext("Nog ongeveer %(n)s minuut.", "Nog ongeveer %(n)s minuten.", minutes) % {"n": minutes}
    return _("Nog minder dan anderhalve minuut.") if seconds >= 10 else _("Bijna klaar.")


def job_document(job) -> dict:
    seconds_left = _seconds_left(job)
    return {
        "id": job.pk,
        "title": job.title,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "seconds_left": seconds_left,
        "time_left": _time_left(seconds_left),
        "finished": job.status in FINISHED,
        "result": job.result if job.status == "done" else None,
        "error": job.error if job.status == "failed" else "",
    }


def import_jobs(ids: list[int]) -> list[Job]:
    """The import jobs with these ids, in the order they were started."""
    return list(Job.objects.filter(pk__in=ids, kind="import").order_by("pk"))


def imports_document(jobs: list[Job]) -> dict:
    """{"finished": all done, "jobs": [...]}."""
    documents = [job_document(job) for job in jobs]
    return {"finished": all(j["finished"] for j in documents), "jobs": documents}


def finished_files(jobs: list[Job]) -> list[str]:
    """The uploaded files of the finished imports (normally already removed by the job itself)."""
    return [job.params["path"] for job in jobs if job.status in FINISHED and job.params.get("remove_after")]
