"""Groups patterns that belong to one event into incidents: one card per event, with its facets.

A storm shows up as a spike on the phone, a rise on WhatsApp, new words ("boom", "omgewaaid") and a
ripple to the website. Two patterns belong to the same event when they go the same way (both up or
both down), their active periods overlap (with a few days' slack: a change day can come out early)
and they share a subject: a service, a topic, a word, or one series that contains the other
("telefoon" contains "telefoon · Afval"). A ripple links its cause and its effect. Trends share no
moment: trends that go the same way about the same subject or channel (the phone declining, seen
in several of its topics) are one incident.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from leerlus.analysis.grouping import linked_groups
from leerlus.analysis.keys import SeriesKey
from leerlus.analysis.results import Pattern

ACTIVE_DAYS = 14  # how long a lasting change (a shift, new words) counts as "the same moment"
SLACK_DAYS = 3


@dataclass(frozen=True)
class Incident:
    kind: str  # the kind of its strongest pattern; "ripple" when it holds a ripple
    start: date
    end: date | None  # None while one of its patterns lasts
    channels: tuple[str, ...]
    services: tuple[str, ...]
    topics: tuple[int, ...]
    terms: tuple[str, ...]
    score: float
    patterns: tuple[int, ...]  # positions in the list of patterns given to group_incidents
    expected: str | None = None  # a reason code when every pattern in it was expected


def group_incidents(
    patterns: list[Pattern],
    *,
    topic_services: dict[int, str] | None = None,
    slack_days: int = SLACK_DAYS,
    max_terms: int = 8,
) -> list[Incident]:
    """The incidents of `patterns`, strongest first.

    topic_services: the service most of a topic's signals belong to, so that a rise in a topic on a
    channel and a rise in that service on that channel are one subject.
    """
    homes = topic_services or {}

    def linked(i: int, j: int) -> bool:
        a, b = patterns[i], patterns[j]
        same_way = (a.magnitude >= 0) == (b.magnitude >= 0)  # a season ending is not the next rise beginning
        if "trend" in (a.kind, b.kind):  # slow trends share no moment: the same way about the same subject
            return a.kind == b.kind == "trend" and same_way and _same_subject(a, b, homes, channels=True)
        return same_way and _overlap(a, b, slack_days) and _same_subject(a, b, homes)

    incidents = [_incident(patterns, members, max_terms) for members in linked_groups(len(patterns), linked)]
    return sorted(incidents, key=lambda incident: (-incident.score, incident.start))


def _active(pattern: Pattern) -> tuple[date, date]:
    if pattern.kind == "spike" and pattern.end is not None:
        return pattern.start, pattern.end
    if pattern.kind == "ripple" and pattern.end is not None:
        return pattern.start, pattern.end + timedelta(days=ACTIVE_DAYS - 1)
    return pattern.start, pattern.start + timedelta(days=ACTIVE_DAYS - 1)


def _overlap(a: Pattern, b: Pattern, slack_days: int) -> bool:
    (a_first, a_last), (b_first, b_last) = _active(a), _active(b)
    slack = timedelta(days=slack_days)
    return a_first - slack <= b_last and b_first - slack <= a_last


def keys(pattern: Pattern) -> tuple[SeriesKey, ...]:
    """The series a pattern speaks of: its own, and for a ripple its cause and effect."""
    return tuple(k for k in (pattern.key, pattern.cause, pattern.effect) if k is not None)


def _same_subject(a: Pattern, b: Pattern, homes: dict[int, str], channels: bool = False) -> bool:
    """A shared word, topic or service, or nested series; with `channels`, a shared channel too."""
    if set(a.terms) & set(b.terms):
        return True
    for key_a in keys(a):
        for key_b in keys(b):
            nested = key_a.contains(key_b) or key_b.contains(key_a)
            topic = key_a.topic is not None and key_a.topic == key_b.topic
            channel = channels and key_a.channel is not None and key_a.channel == key_b.channel
            service = _service(key_a, homes)
            if nested or topic or channel or service is not None and service == _service(key_b, homes):
                return True
    return False


def _service(key: SeriesKey, homes: dict[int, str]) -> str | None:
    return key.service or homes.get(key.topic)


def _incident(patterns: list[Pattern], members: list[int], max_terms: int) -> Incident:
    chosen = [patterns[i] for i in members]
    strongest = max(chosen, key=lambda p: p.score)
    lasting = any(p.end is None for p in chosen)
    ends = [p.end for p in chosen if p.end is not None]
    all_keys = [k for p in chosen for k in keys(p)]
    words: dict[str, float] = {}
    for pattern in sorted(chosen, key=lambda p: -p.score):
        for rank, word in enumerate(pattern.terms):
            words[word] = words.get(word, 0.0) + pattern.score / (1 + rank)
    reasons = {p.expected for p in chosen}
    return Incident(
        kind="ripple" if any(p.kind == "ripple" for p in chosen) else strongest.kind,
        start=min(p.start for p in chosen),
        end=None if lasting or not ends else max(ends),
        channels=tuple(sorted({k.channel for k in all_keys if k.channel})),
        services=tuple(sorted({k.service for k in all_keys if k.service})),
        topics=tuple(sorted({k.topic for k in all_keys if k.topic is not None})),
        terms=tuple(sorted(words, key=lambda w: -words[w])[:max_terms]),
        score=strongest.score,
        patterns=tuple(members),
        expected=reasons.pop() if len(reasons) == 1 else None,
    )
