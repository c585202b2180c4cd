"""The audit page for a beheerder: search the trail, read it as JSON, download it as CSV (which is itself recorded)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.audit.csv_export import csv_response
from leerlus.audit.models import AuditEntry
from leerlus.audit.recorder import record
from leerlus.audit.selectors import AuditFilter, audit_document, matching
from leerlus.core.dates import parse_date
from leerlus.core.roles import beheerder_only
from leerlus.errors import about
from leerlus.presentation.documents import as_document
from leerlus.presentation.twins import json_twin


def _filter_from(query) -> AuditFilter:
    with about("since"):
        since = parse_date(query["since"], _("Vanaf")) if query.get("since") else None
    return AuditFilter(
        since=since, actor=query.get("actor", ""), action=query.get("action", ""), words=query.get("words", "")
    ).validate()


@beheerder_only(gettext_lazy("Alleen een beheerder leest het auditlog."))
def audit_log(request):
    chosen = _filter_from(request.GET)
    if request.GET.get("format") == "csv":
        record(AuditEntry.Action.EXPORT, "audit.auditentry", "CSV")
        return csv_response(matching(chosen), f"auditlog-{timezone.localdate():%Y-%m-%d}.csv")
    document = audit_document(chosen)
    if request.GET.get("format") == "json":
        return json_twin(document)
    query = request.GET.copy()
    query["format"] = "csv"
    shown = as_document(document)
    channels, actions = dict(AuditEntry.Channel.choices), dict(AuditEntry.Action.choices)
    for entry in shown["entries"]:
        entry["channel_label"], entry["action_label"] = channels[entry["channel"]], actions[entry["action"]]
    context = {"document": shown, "query": request.GET, "csv_query": query.urlencode()}
    return render(request, "audit/log.html", {**context, "actions": AuditEntry.Action.choices})
