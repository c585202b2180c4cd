"""The demo's incidents as people left them: the parking app entered ahead as a known event (so the analysis shows
its rise as expected), the WOZ season marked expected, the storm known and a busy day without cause false. Loading
twice changes nothing."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from leerlus.core.models import Person
from leerlus.demo.signals import PARKING_APP_DAY, STORM_DAY
from leerlus.patterns.models import Incident, IncidentMarking, KnownEvent
from leerlus.patterns.services import add_known_event, mark_incident

WOZ_LETTERS = date(2026, 2, 20)


def load_known_events() -> None:
    """Before the analysis: what the municipality knew was coming."""
    if not KnownEvent.objects.exists():
        add_known_event(
            day=PARKING_APP_DAY,
            description="De parkeerapp gaat live; bezoekersvergunningen via de app",
            services=["Parkeervergunning"],
            person=Person.objects.get(name="Sanne de Vries"),
        )


@transaction.atomic
def mark_incidents() -> None:
    """After the analysis: one incident marked as each of verwacht, bekend and onterecht, with a reason."""
    if IncidentMarking.objects.exists():
        return
    to_read = Incident.objects.filter(status=Incident.Status.NEW)
    people = {p.name.split()[0]: p for p in Person.objects.all()}
    season = _first(to_read, "WOZ en belastingen", WOZ_LETTERS, days=14)
    storm = _first(to_read, "Openbare ruimte", STORM_DAY, days=3)
    spikes = to_read.filter(kind="spike").exclude(pk__in=[i.pk for i in (season, storm) if i])
    busy_day = spikes.order_by("score", "pk").first()
    markings = [
        (season, "verwacht", "Elk jaar eind februari gaan de WOZ-beschikkingen en aanslagen de deur uit.", "Ahmed"),
        (storm, "bekend", "De storm van 23 oktober; de buitendienst ruimde de omgewaaide bomen die week op.", "Kees"),
        (busy_day, "onterecht", "Eén drukke dag zonder aanwijsbare oorzaak, binnen de gewone schommeling.", "Sanne"),
    ]
    for incident, status, reason, person in markings:
        if incident is None:
            continue
        marking = mark_incident(incident, status=status, reason=reason, person=people[person])
        # the demo's history: marked a few days after it began, not on the day the demo loads
        moment = timezone.make_aware(datetime.combine(incident.start + timedelta(days=3), time(10, 0)))
        IncidentMarking.objects.filter(pk=marking.pk).update(at=moment)
        Incident.objects.filter(pk=incident.pk).update(marked_at=moment)


def _first(incidents, service: str, day: date, days: int) -> Incident | None:
    window = (day - timedelta(days=days), day + timedelta(days=days))
    return next(
        (i for i in incidents.filter(start__range=window).order_by("start", "pk") if service in i.services), None
    )
