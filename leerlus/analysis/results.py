"""The results of an analysis as frozen dataclasses: figures and codes only; the apps write the sentences."""

from dataclasses import dataclass, field
from datetime import date

from leerlus.analysis.keys import SeriesKey


@dataclass(frozen=True)
class Pattern:
    kind: str  # spike, level_shift, trend, emerging_topic or ripple
    start: date
    end: date | None
    key: SeriesKey  # the most specific series that describes it
    terms: tuple[str, ...]
    magnitude: float
    score: float
    examples: tuple[int, ...] = ()
    evidence: tuple[SeriesKey, ...] = ()  # the other series in which the same event was seen
    cause: SeriesKey | None = None
    effect: SeriesKey | None = None
    lag_days: int | None = None
    observed: tuple[float, ...] = field(default=(), repr=False)  # the series, for the chart
    baseline: tuple[float, ...] = field(default=(), repr=False)  # what was expected each day, for the chart
    first_day: date | None = None  # the day of observed[0]
    expected: str | None = None  # a reason code when people said it would come (see feedback.py)
    before: float | None = None  # signals per day before (a spike: expected; a ripple: of its effect)
    after: float | None = None  # signals per day after (a spike: at its peak; a ripple: of its effect)
    span_days: int | None = None  # a trend: the days over which it went from `before` to `after`
    cause_magnitude: float | None = None  # a ripple: the relative change of its cause
    recent: int | None = None  # an emerging topic: signals with its words in its first two weeks
