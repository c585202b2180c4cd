"""The monthly retrospective brief: what changed in the patterns that month, the ripples, each running
experiment's progress and log, effect estimates, decisions due, the month's lessons and the open actions
of earlier retrospectives. One document for the web page, `leerlus brief --json`, the HTML and the PDF."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from leerlus.core.models import Signal
from leerlus.core.selectors import received_between
from leerlus.errors import InputError
from leerlus.patterns.models import Pattern
from leerlus.patterns.selectors import pattern_as_json, series_rows
from leerlus.playground.models import Experiment, Lesson, LogEntry
from leerlus.playground.selectors import lesson_as_json, log_entry_as_json
from leerlus.rhythm.models import Action, Retrospective

CHANGE = 0.25  # an ongoing pattern grew or faded when its series moved this much against the month before


def parse_month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except (ValueError, AttributeError):
        raise InputError(_("Maand '%(v)s' is geen maand; gebruik jjjj-mm, bijvoorbeeld 2026-07.") % {"v": str(text)[:20]})


def _month_mean(rows, first: date, last: date) -> float | None:
    values = [observed for day, observed, _expected in rows if first <= day <= last]
    return sum(values) / len(values) if values else None


def _pattern_changes(first: date, last: date) -> tuple[list, list, list]:
    """New patterns of the month; ongoing ones that grew; ones that ended or shrank."""
    patterns = Pattern.objects.exclude(status=Pattern.Status.DISMISSED).select_related("service")
    new = [p for p in patterns.filter(start__range=(first, last))]
    grown, faded = [], []
    ongoing = patterns.filter(start__lt=first).filter(Q(end=None) | Q(end__gte=first)).exclude(kind="ripple")
    previous_first = first - relativedelta(months=1)
    for pattern in ongoing:
        if pattern.end and pattern.end <= last:
            faded.append(pattern)
            continue
        rows = series_rows(pattern)
        now, before = _month_mean(rows, first, last), _month_mean(rows, previous_first, first - timedelta(days=1))
        if now is None or not before:
            continue
        if now > before * (1 + CHANGE):
            grown.append(pattern)
        elif now < before * (1 - CHANGE):
            faded.append(pattern)
    return new, grown, faded


def _experiment_progress(experiment: Experiment, first: date, last: date) -> dict:
    days = (experiment.end - experiment.start).days or 1
    elapsed = min(max((last - experiment.start).days + 1, 0), days)
    log = experiment.log.filter(day__range=(first, last)).select_related("author")
    return {
        "id": experiment.pk, "title": experiment.title, "status": experiment.status,
        "start": experiment.start.isoformat(), "end": experiment.end.isoformat(),
        "progress": round(elapsed / days, 2),
        "log": [log_entry_as_json(e) for e in log],
        "effects": [{"metric": str(m), "better": m.better, "effect": _effect_summary(m.estimate)}
                    for m in experiment.metrics.select_related("service")],
    }


def _effect_summary(estimate: dict | None) -> dict | None:
    if not estimate:
        return None
    keys = ("relative_effect", "ci_low", "ci_high", "absolute_per_day", "method", "enough_data", "reason",
            "days", "observed", "counterfactual")
    return {key: estimate.get(key) for key in keys}


def brief_document(month: date) -> dict:
    """The brief for the month that starts on `month` (the first day)."""
    first, last = month, month + relativedelta(months=1) - timedelta(days=1)
    signals = Signal.objects.filter(received_between(first, last))
    by_channel = dict(signals.values_list("channel").annotate(n=Count("id")).order_by("-n"))
    previous = Signal.objects.filter(received_between(first - relativedelta(months=1), first - timedelta(days=1)))
    new, grown, faded = _pattern_changes(first, last)
    active = Experiment.objects.filter(start__lte=last, end__gte=first).exclude(status=Experiment.Status.IDEA)
    due = Experiment.objects.filter(end__lte=last + relativedelta(months=1), decision="") \
        .exclude(status=Experiment.Status.IDEA).order_by("end")
    retro = Retrospective.objects.filter(month=first).prefetch_related("participants", "actions__owner").first()
    open_actions = Action.objects.filter(retrospective__month__lt=first).filter(
        Q(done_on=None) | Q(done_on__gte=first)).select_related("owner", "retrospective")
    total = sum(by_channel.values())
    return {
        "month": f"{first:%Y-%m}", "first_day": first.isoformat(), "last_day": last.isoformat(),
        "has_data": total > 0,
        "message": None if total else _("Geen signalen in %(m)s: er valt over deze maand nog niets te zeggen.") % {
            "m": f"{first:%Y-%m}"},
        "signals": {"total": total, "previous_month": previous.count(), "by_channel": by_channel},
        "patterns": {"new": [pattern_as_json(p) for p in new if p.kind != "ripple"],
                     "grown": [pattern_as_json(p) for p in grown], "faded": [pattern_as_json(p) for p in faded]},
        "emerging_topics": [{"terms": p.terms, "start": p.start.isoformat(), "summary": p.summary}
                            for p in new if p.kind == "emerging_topic"],
        "ripples": [pattern_as_json(p) for p in new if p.kind == "ripple"],
        "experiments": [_experiment_progress(e, first, last) for e in active],
        "decisions_due": [{"id": e.pk, "title": e.title, "end": e.end.isoformat(), "status": e.status} for e in due],
        "lessons": [lesson_as_json(lesson) for lesson in
                    Lesson.objects.filter(created_at__date__range=(first, last)).select_related("author")],
        "log_entries": LogEntry.objects.filter(day__range=(first, last)).count(),
        "open_actions": [_action_json(a) for a in open_actions],
        "retrospective": _retro_json(retro) if retro else None,
    }


def _action_json(action: Action) -> dict:
    return {"id": action.pk, "text": action.text, "owner": action.owner.name if action.owner else None,
            "due": action.due.isoformat(), "done_on": action.done_on.isoformat() if action.done_on else None,
            "from_month": f"{action.retrospective.month:%Y-%m}"}


def _retro_json(retro: Retrospective) -> dict:
    return {"held_on": retro.held_on.isoformat(), "participants": [p.name for p in retro.participants.all()],
            "conclusions": retro.conclusions, "actions": [_action_json(a) for a in retro.actions.all()]}
