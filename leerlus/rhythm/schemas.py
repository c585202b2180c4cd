"""The JSON form of the monthly brief: the web page's twin, `leerlus brief --json`, and what the HTML and PDF show."""

from datetime import date

from ninja import Field, Schema

from leerlus.core.schemas import ChannelCode
from leerlus.patterns.schemas import IncidentOut
from leerlus.playground.schemas import Better, EffectMethod, ExperimentStatus, LessonOut, LogEntryOut


class SignalsInMonth(Schema):
    total: int
    previous_month: int
    by_channel: dict[ChannelCode, int] = Field(description="Signalen per kanaal, meeste eerst.")


class BriefIncidents(Schema):
    new: list[IncidentOut] = Field(description="Incidenten die in de maand begonnen.")
    ongoing: list[IncidentOut] = Field(description="Eerdere incidenten die in de maand nog doorgaan.")


class EffectSummary(Schema):
    relative_effect: float | None
    ci_low: float | None
    ci_high: float | None
    absolute_per_day: float | None
    method: EffectMethod | None
    enough_data: bool | None
    days: list[str] | None
    observed: list[float] | None
    counterfactual: list[float] | None
    reason: str = Field(description="Waarom deze methode, of waarom nog geen schatting, in gewone taal.")


class MetricEffect(Schema):
    metric: str
    better: Better
    effect: EffectSummary | None


class ExperimentProgress(Schema):
    id: int
    title: str
    status: ExperimentStatus
    start: date
    end: date
    progress: float = Field(description="Deel van de looptijd dat aan het eind van de maand voorbij is.")
    log: list[LogEntryOut]
    effects: list[MetricEffect]


class DecisionDue(Schema):
    id: int
    title: str
    end: date
    status: ExperimentStatus


class ActionOut(Schema):
    id: int
    text: str
    owner: str | None
    due: date
    done_on: date | None
    from_month: str = Field(description="De maand (jjjj-mm) van de retrospectief die de actie afsprak.")


class RetrospectiveOut(Schema):
    held_on: date
    participants: list[str]
    conclusions: str
    actions: list[ActionOut]


class LessonElsewhere(Schema):
    """A lesson of another municipality that matches one of our open problems."""

    municipality: str
    title: str
    outcome: str = Field(description="geslaagd, gemengd of mislukt.")
    outcome_label: str
    learned: str
    uri: str
    problem: str = Field(description="Ons vraagstuk waar de les bij past.")


class BriefDocument(Schema):
    month: str = Field(description="jjjj-mm")
    first_day: date
    last_day: date
    has_data: bool
    message: str | None = Field(description="Wat de brief zegt als er die maand geen signalen waren.")
    signals: SignalsInMonth
    incidents: BriefIncidents
    experiments: list[ExperimentProgress]
    decisions_due: list[DecisionDue]
    lessons: list[LessonOut]
    lessons_elsewhere: list[LessonElsewhere] = Field(
        [], description="Nieuwe lessen van andere gemeenten die passen bij onze open vraagstukken."
    )
    log_entries: int = Field(description="Aantal regels in de logboeken van de maand.")
    open_actions: list[ActionOut]
    retrospective: RetrospectiveOut | None
