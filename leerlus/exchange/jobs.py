"""The pull of every subscribed feed as a recurring background job (every six hours, on the task queue)."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.exchange.services import pull_all
from leerlus.jobs.registry import register
from leerlus.jobs.schedule import every
from leerlus.presentation.documents import as_document

every("exchange_pull", timedelta(hours=6))


@register("exchange_pull", gettext_lazy("Lessen van andere gemeenten ophalen"))
def run_pull(job) -> dict:
    result = pull_all()
    for error in result.errors:
        job.log(_("%(f)s: %(e)s") % {"f": error.feed, "e": error.error})
    return as_document(result)
