"""The push API's import: a batch of up to 1,000 signals from another system, through the same validation,
redaction and idempotency (by external id) as a file import; the answer says per item whether it was taken."""

from django.utils.translation import gettext as _

from leerlus.intake.columns import FIELDS
from leerlus.intake.readers import Table
from leerlus.intake.schemas import ImportSummary, PushedItem, PushedProblem, PushResult
from leerlus.intake.services import import_table
from leerlus.jobs.services import request_analysis

MAX_ITEMS = 1_000
NAMES = {"id": "external_id"}  # the API's name of a field, where it differs from the import's


def push_signals(items: list[dict], *, user=None) -> PushResult:
    """Imports the items; items[i] is reported as line i of the batch. Already stored items count as taken."""
    summary = import_items(items, _("API-batch"), "api", user=user)
    refused = {row.line: row for row in summary.errors}
    results = [
        PushedItem(
            index=index,
            status="rejected" if index in refused else "accepted",
            problem=_problem(refused[index]) if index in refused else None,
        )
        for index in range(len(items))
    ]
    if summary.imported:
        request_analysis(user=user)
    return PushResult(
        received=len(items),
        imported=summary.imported,
        duplicates=summary.duplicates,
        rejected=summary.rejected,
        batch=summary.batch,
        items=results,
    )


def import_items(items: list[dict], name: str, file_format: str, *, user=None) -> ImportSummary:
    """Imports dicts with the API's field names as one import run; items[i] is line i of the run."""
    rows = ((index, [item.get(NAMES.get(field, field)) for field in FIELDS]) for index, item in enumerate(items))
    return import_table(Table(columns=list(FIELDS), rows=rows), name, file_format, user=user)


def _problem(row) -> PushedProblem:
    return PushedProblem(title=_("Signaal afgewezen"), status=422, detail=row.reason, code=row.code)
