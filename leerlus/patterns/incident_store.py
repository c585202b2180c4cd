"""Keeps incidents across analysis runs, so that what people marked stays with the event it was about.

A found incident continues the stored incident that most of its patterns belonged to; failing that, a
stored incident that starts within `MATCH_DAYS` of it in an overlapping service or channel. A stored
incident stays while a person's marking or one of its patterns holds it.
"""

from collections import Counter
from datetime import timedelta

from leerlus.analysis.incidents import Incident as FoundIncident
from leerlus.patterns.models import Incident, Pattern

MATCH_DAYS = 3


def store_incidents(found: list[FoundIncident], rows: list[Pattern]) -> tuple[int, int]:
    """Saves the incidents and links their patterns; `rows[i]` is the stored pattern at position i of the
    patterns the incidents refer to. Returns how many incidents there are and how many of them are new."""
    stored = {incident.pk: incident for incident in Incident.objects.all()}
    earlier = {row.pk: row.incident_id for row in rows}  # the links of the previous run
    taken: set[int] = set()
    new = 0
    for incident in found:  # strongest first: the strongest event keeps its card when two compete
        members = list({rows[i].pk: rows[i] for i in incident.patterns}.values())
        row = _match(incident, [earlier[m.pk] for m in members], stored, taken) or Incident()
        new += row.pk is None
        row.kind, row.start, row.end, row.score = incident.kind, incident.start, incident.end, incident.score
        row.channels, row.services = list(incident.channels), list(incident.services)
        row.topics, row.terms = list(incident.topics), list(incident.terms)
        row.expected_reason = incident.expected or ""
        if row.marked_at is None:  # a person's marking stands; otherwise the analysis says what it expected
            row.status = Incident.Status.EXPECTED if incident.expected else Incident.Status.NEW
        row.save()
        Pattern.objects.filter(pk__in=[m.pk for m in members]).update(incident=row)
        taken.add(row.pk)
    Incident.objects.exclude(pk__in=taken).filter(marked_at=None, patterns=None).delete()
    return len(taken), new


def _match(
    incident: FoundIncident, earlier_ids: list[int | None], stored: dict[int, Incident], taken: set[int]
) -> Incident | None:
    shared = Counter(pk for pk in earlier_ids if pk is not None and pk not in taken)
    if shared:
        return stored[shared.most_common(1)[0][0]]
    near = [
        s
        for pk, s in stored.items()
        if pk not in taken
        and abs(s.start - incident.start) <= timedelta(days=MATCH_DAYS)
        and (set(s.services) & set(incident.services) or set(s.channels) & set(incident.channels))
    ]
    return min(near, key=lambda s: (abs(s.start - incident.start), -s.score), default=None)
