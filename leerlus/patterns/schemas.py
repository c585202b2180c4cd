"""The JSON forms of PRODUCT.md for patterns, incidents, known events and an analysis run: one schema each,
used by the pages' twins and the `--json` of `leerlus patterns`, `incidents` and `analyse`."""

from datetime import date

from ninja import Field, Schema
from pydantic import model_serializer

from leerlus.core.schemas import ChannelCode
from leerlus.patterns.models import KINDS, Incident, Pattern
from leerlus.presentation.documents import choice_of

PatternKind = choice_of(kind for kind, _label in KINDS)
IncidentStatus = choice_of(Incident.Status.values)


class SeriesEnd(Schema):
    """One end of a ripple: the series where it started or where it showed."""

    channel: ChannelCode | None
    service: str | None
    terms: list[str]


class PatternOut(Schema):
    """One pattern; `null` channel or service means across all. Only a ripple has cause, effect and lag_days."""

    id: int
    kind: PatternKind
    start: date
    end: date | None = Field(description="Leeg: het duurt nog voort.")
    channel: ChannelCode | None
    service: str | None
    terms: list[str]
    magnitude: float = Field(description="Relatieve verandering: 0,9 is +90%.")
    score: float
    summary: str
    examples: list[int] = Field(description="Nummers van voorbeeldsignalen.")
    incident: int | None
    cause: SeriesEnd | None = None
    effect: SeriesEnd | None = None
    lag_days: int | None = None

    @staticmethod
    def resolve_channel(pattern: Pattern) -> str | None:
        return pattern.channel or None

    @staticmethod
    def resolve_service(pattern: Pattern) -> str | None:
        return pattern.service.name if pattern.service_id else None

    @staticmethod
    def resolve_summary(pattern: Pattern) -> str:
        return pattern.summary

    @staticmethod
    def resolve_incident(pattern: Pattern) -> int | None:
        return pattern.incident_id

    @model_serializer(mode="wrap")
    def _ripple_fields_only_on_ripples(self, handler):
        document = handler(self)
        if self.kind != "ripple":
            for key in ("cause", "effect", "lag_days"):
                document.pop(key, None)
        return document


class IncidentOut(Schema):
    """One incident: an event with all the patterns it left, strongest first."""

    id: int
    kind: PatternKind = Field(description="De soort van het sterkste patroon; een rimpeling als er een in zit.")
    start: date
    end: date | None
    channels: list[ChannelCode]
    services: list[str]
    terms: list[str]
    score: float
    summary: str
    patterns: list[int] = Field(description="Nummers van de patronen, sterkste eerst.")
    status: IncidentStatus

    @classmethod
    def of(cls, card) -> "IncidentOut":
        """From an `IncidentCard` (selectors): the incident with its sentence and its patterns."""
        incident = card.incident
        return cls(
            id=incident.id,
            kind=incident.kind,
            start=incident.start,
            end=incident.end,
            channels=incident.channels,
            services=incident.services,
            terms=incident.terms,
            score=incident.score,
            summary=card.summary,
            patterns=[p.id for p in card.patterns],
            status=incident.status,
        )


class PatternsDocument(Schema):
    """`leerlus patterns --json` and the twin of /patronen/."""

    data_until: date | None = Field(description="De laatste dag met gegevens in de analyse.")
    patterns: list[PatternOut]
    incidents: list[IncidentOut]


class IncidentsDocument(Schema):
    """`leerlus incidents --json` and the twin of /incidenten/."""

    data_until: date | None
    incidents: list[IncidentOut]


class KnownEventOut(Schema):
    id: int
    day: date
    description: str
    services: list[str]
    channels: list[ChannelCode]
    days: int


class KnownEventsDocument(Schema):
    known_events: list[KnownEventOut]


class AnalysisSummary(Schema):
    """`leerlus analyse --json`: what one run of the analysis did."""

    full: bool = Field(description="Of het model opnieuw geleerd is en alle signalen opnieuw ingedeeld.")
    signals: int
    classified: int
    patterns: int
    new_patterns: int
    incidents: int
    new_incidents: int
    data_until: date | None
    seconds: float
