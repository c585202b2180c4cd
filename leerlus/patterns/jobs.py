"""The analysis as a background job: `run_analysis` with its progress messages as the job's stages."""

from django.utils.translation import gettext_lazy as _

from leerlus.jobs.registry import register
from leerlus.presentation.documents import as_document

STAGES = 4  # loading, training (full runs only), classifying, finding patterns


@register("analysis", _("Analyse"))
def analyse(job) -> dict:
    from leerlus.patterns.services import run_analysis  # here: every process registers kinds, few run them

    stages = iter(range(STAGES))

    def stage(message: str) -> None:
        job.progress(next(stages, STAGES - 1), STAGES, stage=message)

    return as_document(run_analysis(full=bool(job.params.get("full")), progress=stage))
