"""SeriesKey: the name of a daily series (channel, service, topic; None means across all), without pandas, so that
the models that name series do not load pandas with Django."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SeriesKey:
    channel: str | None = None
    service: str | None = None
    topic: int | None = None

    @property
    def depth(self) -> int:
        return sum(value is not None for value in (self.channel, self.service, self.topic))

    def contains(self, other: "SeriesKey") -> bool:
        """True when `other` is this series or a finer part of it."""
        return all(
            mine is None or mine == theirs
            for mine, theirs in (
                (self.channel, other.channel),
                (self.service, other.service),
                (self.topic, other.topic),
            )
        )

    def compatible(self, other: "SeriesKey") -> bool:
        """True when no field has two different values: both can describe the same signals."""
        return all(
            a is None or b is None or a == b
            for a, b in ((self.channel, other.channel), (self.service, other.service), (self.topic, other.topic))
        )
