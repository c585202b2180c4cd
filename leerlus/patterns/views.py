"""Pattern pages: the overview with filters (and its JSON twin) and one page per pattern with its actions."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from leerlus.core.channels import CHANNEL_CHOICES
from leerlus.core.models import Service, Signal
from leerlus.core.selectors import signal_as_json
from leerlus.errors import InputError
from leerlus.patterns import services
from leerlus.patterns.models import KINDS, Pattern
from leerlus.patterns.selectors import PatternFilter, pattern_as_json, pattern_list, patterns_document, series_rows
from leerlus.playground.models import Problem
from leerlus.web.charts import line_chart
from leerlus.web.twins import json_twin

CHART_DAYS_BEFORE, CHART_DAYS_AFTER = 120, 60


def _filter_from(query) -> PatternFilter:
    since = query.get("since", "")
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError:
        raise InputError(_("Vanaf '%(v)s' is geen datum; gebruik jjjj-mm-dd.") % {"v": since[:20]})
    return PatternFilter(since=since_day, kind=query.get("kind") or None, channel=query.get("channel") or None,
                         service=query.get("service") or None, dismissed=query.get("dismissed") == "1")


@login_required
def pattern_overview(request):
    error, patterns, document = None, [], None
    try:
        f = _filter_from(request.GET)
        if request.GET.get("format") == "json":
            document = patterns_document(f)
        else:
            patterns = list(pattern_list(f))
    except InputError as problem:
        error = str(problem)
    if request.GET.get("format") == "json":
        if error:
            return json_twin({"error": error}, 400)
        return json_twin(document)
    return render(request, "patterns/pattern_list.html", {
        "patterns": patterns, "error": error, "query": request.GET, "kinds": KINDS, "channels": CHANNEL_CHOICES,
        "services": Service.objects.values_list("name", flat=True),
    })


@login_required
def pattern_detail(request, pk: int):
    pattern = get_object_or_404(Pattern.objects.select_related("service", "problem"), pk=pk)
    error = None
    if request.method == "POST":
        try:
            _act(pattern, request.POST)
            return redirect("pattern-detail", pk=pattern.pk)
        except InputError as problem:
            error = str(problem)
    if request.GET.get("format") == "json":
        return json_twin(pattern_as_json(pattern))
    rows = _chart_window(pattern)
    chart = line_chart({_("waargenomen"): {d: o for d, o, _e in rows},
                        **({_("verwacht"): {d: e for d, _o, e in rows}} if any(e is not None for _d, _o, e in rows) else {})})
    examples = Signal.objects.filter(id__in=pattern.examples).select_related("service", "effective_service")
    ripples = Pattern.objects.filter(kind="ripple").exclude(pk=pattern.pk).filter(
        start__range=(pattern.start.replace(day=1), pattern.end or pattern.start)).select_related("service")[:5] \
        if pattern.kind != "ripple" else []
    return render(request, "patterns/pattern_detail.html", {
        "pattern": pattern, "error": error, "chart": chart, "rows": rows,
        "examples": [signal_as_json(s) for s in examples], "ripples": ripples, "problems": Problem.objects.all()[:50],
    })


def _chart_window(pattern: Pattern):
    rows = series_rows(pattern)
    anchor = next((i for i, row in enumerate(rows) if row[0] >= pattern.start), 0)
    return rows[max(0, anchor - CHART_DAYS_BEFORE): anchor + CHART_DAYS_AFTER]


def _act(pattern: Pattern, form) -> None:
    action = form.get("action")
    if action == "acknowledge":
        services.acknowledge(pattern)
    elif action == "dismiss":
        services.dismiss(pattern, form.get("reason", ""))
    elif action == "link":
        problem = Problem.objects.filter(pk=form.get("problem") or None).first() if form.get("problem") else None
        services.link_to_problem(pattern, problem=problem, new_title=form.get("title", ""))
    else:
        raise InputError(_("Onbekende actie '%(v)s'.") % {"v": (action or "")[:20]})
