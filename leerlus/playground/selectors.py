"""Reads in the playground: problems ranked by reach and trend, the lessons library search and the start plan's
progress (their JSON forms are in `schemas.py`)."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from leerlus.core.models import Service, Signal
from leerlus.patterns.models import SeriesCount
from leerlus.playground.models import Experiment, Lesson, Problem, StartPlan

REACH_DAYS, TREND_DAYS = 90, 28


@dataclass(frozen=True)
class RankedProblem:
    problem: Problem
    departments: list[str]
    channels: list[str]
    signals: int
    trend: float | None  # last four weeks against the four before; None without signals
    before_per_day: float = 0.0  # the four weeks before, per day: the trend's baseline (pages say "nieuw" at zero)
    last_per_day: float = 0.0


def _series_filter(problem: Problem) -> Q | None:
    """Which series a problem touches: its patterns' series (both ends of a ripple; a pattern across all
    channels and services touches everything) and its own services. Fields as in SeriesCount."""
    condition = Q(service__name__in=[s.name for s in problem.services.all()]) if problem.services.exists() else None
    for pattern in problem.patterns.all():
        ends = (
            [pattern.cause or {}, pattern.effect or {}]
            if pattern.kind == "ripple"
            else [
                {
                    "channel": pattern.channel,
                    "service": pattern.service.name if pattern.service else None,
                    "topic": pattern.topic,
                }
            ]
        )
        for end in ends:
            part = Q()
            if end.get("channel"):
                part &= Q(channel=end["channel"])
            if end.get("service"):
                part &= Q(service__name=end["service"])
            if end.get("topic") is not None:
                part &= Q(topic=end["topic"])
            condition = part if condition is None else condition | part
    return condition


def rank_problem(problem: Problem, until: date | None) -> RankedProblem:
    """Reach and trend of one problem over the last 90 days, from the analysis' daily counts (SeriesCount)."""
    condition = _series_filter(problem)
    if condition is None or until is None:
        return RankedProblem(problem, [], [], 0, None)
    groups = list(
        SeriesCount.objects.filter(condition, day__range=(until - timedelta(days=REACH_DAYS - 1), until))
        .values("channel", "service")
        .order_by()
        .annotate(
            n=Sum("count"),
            last=Sum("count", filter=Q(day__gt=until - timedelta(days=TREND_DAYS))),
            before=Sum(
                "count",
                filter=Q(day__gt=until - timedelta(days=2 * TREND_DAYS), day__lte=until - timedelta(days=TREND_DAYS)),
            ),
        )
    )
    departments = (
        Service.objects.filter(pk__in={g["service"] for g in groups} - {None}, department__isnull=False)
        .values_list("department__name", flat=True)
        .distinct()
    )
    last, before = sum(g["last"] or 0 for g in groups), sum(g["before"] or 0 for g in groups)
    return RankedProblem(
        problem,
        sorted(departments),
        sorted({g["channel"] for g in groups}),
        sum(g["n"] for g in groups),
        round(last / before - 1, 3) if before else None,
        before / TREND_DAYS,
        last / TREND_DAYS,
    )


def data_until() -> date | None:
    """The last day the analysis counted (the ranking's reference day)."""
    return SeriesCount.objects.aggregate(last=Max("day"))["last"]


def ranked_problems() -> list[RankedProblem]:
    """Problems that touch most departments, then channels, then signals, then grow fastest, first."""
    until = data_until()
    problems = Problem.objects.prefetch_related("patterns__service", "services", "experiments")
    ranked = [rank_problem(p, until) for p in problems]
    return sorted(ranked, key=lambda r: (len(r.departments), len(r.channels), r.signals, r.trend or 0.0), reverse=True)


def search_lessons(*, words: str = "", tag: str = "", outcome: str = "", visibility: str = ""):
    """The lessons library: every word must appear somewhere in the lesson; failures are never hidden."""
    lessons = Lesson.objects.select_related("author", "experiment")
    for word in words.split():
        lessons = lessons.filter(
            Q(title__icontains=word)
            | Q(tried__icontains=word)
            | Q(happened__icontains=word)
            | Q(learned__icontains=word)
            | Q(differently__icontains=word)
        )
    if outcome:
        lessons = lessons.filter(outcome=outcome)
    if visibility:
        lessons = lessons.filter(visibility=visibility)
    lessons = list(lessons)
    if tag:
        lessons = [lesson for lesson in lessons if tag.strip().lower() in lesson.tags]
    return lessons


@dataclass(frozen=True)
class PlanStep:
    title: str
    due: date
    done: bool
    started: bool
    evidence: str

    @property
    def state(self) -> str:
        if self.done:
            return "klaar"
        if self.due < timezone.localdate():
            return "te laat"
        return "bezig" if self.started else "gepland"

    @property
    def state_label(self) -> str:
        return str(PLAN_STATES[self.state])


PLAN_STATES = {
    "klaar": gettext_lazy("klaar"),
    "te laat": gettext_lazy("te laat"),
    "bezig": gettext_lazy("bezig"),
    "gepland": gettext_lazy("gepland"),
}


PLAN_STEPS = (
    (relativedelta(weeks=2), gettext_lazy("Week 2: een informele bijeenkomst over digitale frustraties")),
    (
        relativedelta(months=1),
        gettext_lazy("Maand 1: kies één vraagstuk dat meerdere afdelingen raakt en vorm een team"),
    ),
    (relativedelta(months=4), gettext_lazy("Maand 2–4: probeer een kleine oplossing en leg vast wat jullie leren")),
    (relativedelta(months=5), gettext_lazy("Maand 5: deel de lessen en besluit over de volgende stap")),
)


def start_plan_progress(plan: StartPlan | None) -> list[PlanStep]:
    """The four steps of the start plan, each read from what actually happened since the plan's start."""
    if plan is None:
        return []
    stories = Signal.objects.filter(channel="bijeenkomst", received_on__gte=plan.start).count()
    experiments = Experiment.objects.filter(start__gte=plan.start)
    approved = experiments.exclude(status=Experiment.Status.IDEA)
    tried = experiments.filter(status__in=(Experiment.Status.EVALUATION, Experiment.Status.DECIDED))
    decided = experiments.filter(status=Experiment.Status.DECIDED)
    lessons = Lesson.objects.filter(experiment__in=decided).count()
    n_approved, n_tried, n_decided = approved.count(), tried.count(), decided.count()
    n_log = sum(e.log.count() for e in experiments)
    facts = [
        (
            stories > 0,
            stories > 0,
            ngettext("%(n)d verhaal opgetekend", "%(n)d verhalen opgetekend", stories) % {"n": stories},
        ),
        (
            approved.exists(),
            experiments.exists(),
            ngettext(
                "%(n)d experiment met een team goedgekeurd", "%(n)d experimenten met een team goedgekeurd", n_approved
            )
            % {"n": n_approved},
        ),
        (
            tried.exists(),
            experiments.filter(status=Experiment.Status.RUNNING).exists(),
            ngettext("%(n)d experiment uitgeprobeerd", "%(n)d experimenten uitgeprobeerd", n_tried) % {"n": n_tried}
            + ", "
            + ngettext("%(l)d logboekregel", "%(l)d logboekregels", n_log) % {"l": n_log},
        ),
        (
            decided.exists() and lessons > 0,
            decided.exists() or tried.exists(),
            ngettext("%(d)d besluit", "%(d)d besluiten", n_decided) % {"d": n_decided}
            + ", "
            + ngettext("%(l)d les gedeeld", "%(l)d lessen gedeeld", lessons) % {"l": lessons},
        ),
    ]
    return [
        PlanStep(str(title), plan.start + offset, done, started, evidence)
        for (offset, title), (done, started, evidence) in zip(PLAN_STEPS, facts)
    ]
