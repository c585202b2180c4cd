"""The monthly retrospective brief: the incidents that began that month and the earlier ones still going on,
each running experiment's progress and log, effect estimates, decisions due, the month's lessons and the open actions
of earlier retrospectives. One document for the web page, `leerlus brief --json`, the HTML and the PDF."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from leerlus.core.models import Signal
from leerlus.core.selectors import received_between
from leerlus.errors import InputError
from leerlus.exchange.selectors import new_for_open_problems
from leerlus.patterns.models import Incident, Pattern
from leerlus.patterns.schemas import IncidentOut
from leerlus.patterns.selectors import TO_READ, incident_cards, series_rows
from leerlus.playground.effect_sentences import effect_reason
from leerlus.playground.models import Experiment, Lesson, LogEntry
from leerlus.playground.schemas import LessonOut
from leerlus.presentation.documents import as_document
from leerlus.presentation.formatting import month as month_name
from leerlus.rhythm.models import Action, Retrospective
from leerlus.rhythm.schemas import (
    ActionOut,
    BriefDocument,
    BriefIncidents,
    DecisionDue,
    EffectSummary,
    ExperimentProgress,
    LessonElsewhere,
    MetricEffect,
    RetrospectiveOut,
    SignalsInMonth,
)

CHANGE = 0.25  # an earlier incident still goes on when a series of it is this much off what was expected


def parse_month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except (ValueError, AttributeError):
        raise InputError(
            _("Maand '%(v)s' is geen maand; gebruik jjjj-mm, bijvoorbeeld 2026-07.") % {"v": str(text)[:20]}
        ) from None


def _month_mean(rows, first: date, last: date) -> float | None:
    values = [observed for day, observed, _expected in rows if first <= day <= last]
    return sum(values) / len(values) if values else None


def _incidents(first: date, last: date) -> BriefIncidents:
    """The incidents to read that began in the month, and earlier ones that still go on in it."""
    to_read = Incident.objects.filter(status__in=TO_READ)
    new = incident_cards(to_read.filter(start__range=(first, last)), last)
    earlier = incident_cards(to_read.filter(start__lt=first).filter(Q(end=None) | Q(end__gte=first)), last)
    ongoing = [card for card in earlier if any(_goes_on(p, first, last) for p in card.patterns)]
    return BriefIncidents(new=[IncidentOut.of(c) for c in new], ongoing=[IncidentOut.of(c) for c in ongoing])


def _goes_on(pattern: Pattern, first: date, last: date) -> bool:
    """Its series is still off what was expected this month; a series of new words (nothing expected): still
    growing against the month before."""
    rows = series_rows(pattern)
    now = _month_mean(rows, first, last)
    expected = [e for day, _o, e in rows if first <= day <= last and e is not None]
    if now is None:
        return False
    if expected:
        baseline = sum(expected) / len(expected)
        return baseline > 0 and abs(now / baseline - 1) >= CHANGE
    before = _month_mean(rows, first - relativedelta(months=1), first - timedelta(days=1))
    return bool(before) and now > before * (1 + CHANGE)


def _experiment_progress(experiment: Experiment, first: date, last: date) -> ExperimentProgress:
    days = (experiment.end - experiment.start).days or 1
    elapsed = min(max((last - experiment.start).days + 1, 0), days)
    log = experiment.log.filter(day__range=(first, last)).select_related("author")
    return ExperimentProgress(
        id=experiment.pk,
        title=experiment.title,
        status=experiment.status,
        start=experiment.start,
        end=experiment.end,
        progress=round(elapsed / days, 2),
        log=list(log),  # the schema reads the entries themselves (and resolves their author)
        effects=[
            MetricEffect(metric=str(m), better=m.better, effect=_effect_summary(m.estimate))
            for m in experiment.metrics.select_related("service")
        ],
    )


def _effect_summary(estimate: dict | None) -> EffectSummary | None:
    if not estimate:
        return None
    return EffectSummary(
        **{key: estimate.get(key) for key in EffectSummary.model_fields if key != "reason"},
        reason=effect_reason(estimate),
    )


def brief_document(month: date) -> dict:
    """The brief for the month that starts on `month` (the first day), in its JSON form (`BriefDocument`)."""
    first, last = month, month + relativedelta(months=1) - timedelta(days=1)
    signals = Signal.objects.filter(received_between(first, last))
    by_channel = dict(signals.values_list("channel").annotate(n=Count("id")).order_by("-n"))
    previous = Signal.objects.filter(received_between(first - relativedelta(months=1), first - timedelta(days=1)))
    active = Experiment.objects.filter(start__lte=last, end__gte=first).exclude(status=Experiment.Status.IDEA)
    due = (
        Experiment.objects.filter(end__lte=last + relativedelta(months=1), decision="")
        .exclude(status=Experiment.Status.IDEA)
        .order_by("end")
    )
    retro = Retrospective.objects.filter(month=first).prefetch_related("participants", "actions__owner").first()
    open_actions = (
        Action.objects.filter(retrospective__month__lt=first)
        .filter(Q(done_on=None) | Q(done_on__gte=first))
        .select_related("owner", "retrospective")
    )
    total = sum(by_channel.values())
    # Built from parts that are validated already: a second validation would read the parts' own fields as ORM
    # attributes again (ninja resolves `author` and the like only from the model object).
    return as_document(
        BriefDocument.model_construct(
            month=f"{first:%Y-%m}",
            first_day=first,
            last_day=last,
            has_data=total > 0,
            message=None
            if total
            else _("Geen signalen in %(m)s: er valt over deze maand nog niets te zeggen.") % {"m": month_name(first)},
            signals=SignalsInMonth(total=total, previous_month=previous.count(), by_channel=by_channel),
            incidents=_incidents(first, last),
            experiments=[_experiment_progress(e, first, last) for e in active],
            decisions_due=[DecisionDue(id=e.pk, title=e.title, end=e.end, status=e.status) for e in due],
            lessons=[
                LessonOut.from_orm(lesson)
                for lesson in Lesson.objects.filter(created_at__date__range=(first, last)).select_related("author")
            ],
            lessons_elsewhere=[
                LessonElsewhere(
                    municipality=match.lesson.municipality,
                    title=match.lesson.title,
                    outcome=match.lesson.outcome,
                    outcome_label=match.lesson.get_outcome_display(),
                    learned=match.lesson.learned,
                    uri=match.lesson.uri,
                    problem=problem.title,
                )
                for problem, match in new_for_open_problems(first, last)
            ],
            log_entries=LogEntry.objects.filter(day__range=(first, last)).count(),
            open_actions=[_action(a) for a in open_actions],
            retrospective=_retrospective(retro) if retro else None,
        )
    )


def _action(action: Action) -> ActionOut:
    return ActionOut(
        id=action.pk,
        text=action.text,
        owner=action.owner.name if action.owner else None,
        due=action.due,
        done_on=action.done_on,
        from_month=f"{action.retrospective.month:%Y-%m}",
    )


def _retrospective(retro: Retrospective) -> RetrospectiveOut:
    return RetrospectiveOut(
        held_on=retro.held_on,
        participants=[p.name for p in retro.participants.all()],
        conclusions=retro.conclusions,
        actions=[_action(a) for a in retro.actions.all()],
    )
