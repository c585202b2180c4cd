"""The analysis as a background job; a full analysis labels its signals in parts that any worker can take.

The whole (kind "analysis") trains the classifier, hands one part (kind "analysis_part") per range of
signal ids to the queue, reads and counts the texts while other workers take parts, takes parts itself
until none wait (jobs/parts.py), and then counts the series and finds the patterns. A part reads the
stored classifier and writes the labels of its range.
"""

import os
import socket

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.jobs.parts import run_in_parts
from leerlus.jobs.registry import register
from leerlus.presentation.documents import as_document

WORKER = f"{socket.gethostname()} (proces {os.getpid()})"  # which machine and process took a part


@register("analysis", gettext_lazy("Analyse"))
def analyse(job) -> dict:
    from leerlus.patterns import labelling
    from leerlus.patterns.services import run_analysis  # here: every process registers kinds, few run them

    def stage(message: str) -> None:
        job.progress(job.job.done, stage=message)  # during the parts: parts done of all parts

    def label_ranges(classifier, ranges: list[tuple[int, int]], meanwhile) -> None:
        labelling.remember(_run_key(job.job), classifier)  # the parts this process takes need not read it back
        parts = [{"whole": job.job.pk, "first": first, "last": last} for first, last in ranges]
        stage = _("Signalen indelen in %(n)s delen …") % {"n": len(parts)}
        run_in_parts(job, "analysis_part", parts, stage=stage, meanwhile=meanwhile)

    summary = run_analysis(
        full=bool(job.params.get("full")),
        progress=stage,
        label_ranges=label_ranges,
        part_size=int(job.params.get("part_size") or labelling.PART_SIGNALS),
    )
    return as_document(summary)


@register("analysis_part", gettext_lazy("Deel van een analyse"))
def analyse_part(job) -> dict:
    from leerlus.jobs.models import Job
    from leerlus.patterns import labelling

    whole = Job.objects.get(pk=job.params["whole"])
    job.progress(0, 1, stage=_("Signalen %(first)s tot en met %(last)s indelen …") % job.params)
    classifier = labelling.stored_classifier(_run_key(whole))
    labelled = labelling.label_range(job.params["first"], job.params["last"], classifier)
    job.log(_("%(n)s signalen ingedeeld door %(worker)s.") % {"n": labelled, "worker": WORKER})
    return {"labelled": labelled}


def _run_key(whole) -> tuple[int, int]:
    """One full run: the whole job and its attempt (a new attempt trains anew)."""
    return whole.pk, whole.attempts
