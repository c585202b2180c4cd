"""Publishing the early warning (opt-in): weekly signal counts per service and channel, and the incidents with their
words, at /uitwisseling/signalen.json. Counts and words only, never texts: a count under MINIMUM_COUNT is left out
(not rounded), and a word is published only when it is no name or street and stands in at least MINIMUM_COUNT
signals of the incident's days."""

import pickle
from datetime import date, timedelta

from django.db.models import Max, Q, Sum
from django.db.models.functions import TruncWeek

from leerlus.analysis.names import name_words, street_names
from leerlus.core.models import DailyCount, Service
from leerlus.exchange.feed import feed_service, publisher
from leerlus.exchange.schemas import FeedIncident, SignalsFeed, WeekCount
from leerlus.patterns.models import AnalysisState, Incident

MINIMUM_COUNT = 10
WEEKS = 13  # a quarter of complete weeks: enough to see a rise against, small enough for the 2 MB cap of a feed


def signals_feed() -> SignalsFeed | None:
    """The document, or None when the municipality did not opt in (or has no signals yet)."""
    organisation, municipality = publisher()
    data_until = DailyCount.objects.aggregate(last=Max("day"))["last"]
    if not organisation.publish_signals or data_until is None:
        return None
    last_week = _monday(data_until + timedelta(days=1)) - timedelta(days=7)  # the last complete week
    first_week = last_week - timedelta(weeks=WEEKS - 1)
    services = {service.pk: feed_service(service) for service in Service.objects.all()}
    return SignalsFeed(
        municipality=municipality,
        data_until=data_until,
        minimum_count=MINIMUM_COUNT,
        counts=_week_counts(first_week, last_week, services),
        incidents=_incidents(first_week, data_until),
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_counts(first_week: date, last_week: date, services: dict) -> list[WeekCount]:
    rows = (
        DailyCount.objects.filter(day__gte=first_week, day__lt=last_week + timedelta(days=7))
        .annotate(week=TruncWeek("day"))
        .values("week", "service", "channel")
        .annotate(count=Sum("count"))
        .filter(count__gte=MINIMUM_COUNT)
        .order_by("week", "service", "channel")
    )
    return [
        WeekCount(week=row["week"], service=services.get(row["service"]), channel=row["channel"], count=row["count"])
        for row in rows
    ]


def _incidents(first_week: date, data_until: date) -> list[FeedIncident]:
    incidents = (
        Incident.objects.exclude(status=Incident.Status.FALSE)
        .filter(Q(end__isnull=True) | Q(end__gte=first_week))
        .prefetch_related("patterns")
        .order_by("start", "pk")
    )
    words = _words_per_day()
    published = []
    for incident in incidents:
        last = incident.end or data_until
        size = _size(incident, last)
        if size < MINIMUM_COUNT or not incident.patterns.all():
            continue
        strongest = max(incident.patterns.all(), key=lambda pattern: pattern.score)
        published.append(
            FeedIncident(
                kind=incident.kind,
                start=incident.start,
                end=incident.end,
                magnitude=round(strongest.magnitude, 3),
                services=[feed_service(service) for service in Service.objects.filter(name__in=incident.services)],
                channels=incident.channels,
                terms=[term for term in incident.terms if publishable_term(term, incident.start, last, words)],
                size=size,
            )
        )
    return published


def _size(incident: Incident, last: date) -> int:
    counts = DailyCount.objects.filter(day__range=(incident.start, last))
    if incident.channels:
        counts = counts.filter(channel__in=incident.channels)
    if incident.services:
        counts = counts.filter(service__name__in=incident.services)
    return counts.aggregate(n=Sum("count"))["n"] or 0


def _words_per_day():
    state = AnalysisState.objects.exclude(words_per_day=None).first()
    return pickle.loads(state.words_per_day) if state else None


def publishable_term(term: str, first: date, last: date, words) -> bool:
    """No name or street, and in at least MINIMUM_COUNT signals of the incident's days (so no one's own words)."""
    if words is None or any(part in name_words() or part in street_names() for part in term.casefold().split()):
        return False
    return words.signals_with(term, first, last) >= MINIMUM_COUNT
