"""Pattern and incident pages: the overviews with filters (and their JSON twins), one page per pattern with its
actions, one page per incident with its facets and the marking form, and the calendar of known events."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from leerlus.audit.models import AuditEntry
from leerlus.audit.recorder import record
from leerlus.core.channels import CHANNEL_CHOICES
from leerlus.core.data_version import data_version
from leerlus.core.dates import parse_date
from leerlus.core.models import Person, Service, Signal
from leerlus.core.schemas import SignalOut
from leerlus.errors import InputError, about
from leerlus.patterns import services
from leerlus.patterns.models import KINDS, Incident, KnownEvent, Pattern, Topic
from leerlus.patterns.schemas import IncidentOut, KnownEventsDocument, PatternOut
from leerlus.patterns.selectors import (
    IncidentFilter,
    PatternFilter,
    chart_rows,
    incident_card,
    incident_list,
    incidents_document,
    pattern_list,
    patterns_document,
)
from leerlus.patterns.sentences import series_label
from leerlus.presentation.charts import line_chart
from leerlus.presentation.documents import as_document
from leerlus.presentation.ids import object_or_404
from leerlus.presentation.twins import json_twin

INCIDENT_EXAMPLES = 8


def _since(query):
    since = query.get("since", "")
    with about("since"):
        return parse_date(since, _("Vanaf")) if since else None


def _filter_from(query) -> PatternFilter:
    return PatternFilter(
        since=_since(query),
        kind=query.get("kind") or None,
        channel=query.get("channel") or None,
        service=query.get("service") or None,
        dismissed=query.get("dismissed") == "1",
    )


@login_required
def pattern_overview(request):
    f = _filter_from(request.GET)
    if request.GET.get("format") == "json":
        return json_twin(patterns_document(f))
    return render(
        request,
        "patterns/pattern_list.html",
        {
            "patterns": pattern_list(f),  # a query, run only when the cached list has no copy for this version
            "data_version": data_version(),
            "query": request.GET,
            "kinds": KINDS,
            "channels": CHANNEL_CHOICES,
            "services": Service.objects.values_list("name", flat=True),
        },
    )


@login_required
def pattern_detail(request, pk: int):
    pattern = get_object_or_404(Pattern.objects.select_related("service"), pk=pk)
    if request.method == "POST":
        _act(pattern, request.POST)
        return redirect("pattern-detail", pk=pattern.pk)
    if request.GET.get("format") == "json":
        return json_twin(PatternOut.from_orm(pattern))
    examples = Signal.objects.filter(id__in=pattern.examples).select_related("service", "effective_service")
    record(
        AuditEntry.Action.VIEW,
        "core.signal",
        _("%(n)s voorbeeldteksten van patroon %(p)s") % {"n": len(examples), "p": pk},
    )
    ripples = (
        Pattern.objects.filter(kind="ripple")
        .exclude(pk=pattern.pk)
        .filter(start__range=(pattern.start.replace(day=1), pattern.end or pattern.start))
        .select_related("service")[:5]
        if pattern.kind != "ripple"
        else []
    )
    return render(
        request,
        "patterns/pattern_detail.html",
        {
            "pattern": pattern,
            "series": partial(_chart, pattern),  # drawn only when the cached chart has no copy for this version
            "data_version": data_version(),
            "examples": as_document([SignalOut.from_orm(s) for s in examples]),
            "seen_in": [series_label(side) for side in pattern.evidence],
            "ripples": ripples,
        },
    )


def _chart(pattern: Pattern) -> tuple[str, list]:
    """The pattern's series around its start, observed and expected, as a chart and as table rows."""
    rows = chart_rows(pattern)
    expected = {_("verwacht"): {d: e for d, _o, e in rows}} if any(e is not None for _d, _o, e in rows) else {}
    return line_chart({_("waargenomen"): {d: o for d, o, _e in rows}, **expected}), rows


def _act(pattern: Pattern, form) -> None:
    action = form.get("action")
    if action == "acknowledge":
        services.acknowledge(pattern)
    elif action == "dismiss":
        services.dismiss(pattern, form.get("reason", ""))
    else:
        raise InputError(_("Onbekende actie '%(v)s'.") % {"v": (action or "")[:20]})


@login_required
def incident_overview(request):
    f = IncidentFilter(since=_since(request.GET), status=request.GET.get("status") or None).validate()
    if request.GET.get("format") == "json":
        return json_twin(incidents_document(f))
    return render(
        request,
        "patterns/incident_list.html",
        {
            "cards": partial(incident_list, f),  # made only when the cached list has no copy for this version
            "data_version": data_version(),
            "query": request.GET,
            "statuses": Incident.Status.choices,
        },
    )


@login_required
def incident_detail(request, pk: int):
    incident = get_object_or_404(Incident, pk=pk)
    if request.method == "POST":
        services.mark_incident(
            incident,
            status=request.POST.get("status", ""),
            reason=request.POST.get("reason", ""),
            person=_person(request),
        )
        return redirect("incident-detail", pk=pk)
    card = incident_card(pk)
    if request.GET.get("format") == "json":
        return json_twin(IncidentOut.of(card))
    example_ids = list(dict.fromkeys(i for pattern in card.patterns for i in pattern.examples))[:INCIDENT_EXAMPLES]
    examples = Signal.objects.filter(id__in=example_ids).select_related("service", "effective_service")
    record(
        AuditEntry.Action.VIEW,
        "core.signal",
        _("%(n)s voorbeeldteksten van incident %(i)s") % {"n": len(examples), "i": pk},
    )
    return render(
        request,
        "patterns/incident_detail.html",
        {
            "card": card,
            "incident": card.incident,
            "query": request.POST,
            "evidence": [
                {"pattern": pattern, "chart": chart, "rows": rows}
                for pattern in card.patterns
                for chart, rows in [_chart(pattern)]
            ],
            "ripples": [pattern for pattern in card.patterns if pattern.kind == "ripple"],
            "topics": Topic.objects.filter(number__in=card.incident.topics),
            "examples": as_document([SignalOut.from_orm(s) for s in examples]),
            "markings": card.incident.markings.select_related("person"),
            "markings_to_choose": [(s, label) for s, label in Incident.Status.choices if s in services.MARKINGS],
        },
    )


@login_required
def known_events(request):
    if request.method == "POST":
        _change_known_events(request)
        return redirect("known-events")
    events = KnownEvent.objects.all()
    if request.GET.get("format") == "json":
        return json_twin(KnownEventsDocument(known_events=events))
    return render(
        request,
        "patterns/known_events.html",
        {
            "events": events,
            "form": request.POST,
            "channels": CHANNEL_CHOICES,
            "services": Service.objects.values_list("name", flat=True),
        },
    )


def _change_known_events(request) -> None:
    form = request.POST
    if form.get("action") == "remove":
        services.remove_known_event(object_or_404(KnownEvent, form.get("event")))
        return
    days = form.get("days") or "28"
    if not days.isdigit():
        raise InputError(_("Het aantal dagen '%(v)s' is geen heel getal.") % {"v": days[:20]})
    services.add_known_event(
        day=parse_date(form.get("day"), _("Dag")),
        description=form.get("description", ""),
        services=form.getlist("services"),
        channels=form.getlist("channels"),
        days=int(days),
        person=_person(request),
    )


def _person(request) -> Person | None:
    return Person.objects.filter(user=request.user).first()
