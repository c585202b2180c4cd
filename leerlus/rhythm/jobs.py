"""The monthly brief as a PDF made in the background: kept in $LEERLUS_HOME/briefs, downloaded from the job."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.jobs.registry import register


def brief_path(job_id: int, month: str):
    return settings.BRIEFS_DIR / f"maandbrief-{month}-{job_id}.pdf"


@register("brief", gettext_lazy("Maandbrief als PDF"))
def make_brief(job) -> dict:
    from leerlus.core.selectors import current_organisation  # here: every process registers kinds, few run them
    from leerlus.rhythm.brief import brief_document, parse_month
    from leerlus.rhythm.report import brief_pdf

    month = parse_month(job.params["month"])
    job.progress(0, 2, stage=_("Maandbrief samenstellen …"))
    document = brief_document(month)
    job.progress(1, 2, stage=_("PDF maken …"))
    content = brief_pdf(document, current_organisation())
    path = brief_path(job.job.pk, document["month"])
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(content)
    partial.replace(path)  # a download never sees half a file
    job.progress(2, 2, stage=_("Klaar."))
    return {
        "month": document["month"],
        "file": path.name,
        "bytes": len(content),
        "download": reverse("brief-download", args=[job.job.pk]),
    }
