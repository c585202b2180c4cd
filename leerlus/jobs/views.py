"""The Taken pages: every job with its progress, and one job with its log and a cancel button."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

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
    """One job; a POST cancels it (on this address, so that a refusal shows on this page)."""
    job = object_or_404(Job.objects.select_related("created_by"), job_id)
    if request.method == "POST":
        services.cancel(job, user=request.user)
        return redirect("job-detail", job_id=job.pk)
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
