"""The results of an analysis as frozen dataclasses, and the Dutch words that describe them."""

from dataclasses import dataclass, field
from datetime import date

from leerlus.analysis.series import SeriesKey

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class Pattern:
    kind: str  # spike, level_shift, trend, emerging_topic or ripple
    start: date
    end: date | None
    key: SeriesKey  # the most specific series that describes it
    terms: tuple[str, ...]
    magnitude: float
    score: float
    summary: str
    examples: tuple[int, ...] = ()
    evidence: tuple[SeriesKey, ...] = ()  # the other series in which the same event was seen
    cause: SeriesKey | None = None
    effect: SeriesKey | None = None
    lag_days: int | None = None
    observed: tuple[float, ...] = field(default=(), repr=False)  # the series, for the chart
    baseline: tuple[float, ...] = field(default=(), repr=False)  # what was expected each day, for the chart
    first_day: date | None = None  # the day of observed[0]
    expected: str | None = None  # a reason code when people said it would come (see feedback.py)


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def percentage(magnitude: float) -> str:
    return f"{abs(magnitude) * 100:.0f}%"


def series_name(key: SeriesKey, topic_terms: dict[int, tuple[str, ...]]) -> str:
    parts = []
    if key.channel:
        parts.append(key.channel)
    if key.service:
        parts.append(key.service)
    if key.topic is not None:
        parts.append("onderwerp '" + ", ".join(topic_terms.get(key.topic, ())[:3]) + "'")
    return " · ".join(parts) or "alle signalen"


def direction(magnitude: float, up: str = "stijging", down: str = "daling") -> str:
    return up if magnitude >= 0 else down
