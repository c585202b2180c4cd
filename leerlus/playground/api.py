"""The playground's REST router: problems, experiments (with their steps and effect), log entries, lessons.

Operations parse, call one service or selector, and answer with the same JSON as the pages' twins.
"""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from leerlus.core.models import Person
from leerlus.core.roles import require_writer
from leerlus.patterns.models import Pattern
from leerlus.playground import services
from leerlus.playground.measurement import resolve_service
from leerlus.playground.models import Experiment, Lesson, Problem
from leerlus.playground.selectors import (
    data_until,
    experiment_as_json,
    lesson_as_json,
    log_entry_as_json,
    rank_problem,
    ranked_problems,
    search_lessons,
)

router = Router(tags=["proeftuin"])


class ProblemIn(Schema):
    title: str
    description: str = ""
    patterns: list[int] = []
    services: list[str] = Field([], description="Namen van diensten.")


class ProblemOut(Schema):
    id: int
    title: str
    description: str
    patterns: list[int]
    departments: list[str]
    channels: list[str]
    signals: int = Field(description="Signalen in de reeksen van het vraagstuk, laatste 90 dagen.")
    trend: float | None = Field(description="Laatste vier weken tegen de vier weken ervoor (0,2 = +20%).")
    experiments: list[int]


class MetricIn(Schema):
    channel: str = ""
    service: str = ""
    terms: str = ""
    better: str = Field("lager", description="lager of hoger")


class ExperimentIn(Schema):
    problem: int
    title: str
    intervention: str = Field(description="We denken dat … (wat het team doet)")
    expected_effect: str = Field(description="… leidt tot … (wat er verandert)")
    team: list[int] = Field(description="Nummers van personen.")
    budget: Decimal
    start: date
    end: date
    metrics: list[MetricIn]
    conditions_met: bool = False


class TeamMemberOut(Schema):
    id: int
    name: str
    department: str
    world: str


class MetricOut(Schema):
    id: int
    channel: str | None
    service: str | None
    terms: list[str]
    better: str
    effect: dict | None = Field(description="De effectschatting: dezelfde vorm als `leerlus effect --json`.")


class LogEntryIn(Schema):
    kind: str = Field(description="observatie, verrassing of besluit")
    text: str
    day: date | None = None


class LogEntryOut(Schema):
    id: int
    day: date
    author: str | None
    kind: str
    text: str


class ProblemRef(Schema):
    id: int
    title: str


class ExperimentOut(Schema):
    id: int
    title: str
    problem: ProblemRef
    hypothesis: str
    intervention: str
    expected_effect: str
    team: list[TeamMemberOut]
    budget: float
    start: date
    end: date
    status: str = Field(description="idee, goedgekeurd, lopend, evaluatie of besluit")
    route: str | None = Field(description="snel (binnen de kaders) of beslisser")
    broken_frameworks: list[str]
    decision_maker: str | None
    approved_by: str | None
    approved_at: str | None
    refusal: str | None
    decision: str | None = Field(description="stoppen, aanpassen of opschalen")
    decision_note: str | None
    metrics: list[MetricOut]
    log: list[LogEntryOut]
    lessons: list[int]


class RefuseIn(Schema):
    reason: str


class DecideIn(Schema):
    decision: str = Field(description="stoppen, aanpassen of opschalen")
    note: str = ""


class LessonIn(Schema):
    title: str
    tried: str
    happened: str
    learned: str
    differently: str = ""
    outcome: str = Field(description="geslaagd, gemengd of mislukt")
    tags: list[str] = []
    visibility: str = "intern"
    experiment: int | None = None


class LessonOut(Schema):
    id: int
    title: str
    experiment: int | None
    tried: str
    happened: str
    learned: str
    differently: str
    outcome: str
    failure: bool
    tags: list[str]
    visibility: str
    author: str | None
    created_at: str


def _experiment(pk: int) -> Experiment:
    return get_object_or_404(Experiment.objects.select_related("problem", "decision_maker", "approved_by"), pk=pk)


@router.get("/problems", response=list[ProblemOut])
def list_problems(request):
    return [r.as_json() for r in ranked_problems()]


@router.post("/problems", response={201: ProblemOut})
def create_problem(request, body: ProblemIn):
    require_writer(request.auth)
    problem = services.create_problem(
        title=body.title,
        description=body.description,
        patterns=Pattern.objects.filter(pk__in=body.patterns),
        services=[resolve_service(name) for name in body.services],
    )
    return Status(201, rank_problem(problem, data_until()).as_json())


@router.get("/problems/{pk}", response=ProblemOut)
def get_problem(request, pk: int):
    return rank_problem(get_object_or_404(Problem, pk=pk), data_until()).as_json()


@router.get("/experiments", response=list[ExperimentOut])
def list_experiments(request):
    return [
        experiment_as_json(e) for e in Experiment.objects.select_related("problem", "decision_maker", "approved_by")
    ]


@router.post("/experiments", response={201: ExperimentOut})
def propose_experiment(request, body: ExperimentIn):
    """A proposal inside every kader is approved at once; outside, it waits for the decision-maker."""
    require_writer(request.auth)
    experiment = services.propose_experiment(
        problem=get_object_or_404(Problem, pk=body.problem),
        title=body.title,
        intervention=body.intervention,
        expected_effect=body.expected_effect,
        team=list(Person.objects.filter(pk__in=body.team)),
        budget=services.parse_budget(body.budget),
        start=body.start,
        end=body.end,
        metrics=[
            {"channel": m.channel, "service": resolve_service(m.service), "terms": m.terms, "better": m.better}
            for m in body.metrics
        ],
        conditions_met=body.conditions_met,
        proposed_by=request.auth,
    )
    return Status(201, experiment_as_json(experiment))


@router.get("/experiments/{pk}", response=ExperimentOut)
def get_experiment(request, pk: int):
    return experiment_as_json(_experiment(pk))


@router.post("/experiments/{pk}/approve", response=ExperimentOut)
def approve_experiment(request, pk: int):
    require_writer(request.auth)
    experiment = _experiment(pk)
    services.approve(experiment, by=request.auth)
    return experiment_as_json(experiment)


@router.post("/experiments/{pk}/refuse", response=ExperimentOut)
def refuse_experiment(request, pk: int, body: RefuseIn):
    require_writer(request.auth)
    experiment = _experiment(pk)
    services.refuse(experiment, by=request.auth, reason=body.reason)
    return experiment_as_json(experiment)


def _advance(request, pk: int, step: str, **details) -> dict:
    require_writer(request.auth)
    experiment = _experiment(pk)
    services.advance(experiment, step, by=request.auth, **details)
    return experiment_as_json(experiment)


@router.post("/experiments/{pk}/start", response=ExperimentOut)
def start_experiment(request, pk: int):
    return _advance(request, pk, "start")


@router.post("/experiments/{pk}/evaluate", response=ExperimentOut)
def evaluate_experiment(request, pk: int):
    return _advance(request, pk, "evaluate")


@router.post("/experiments/{pk}/decide", response=ExperimentOut)
def decide_experiment(request, pk: int, body: DecideIn):
    return _advance(request, pk, "decide", decision=body.decision, note=body.note)


@router.post("/experiments/{pk}/measure", response=ExperimentOut)
def measure_experiment(request, pk: int):
    """Estimates the effect on every metric (the same estimate as `leerlus effect`)."""
    require_writer(request.auth)
    experiment = _experiment(pk)
    services.measure(experiment)
    return experiment_as_json(experiment)


@router.get("/experiments/{pk}/log", response=list[LogEntryOut])
def list_log_entries(request, pk: int):
    return [log_entry_as_json(e) for e in _experiment(pk).log.select_related("author")]


@router.post("/experiments/{pk}/log", response={201: LogEntryOut})
def add_log_entry(request, pk: int, body: LogEntryIn):
    require_writer(request.auth)
    entry = services.add_log_entry(_experiment(pk), author=request.auth, kind=body.kind, text=body.text, day=body.day)
    return Status(201, log_entry_as_json(entry))


@router.get("/lessons", response=list[LessonOut])
def list_lessons(request, q: str = "", tag: str = "", outcome: str = "", visibility: str = ""):
    return [
        lesson_as_json(lesson) for lesson in search_lessons(words=q, tag=tag, outcome=outcome, visibility=visibility)
    ]


@router.post("/lessons", response={201: LessonOut})
def write_lesson(request, body: LessonIn):
    require_writer(request.auth)
    experiment = _experiment(body.experiment) if body.experiment else None
    lesson = services.write_lesson(
        title=body.title,
        tried=body.tried,
        happened=body.happened,
        learned=body.learned,
        differently=body.differently,
        outcome=body.outcome,
        tags=body.tags,
        visibility=body.visibility,
        experiment=experiment,
        author=request.auth,
    )
    return Status(201, lesson_as_json(lesson))


@router.get("/lessons/{pk}", response=LessonOut)
def get_lesson(request, pk: int):
    return lesson_as_json(get_object_or_404(Lesson.objects.select_related("author"), pk=pk))
