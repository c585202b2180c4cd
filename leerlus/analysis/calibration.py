"""One scale for every detector's score, and the threshold that follows from an alarm budget.

A score is put on the scale of a standard normal deviate from the series' own null distribution:
the same statistic computed on every day of the series' history, where almost every day is an
ordinary day. Its median and its spread (1.4826 × the median absolute deviation, robust to the few
real events in that history; for day counts also the spread that its 99th percentile implies)
turn a raw score into a calibrated one, so that a score of 4 is as
rare on a series of 3 a day as on one of 3,000 a day. This follows Merlion's calibrated anomaly
scores, with a robust Gaussian fit in place of its quantile interpolation (a year and a half of
days has too few extremes to interpolate the far tail from).

The threshold follows from the budget: about `per_month` false cards a month for the whole
municipality, shared by the detectors and divided over every series looked at and every moment a
detector can fire in a month (a Bonferroni bound; series are nested, so it is conservative).
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

DAYS_PER_MONTH = 30.4
SHARES = {"spike": 0.35, "level_shift": 0.35, "trend": 0.1, "emerging_topic": 0.2}
# How often a detector can fire on one series in a month. A level shift is scored on four-week windows,
# but its day is the best of the days around it, so it counts as a test a week; a trend is looked for
# again every month.
TESTS_PER_MONTH = {
    "spike": DAYS_PER_MONTH,
    "level_shift": DAYS_PER_MONTH / 7,
    "trend": 1.0,
    "emerging_topic": DAYS_PER_MONTH,
}


@dataclass(frozen=True)
class AlarmBudget:
    """About `per_month` false cards a month for the whole municipality (set in Beheer)."""

    per_month: float = 1.0

    def threshold(self, kind: str, series: int) -> float:
        """The calibrated score above which a change of this kind is reported, with `series` series looked at."""
        tail = self.per_month * SHARES[kind] / (max(series, 1) * TESTS_PER_MONTH[kind])
        return float(stats.norm.isf(min(tail, 0.5)))


def robust_scale(values: np.ndarray, floor: float = 0.0, tail: float | None = None) -> tuple[float, float]:
    """Median and robust standard deviation (1.4826 × MAD) of the finite values; the spread at least `floor`.

    With `tail` (say 0.99), the spread is also at least what that upper quantile implies for a normal
    distribution: a series whose ordinary days have a heavier tail than its middle gets a wider scale.
    """
    values = values[np.isfinite(values)]
    if len(values) < 10:
        return 0.0, max(floor, 1.0)
    center = float(np.median(values))
    spread = 1.4826 * float(np.median(np.abs(values - center)))
    if tail is not None:
        spread = max(spread, (float(np.quantile(values, tail)) - center) / float(stats.norm.isf(1 - tail)))
    return center, max(spread, floor, 1e-9)


def count_scores(observed: np.ndarray, expected: np.ndarray, dispersion) -> np.ndarray:
    """How surprising each count is under a negative binomial with this mean and dispersion (alpha).

    The upper tail probability P(Y ≥ observed), as a standard normal deviate: the variance of the
    count is mean + alpha × mean², so a busy series with large daily swings is not read as a
    string of alarms. `dispersion` is one alpha or one per count (0: Poisson).
    """
    mean = np.maximum(expected, 1e-6)
    alpha = np.broadcast_to(np.asarray(dispersion, dtype=float), mean.shape)
    size = 1.0 / np.maximum(alpha, 1e-6)
    tail = np.where(
        alpha < 1e-6, stats.poisson.sf(observed - 1, mean), stats.nbinom.sf(observed - 1, size, size / (size + mean))
    )
    return stats.norm.isf(np.clip(tail, 1e-300, 1.0))
