"""Turns changes found in many series into patterns: one event seen at several levels is one pattern.

Changes of the same kind that start within a day of each other in series that can describe the
same signals (no field with two different values) are one event. It is described at the most
specific series that still carries most of the event: at least 60% of the extra signals of the
broadest series in the group. The other series are kept as evidence.
"""

from dataclasses import dataclass

from leerlus.analysis.changes import Change
from leerlus.analysis.grouping import linked_groups
from leerlus.analysis.keys import SeriesKey


@dataclass(frozen=True)
class Event:
    members: tuple[tuple[SeriesKey, Change], ...]
    key: SeriesKey
    change: Change

    @property
    def evidence(self) -> tuple[SeriesKey, ...]:
        return tuple(sorted({k for k, _ in self.members if k != self.key}, key=lambda k: (k.depth, str(k))))


def merge_changes(changes: list[tuple[SeriesKey, Change]], *, max_apart=1, coverage=0.6) -> list[Event]:
    def linked(i, j):
        (key_a, a), (key_b, b) = changes[i], changes[j]
        same_time = a.kind == "trend" or abs(a.start - b.start) <= max_apart
        same_way = (a.magnitude >= 0) == (b.magnitude >= 0)
        return a.kind == b.kind and same_time and same_way and key_a.compatible(key_b)

    return [_describe([changes[i] for i in members], coverage) for members in linked_groups(len(changes), linked)]


def _describe(members: list[tuple[SeriesKey, Change]], coverage: float) -> Event:
    broadest = min(members, key=lambda m: (m[0].depth, -abs(m[1].excess)))
    carrying = [m for m in members if abs(m[1].excess) >= coverage * abs(broadest[1].excess)]
    key, change = max(carrying, key=lambda m: (m[0].depth, abs(m[1].excess)))
    return Event(tuple(members), key, change)
