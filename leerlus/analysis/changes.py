"""Finds changes in one daily series against its baseline: spikes, level shifts and slow trends.

Counts are compared on the square-root scale, where Poisson noise has a standard deviation of
about 1/2 at every level; the noise is estimated from the series itself, so busy and quiet
series get the same treatment. Level shifts come from ruptures (kernel change-point detection
with a linear kernel, its C implementation); a series whose rise or fall is better described by
a straight line than by its strongest step (lower BIC) is reported as a trend instead.
"""

import warnings
from dataclasses import dataclass

import numpy as np
import ruptures
from scipy import stats


@dataclass(frozen=True)
class Change:
    kind: str  # spike, level_shift or trend
    start: int  # day number in the series
    end: int | None  # last day number, None for a change that lasts
    magnitude: float  # relative change: 0.9 is +90%
    score: float  # strength of the evidence, comparable across series
    excess: float  # extra signals per day (shift, trend) or in total (spike)
    before: float  # level before, per day
    after: float  # level after or at the peak, per day


class SpikeDetector:
    """Days far above the expected count, at most `max_days` in a row."""

    def __init__(self, *, threshold=5.0, min_excess=8, min_ratio=1.5, max_days=3):
        self.threshold = threshold
        self.min_excess = min_excess
        self.min_ratio = min_ratio
        self.max_days = max_days

    def fit(self, observed: np.ndarray, expected: np.ndarray):
        noise = np.sqrt(expected + (0.15 * expected) ** 2 + 1.0)
        z = (observed - expected) / noise
        hot = (z >= self.threshold) & (observed - expected >= self.min_excess) & (observed >= self.min_ratio * expected)
        self.spikes_ = []
        for start, end in _runs(hot):
            if end - start + 1 > self.max_days:
                continue
            days = slice(start, end + 1)
            before, peak = float(expected[days].mean()), float(observed[days].mean())
            self.spikes_.append(Change("spike", start, end, peak / max(before, 0.5) - 1, float(z[days].max()),
                                       float((observed[days] - expected[days]).sum()), before, peak))
        return self


class LevelShiftDetector:
    """Lasting steps in the deseasonalised series, each at least `min_days` long."""

    def __init__(self, *, penalty=4.0, min_days=10, min_magnitude=0.25, min_score=6.0, window=56):
        self.penalty = penalty
        self.min_days = min_days
        self.min_magnitude = min_magnitude
        self.min_score = min_score
        self.window = window

    def fit(self, adjusted: np.ndarray):
        valid = np.flatnonzero(np.isfinite(adjusted))
        self.breakpoints_, self.shifts_ = [], []
        if len(valid) < 3 * self.min_days:
            return self
        root = np.sqrt(adjusted[valid])
        sigma = _noise(root)
        algo = ruptures.KernelCPD(kernel="linear", min_size=self.min_days).fit(root.reshape(-1, 1))
        cuts = [b for b in algo.predict(pen=self.penalty * sigma**2 * np.log(len(root))) if b < len(root)]
        cuts = [self._refine(root, cut) for cut in cuts]
        self.breakpoints_ = [int(valid[cut]) for cut in cuts]
        edges = [0, *cuts, len(root)]
        for i, cut in enumerate(cuts):
            left = root[max(edges[i], cut - self.window): cut]
            right = root[cut: min(edges[i + 2], cut + self.window)]
            score = abs(right.mean() - left.mean()) / (sigma * np.sqrt(1 / len(left) + 1 / len(right)))
            before, after = float((left**2).mean()), float((right**2).mean())
            magnitude = after / max(before, 0.5) - 1
            if abs(magnitude) >= self.min_magnitude and score >= self.min_score:
                self.shifts_.append(Change("level_shift", int(valid[cut]), None, magnitude, float(score),
                                           after - before, before, after))
        return self


    def _refine(self, root: np.ndarray, cut: int, reach: int = 3, width: int = 14) -> int:
        """The exact day of a step: kernel change points can land a few (noisy) days off."""
        options = range(max(width, cut - reach), min(len(root) - width, cut + reach) + 1)
        return max(options, key=lambda c: abs(root[c: c + width].mean() - root[c - width: c].mean()), default=cut)


class TrendDetector:
    """A steady rise or fall over the whole series: Mann-Kendall on weekly means, a least-squares line."""

    def __init__(self, *, alpha=0.001, min_change=0.1, min_weeks=16, min_level=0.5):
        self.alpha = alpha
        self.min_change = min_change
        self.min_weeks = min_weeks
        self.min_level = min_level  # signals per day at both ends of the line

    def fit(self, adjusted: np.ndarray, breakpoints: list[int] = ()):
        """breakpoints: the level-shift detector's cuts, so that steps are not mistaken for a trend."""
        self.trend_ = None
        weeks = len(adjusted) // 7
        if weeks < self.min_weeks:
            return self
        with warnings.catch_warnings():  # a week with every day closed has no mean, and that is fine
            warnings.simplefilter("ignore", RuntimeWarning)
            weekly = np.nanmean(adjusted[: weeks * 7].reshape(weeks, 7), axis=1)
        x = np.flatnonzero(np.isfinite(weekly))
        y = weekly[x]
        tau, p_value = stats.kendalltau(x, y)
        if not p_value < self.alpha:
            return self
        line = stats.linregress(x, y)
        first, last = line.intercept + line.slope * x[0], line.intercept + line.slope * x[-1]
        if min(first, last) < self.min_level:
            return self  # a line that starts or ends near nothing says nothing about a rate of change
        magnitude = last / first - 1
        if abs(magnitude) < self.min_change or not self._line_beats_a_step(x, y, line, breakpoints):
            return self
        self.trend_ = Change("trend", 0, None, float(magnitude), float(abs(tau) * 10), float(last - first),
                             float(first), float(last))
        return self

    @staticmethod
    def _line_beats_a_step(x, y, line, breakpoints) -> bool:
        """A slope or a step? The line must fit the weekly means better (BIC) than the best single step."""
        cuts = sorted({int(b) // 7 for b in breakpoints} & set(x[1:].tolist()))
        if not cuts:
            return True
        n = len(y)
        line_rss = float(((y - (line.intercept + line.slope * x)) ** 2).sum())
        step_rss = min(float(((y[x < c] - y[x < c].mean()) ** 2).sum() + ((y[x >= c] - y[x >= c].mean()) ** 2).sum())
                       for c in cuts)
        bic = lambda rss, k: n * np.log(max(rss, 1e-9) / n) + k * np.log(n)  # noqa: E731
        return bic(line_rss, 2) < bic(step_rss, 3)


def _noise(root: np.ndarray) -> float:
    """Standard deviation of day-to-day noise, robust to steps (median absolute difference)."""
    return max(float(np.median(np.abs(np.diff(root)))) / (0.6745 * np.sqrt(2)), 0.3)


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True values."""
    padded = np.concatenate([[False], flags, [False]])
    edges = np.flatnonzero(np.diff(padded.astype(int)))
    return list(zip(edges[::2], edges[1::2] - 1))
