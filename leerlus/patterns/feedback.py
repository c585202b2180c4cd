"""What people said, handed to the next analysis: seasons marked as expected, false alarms and known events."""

from datetime import timedelta

from django.db.models import Q

from leerlus.analysis.feedback import Announcement, Feedback, MarkedSeason
from leerlus.patterns.models import Incident, KnownEvent, Pattern

SEASON_DAYS = 14  # an incident that has not ended counts as a season of two weeks from its start


def feedback_from_people() -> Feedback:
    """A marked "verwacht" incident: a season on each series of its patterns, over the incident's days; a
    marked "onterecht" incident (or a dismissed pattern): a false alarm of that kind on that series; a known
    event: an announcement."""
    seasons = []
    expected = Incident.objects.exclude(marked_at=None).filter(status=Incident.Status.EXPECTED)
    for incident in expected.prefetch_related("patterns__service"):
        end = incident.end or incident.start + timedelta(days=SEASON_DAYS - 1)
        seasons += [
            MarkedSeason(key, incident.start, end)
            for pattern in incident.patterns.all()
            for key in pattern.series_keys()
        ]
    false = Pattern.objects.filter(
        Q(status=Pattern.Status.DISMISSED)
        | Q(incident__status=Incident.Status.FALSE, incident__marked_at__isnull=False)
    )
    false_alarms = [(pattern.kind, pattern.evidence_key) for pattern in false.select_related("service")]
    announcements = [
        Announcement(day=event.day, services=tuple(event.services), channels=tuple(event.channels), days=event.days)
        for event in KnownEvent.objects.all()
    ]
    return Feedback(seasons=tuple(seasons), false_alarms=tuple(false_alarms), announcements=tuple(announcements))
