"""Reads patterns and incidents: the filtered overviews (incidents ranked by strength and recency) and the
documents of PRODUCT.md (their schemas are in `schemas.py`)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from leerlus.analysis.feedback import ANNOUNCED_SLACK_DAYS
from leerlus.core.channels import CHANNELS
from leerlus.errors import InputError
from leerlus.patterns.models import KINDS, AnalysisState, Incident, KnownEvent, Pattern
from leerlus.patterns.schemas import IncidentOut, IncidentsDocument, PatternsDocument
from leerlus.patterns.sentences import expected_in_words, incident_summary

KIND_NAMES = [kind for kind, _label in KINDS]
STATUS_NAMES = [status for status, _label in Incident.Status.choices]
TO_READ = [Incident.Status.NEW, Incident.Status.KNOWN]  # the cards shown unless a status is asked for
HALF_LIFE_DAYS = 30  # in the ranking, an incident this much older counts half as strong
CHART_DAYS_BEFORE, CHART_DAYS_AFTER = 120, 60


@dataclass(frozen=True)
class PatternFilter:
    since: date | None = None
    kind: str | None = None
    channel: str | None = None
    service: str | None = None
    dismissed: bool = False  # show the dismissed ones instead

    def validate(self) -> "PatternFilter":
        if self.kind and self.kind not in KIND_NAMES:
            raise InputError(
                _("Onbekende soort '%(v)s'. Kies uit: %(keuzes)s.") % {"v": self.kind, "keuzes": ", ".join(KIND_NAMES)},
                field="kind",
            )
        if self.channel and self.channel not in CHANNELS:
            raise InputError(
                _("Onbekend kanaal '%(v)s'. Kies uit: %(keuzes)s.")
                % {"v": self.channel, "keuzes": ", ".join(CHANNELS)},
                field="channel",
            )
        return self


def pattern_list(f: PatternFilter):
    f.validate()
    patterns = Pattern.objects.select_related("service")
    dismissed = Q(status=Pattern.Status.DISMISSED) | Q(incident__status=Incident.Status.FALSE)
    patterns = patterns.filter(dismissed) if f.dismissed else patterns.exclude(dismissed)
    if f.since:
        # a pattern that is still going on (a trend, a lasting shift) counts as long as it lasts
        patterns = patterns.filter(start__gte=f.since) | patterns.filter(end__isnull=True, kind="trend")
    if f.kind:
        patterns = patterns.filter(kind=f.kind)
    if f.channel:
        patterns = patterns.filter(channel=f.channel)
    if f.service:
        patterns = patterns.filter(service__name__iexact=f.service)
    return patterns.order_by("-start", "-score")


def patterns_document(f: PatternFilter) -> PatternsDocument:
    """The patterns, and the incidents they belong to."""
    patterns = list(pattern_list(f))
    incidents = Incident.objects.filter(pk__in={p.incident_id for p in patterns})
    data_until = _data_until()
    return PatternsDocument(
        data_until=data_until,
        patterns=patterns,
        incidents=[IncidentOut.of(card) for card in incident_cards(incidents, data_until)],
    )


def _data_until() -> date | None:
    state = AnalysisState.objects.first()
    return state.data_until if state else None


def series_rows(pattern: Pattern) -> list[tuple[date, float, float | None]]:
    """The pattern's series as (day, observed, expected) rows."""
    series = pattern.series or {}
    if not series.get("first_day"):
        return []
    first = date.fromisoformat(series["first_day"])
    expected = series.get("expected") or []
    return [
        (first + timedelta(days=i), value, expected[i] if i < len(expected) else None)
        for i, value in enumerate(series.get("observed", []))
    ]


def chart_rows(pattern: Pattern) -> list[tuple[date, float, float | None]]:
    """The rows of the pattern's chart: some months before its start and two after."""
    rows = series_rows(pattern)
    anchor = next((i for i, row in enumerate(rows) if row[0] >= pattern.start), 0)
    return rows[max(0, anchor - CHART_DAYS_BEFORE) : anchor + CHART_DAYS_AFTER]


@dataclass(frozen=True)
class IncidentFilter:
    since: date | None = None
    status: str | None = None  # None: the cards to read, nieuw and bekend

    def validate(self) -> "IncidentFilter":
        if self.status and self.status not in STATUS_NAMES:
            raise InputError(
                _("Onbekende status '%(v)s'. Kies uit: %(keuzes)s.")
                % {"v": self.status[:20], "keuzes": ", ".join(STATUS_NAMES)},
                field="status",
            )
        return self


@dataclass(frozen=True)
class IncidentCard:
    """An incident as people read it: with its sentence and its patterns, strongest first."""

    incident: Incident
    patterns: list[Pattern]
    summary: str
    expected: str  # why the analysis expected it, in words; empty when it did not


def incident_list(f: IncidentFilter) -> list[IncidentCard]:
    """The incidents, strongest and most recent first."""
    f.validate()
    incidents = Incident.objects.filter(status=f.status) if f.status else Incident.objects.filter(status__in=TO_READ)
    if f.since:
        incidents = incidents.filter(Q(start__gte=f.since) | Q(end__isnull=True, kind="trend"))
    return incident_cards(incidents, _data_until())


def incidents_document(f: IncidentFilter) -> IncidentsDocument:
    return IncidentsDocument(data_until=_data_until(), incidents=[IncidentOut.of(card) for card in incident_list(f)])


def incident_card(pk: int) -> IncidentCard | None:
    return next(iter(incident_cards(Incident.objects.filter(pk=pk), None)), None)


def incident_cards(incidents, data_until: date | None) -> list[IncidentCard]:
    strongest_first = Pattern.objects.select_related("service").order_by("-score", "pk")
    incidents = incidents.select_related("marked_by").prefetch_related(Prefetch("patterns", queryset=strongest_first))
    cards = []
    for incident in incidents:
        patterns = list(incident.patterns.all())
        series = len({key for pattern in patterns for key in pattern.series_keys()})
        expected = expected_in_words(incident, _announcement(incident)) if incident.expected_reason else ""
        cards.append(IncidentCard(incident, patterns, incident_summary(incident, series), expected))
    if data_until is None:
        return cards
    return sorted(cards, key=lambda card: (-_weight(card.incident, data_until), -card.incident.pk))


def _weight(incident: Incident, data_until: date) -> float:
    """Strength, halved for every `HALF_LIFE_DAYS` that it started before the last day with data."""
    age = max((data_until - incident.start).days, 0)
    return incident.score * 0.5 ** (age / HALF_LIFE_DAYS)


def _announcement(incident: Incident) -> KnownEvent | None:
    """The known event that announced the incident: the latest one before it whose window and subject fit, by the
    rule the analysis used (`analysis.feedback`: a series across all services fits, a change may come out early)."""
    if incident.expected_reason != Incident.ExpectedReason.ANNOUNCED:
        return None
    latest = incident.start + timedelta(days=ANNOUNCED_SLACK_DAYS)
    for event in KnownEvent.objects.filter(day__lte=latest).order_by("-day"):
        in_time = incident.start <= event.day + timedelta(days=event.days)
        services = not event.services or not incident.services or set(event.services) & set(incident.services)
        channels = not event.channels or not incident.channels or set(event.channels) & set(incident.channels)
        if in_time and services and channels:
            return event
    return None
