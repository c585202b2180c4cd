"""The Taken pages: every job with its progress, one job with its log, and cancelling one."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from leerlus.jobs import services
from leerlus.jobs.models import Job
from leerlus.jobs.selectors import job_document, jobs_document
from leerlus.presentation.documents import as_document
from leerlus.presentation.ids import object_or_404
from leerlus.presentation.twins import json_twin


def _labelled(job: dict) -> dict:
    return {**job, "status_label": Job.Status(job["status"]).label, "active": job["status"] in Job.ACTIVE}


@login_required
def job_list(request):
    document = jobs_document()
    if request.GET.get("format") == "json":
        return json_twin(document)
    jobs = [_labelled(job) for job in as_document(document)["jobs"]]
    return render(request, "jobs/job_list.html", {"jobs": jobs, "polling": any(job["active"] for job in jobs)})


@login_required
def job_detail(request, job_id):
    job = object_or_404(Job.objects.select_related("created_by"), job_id)
    document = job_document(job)
    if request.GET.get("format") == "json":
        return json_twin(document)
    return render(
        request,
        "jobs/job_detail.html",
        {
            "job": _labelled(as_document(document)),
            "can_cancel": job.is_active and services.can_cancel(request.user, job),
        },
    )


@login_required
@require_POST
def job_cancel(request, job_id):
    job = object_or_404(Job, job_id)
    services.cancel(job, user=request.user)
    return redirect("job-detail", job_id=job.pk)
