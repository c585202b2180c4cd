"""The playground's JSON forms, once: what the REST API reads and answers, the pages' twins and
`leerlus effect --json`. Choice fields are `Literal`s of the models' own choices."""

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from leerlus.analysis.effect import ESTIMATORS, REASONS
from leerlus.core.models import Department
from leerlus.core.schemas import ChannelCode
from leerlus.playground.frameworks import CODES as FRAMEWORK_CODES
from leerlus.playground.models import Experiment, Lesson, LogEntry, Metric
from leerlus.playground.selectors import PLAN_STATES
from leerlus.presentation.documents import choice_of

ExperimentStatus = choice_of(Experiment.Status.values)
Route = choice_of(Experiment.Route.values)
Decision = choice_of(Experiment.Decision.values)
Better = choice_of(Metric.Better.values)
EffectReason = choice_of(REASONS)
LogKind = choice_of(LogEntry.Kind.values)
Outcome = choice_of(Lesson.Outcome.values)
Visibility = choice_of(Lesson.Visibility.values)
World = choice_of(Department.World.values)
FrameworkCode = choice_of(FRAMEWORK_CODES)
EffectMethod = choice_of(f"{estimator.name}{controls}" for estimator in ESTIMATORS for controls in ("", "-control"))
PlanState = choice_of(PLAN_STATES)


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
    channels: list[ChannelCode]
    signals: int = Field(description="Signalen in de reeksen van het vraagstuk, laatste 90 dagen.")
    trend: float | None = Field(description="Laatste vier weken tegen de vier weken ervoor (0,2 = +20%).")
    experiments: list[int]

    @classmethod
    def of(cls, ranked) -> "ProblemOut":
        """From a `RankedProblem` (selectors): the problem with its reach and trend."""
        problem = ranked.problem
        return cls(
            id=problem.pk,
            title=problem.title,
            description=problem.description,
            patterns=[p.pk for p in problem.patterns.all()],
            departments=ranked.departments,
            channels=ranked.channels,
            signals=ranked.signals,
            trend=ranked.trend,
            experiments=[e.pk for e in problem.experiments.all()],
        )


class MetricIn(Schema):
    channel: ChannelCode | Literal[""] = Field("", description="Leeg: alle kanalen.")
    service: str = Field("", description="Naam van de dienst; leeg: alle diensten.")
    terms: str = Field("", description="Alleen signalen met deze woorden.")
    better: Better = Metric.Better.LOWER.value


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
    world: World

    @staticmethod
    def resolve_department(person) -> str:
        return person.department.name

    @staticmethod
    def resolve_world(person) -> str:
        return person.department.world


class EffectOut(Schema):
    """The effect estimate of PRODUCT.md (`leerlus effect --json`), with what the page needs to show it."""

    relative_effect: float | None = Field(description="0,2 = +20%.")
    ci_low: float | None = Field(description="Ondergrens van het 95%-interval van het relatieve effect.")
    ci_high: float | None
    absolute_per_day: float | None
    method: EffectMethod | None
    control: list[str] = Field(description="De controlereeksen.")
    enough_data: bool
    days_needed: int
    reasons: list[EffectReason] = Field(
        default=[], description="Waarom de schatting zo uitvalt, als codes (de pagina schrijft er zinnen van)."
    )
    changed_on: str | None = None
    days_before: int = 0
    mean_per_day_before: float | None = None
    placebo_runs: int = 0
    widening: float = 1.0
    placebo_error: dict[str, float]
    days: list[str]
    observed: list[float]
    counterfactual: list[float]
    counterfactual_low: list[float]
    counterfactual_high: list[float]
    closed_holidays: list[str]


class MetricOut(Schema):
    id: int
    channel: ChannelCode | None
    service: str | None
    terms: list[str]
    better: Better
    effect: EffectOut | None = Field(description="De effectschatting: dezelfde vorm als `leerlus effect --json`.")

    @staticmethod
    def resolve_channel(metric: Metric) -> str | None:
        return metric.channel or None

    @staticmethod
    def resolve_service(metric: Metric) -> str | None:
        return metric.service.name if metric.service else None

    @staticmethod
    def resolve_terms(metric: Metric) -> list[str]:
        return metric.terms.split()

    @staticmethod
    def resolve_effect(metric: Metric) -> dict | None:
        return metric.estimate


class LogEntryIn(Schema):
    kind: LogKind
    text: str
    day: date | None = None


class LogEntryOut(Schema):
    id: int
    day: date
    author: str | None
    kind: LogKind
    text: str

    @staticmethod
    def resolve_author(entry: LogEntry) -> str | None:
        return entry.author.name if entry.author else None


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
    status: ExperimentStatus
    route: Route | None = Field(description="snel: binnen de kaders; beslisser: erbuiten.")
    broken_frameworks: list[str] = Field(description="De kaders die het voorstel overschrijdt, elk als zin.")
    broken_framework_codes: list[FrameworkCode] = Field(description="Dezelfde kaders als code.")
    decision_maker: str | None
    approved_by: str | None
    approved_at: str | None
    refusal: str | None
    decision: Decision | None
    decision_note: str | None
    metrics: list[MetricOut]
    log: list[LogEntryOut]
    lessons: list[int]

    @staticmethod
    def resolve_team(experiment: Experiment) -> list:
        return list(experiment.team.select_related("department"))

    @staticmethod
    def resolve_broken_frameworks(experiment: Experiment) -> list[str]:
        return experiment.broken_framework_sentences

    @staticmethod
    def resolve_broken_framework_codes(experiment: Experiment) -> list[str]:
        return [breach["code"] for breach in experiment.broken_frameworks]

    @staticmethod
    def resolve_route(experiment: Experiment) -> str | None:
        return experiment.route or None

    @staticmethod
    def resolve_decision_maker(experiment: Experiment) -> str | None:
        return experiment.decision_maker.name if experiment.decision_maker else None

    @staticmethod
    def resolve_approved_by(experiment: Experiment) -> str | None:
        return experiment.approved_by.name if experiment.approved_by else None

    @staticmethod
    def resolve_approved_at(experiment: Experiment) -> str | None:
        return experiment.approved_at.isoformat() if experiment.approved_at else None

    @staticmethod
    def resolve_refusal(experiment: Experiment) -> str | None:
        return experiment.refusal or None

    @staticmethod
    def resolve_decision(experiment: Experiment) -> str | None:
        return experiment.decision or None

    @staticmethod
    def resolve_decision_note(experiment: Experiment) -> str | None:
        return experiment.decision_note or None

    @staticmethod
    def resolve_metrics(experiment: Experiment) -> list:
        return list(experiment.metrics.select_related("service"))

    @staticmethod
    def resolve_log(experiment: Experiment) -> list:
        return list(experiment.log.select_related("author"))

    @staticmethod
    def resolve_lessons(experiment: Experiment) -> list[int]:
        return [lesson.pk for lesson in experiment.lessons.all()]


class ExperimentSummary(Schema):
    """An experiment in the playground overview."""

    id: int
    title: str
    status: ExperimentStatus
    problem: int = Field(alias="problem_id")
    start: date
    end: date


class PlaygroundDocument(Schema):
    """The twin of /proeftuin/: the problems ranked, and the experiments."""

    problems: list[ProblemOut]
    experiments: list[ExperimentSummary]


class RefuseIn(Schema):
    reason: str


class DecideIn(Schema):
    decision: Decision
    note: str = ""


class LessonIn(Schema):
    title: str
    tried: str
    happened: str
    learned: str
    differently: str = ""
    outcome: Outcome
    tags: list[str] = []
    visibility: Visibility = Lesson.Visibility.INTERNAL.value
    experiment: int | None = None


class LessonOut(Schema):
    id: int
    title: str
    experiment: int | None
    tried: str
    happened: str
    learned: str
    differently: str
    outcome: Outcome
    failure: bool = Field(description="Mislukt: juist deze lessen blijven zichtbaar.")
    tags: list[str]
    visibility: Visibility
    author: str | None
    created_at: str

    @staticmethod
    def resolve_experiment(lesson: Lesson) -> int | None:
        return lesson.experiment_id

    @staticmethod
    def resolve_failure(lesson: Lesson) -> bool:
        return lesson.outcome == Lesson.Outcome.FAILURE

    @staticmethod
    def resolve_author(lesson: Lesson) -> str | None:
        return lesson.author.name if lesson.author else None

    @staticmethod
    def resolve_created_at(lesson: Lesson) -> str:
        return lesson.created_at.isoformat()


class LessonElsewhereOut(Schema):
    """A lesson of another municipality, as its feed published it (the exchange keeps these)."""

    uri: str
    municipality: str
    licence: str
    title: str
    problem: str
    tried: str
    happened: str
    learned: str
    differently: str
    outcome: Outcome
    failure: bool
    services: list[str]
    channels: list[str]
    updated: str

    @staticmethod
    def resolve_failure(lesson) -> bool:
        return lesson.outcome == Lesson.Outcome.FAILURE

    @staticmethod
    def resolve_services(lesson) -> list[str]:
        return [service["name"] for service in lesson.services]

    @staticmethod
    def resolve_updated(lesson) -> str:
        return lesson.updated.isoformat()


class LessonsDocument(Schema):
    """The lessons library (/proeftuin/lessen/?format=json): own lessons and those of other municipalities, filtered
    as on the page (origin eigen: own only; elders: others only)."""

    lessons: list[LessonOut]
    elsewhere: list[LessonElsewhereOut] = []


class PlanStepOut(Schema):
    title: str
    due: date
    state: PlanState
    evidence: str


class StartPlanDocument(Schema):
    """The twin of the start plan page: its start and the four steps, each read from what happened."""

    start: date | None
    steps: list[PlanStepOut]
