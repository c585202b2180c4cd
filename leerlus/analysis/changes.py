"""Finds changes in one daily series against its baseline: spikes, level shifts and slow trends.

Every score is calibrated (calibration.py): a burst of days is scored by the negative binomial
tail of its total under the baseline, a level shift by the move of the four-week mean against the
moves of the four-week mean on the other days of the series' history (away from that step; other
steps and seasons included: a series that moves a lot needs a larger step to say something new),
a trend by Mann-Kendall on four-week means; each on the scale of a standard normal deviate, and
compared with the `threshold` that the alarm budget gives.
Level-shift candidates come from ruptures (kernel change-point detection with a linear kernel,
its C implementation); a series whose rise or fall is better described by a straight line than
by its strongest step (lower BIC) is reported as a trend instead.
"""

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import ruptures
from scipy import stats

from leerlus.analysis.calibration import count_scores, robust_scale


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
    """Bursts of one to `max_days` days far above the expected count, each scored by its total.

    A storm of three days is judged by its three days together: each day alone may look like a wet
    Tuesday, the three together do not. Every window length is calibrated on its own history.
    """

    def __init__(self, *, threshold=4.0, min_excess=5, min_ratio=1.5, max_days=3):
        self.threshold = threshold
        self.min_excess = min_excess
        self.min_ratio = min_ratio
        self.max_days = max_days

    def fit(self, observed: np.ndarray, expected: np.ndarray, dispersion: float = 0.0, overdispersion: float = 1.0):
        """The variance of a day's count: overdispersion × expected + dispersion × expected²."""
        open_days = np.isfinite(expected) & (expected > 0.05)
        observed, expected = np.where(open_days, observed, 0.0), np.where(open_days, expected, 0.0)
        variance = overdispersion * expected + dispersion * expected**2
        windows = [
            window
            for length in range(1, self.max_days + 1)
            for window in self._windows(observed, expected, variance, open_days, length)
        ]
        longer = self._longer_excursions(windows)
        taken = np.zeros(len(observed), dtype=bool)
        self.spikes_ = []
        for score, start, end in sorted(windows, reverse=True):
            days = slice(start, end + 1)
            if taken[days].any() or longer[days].any():
                continue
            taken[days] = True
            before, peak = float(expected[days].mean()), float(observed[days].mean())
            self.spikes_.append(
                Change(
                    "spike",
                    start,
                    end,
                    peak / max(before, 0.5) - 1,
                    float(score),
                    float((observed[days] - expected[days]).sum()),
                    before,
                    peak,
                )
            )
        self.spikes_.sort(key=lambda change: change.start)
        return self

    def _windows(self, observed, expected, variance, open_days, length) -> list[tuple[float, int, int]]:
        """(calibrated score, first day, last day) of every window of `length` days above the threshold."""
        total, mean = _sums(observed, length), _sums(expected, length)
        with np.errstate(divide="ignore", invalid="ignore"):  # the sum as one negative binomial of that variance
            alpha = np.where(mean > 0, np.maximum(_sums(variance, length) - mean, 0.0) / mean**2, 0.0)
        ends_open = open_days[: len(total)] & open_days[length - 1 :]
        raw = np.where(ends_open & (mean > 0), count_scores(total, mean, alpha), np.nan)
        center, spread = robust_scale(raw, floor=1.0, tail=0.99)
        scores = (raw - center) / spread
        hot = (
            (np.nan_to_num(scores) >= self.threshold)
            & (total - mean >= self.min_excess * length)
            & (total >= self.min_ratio * mean)
        )
        return [(float(scores[start]), int(start), int(start + length - 1)) for start in np.flatnonzero(hot)]

    def _longer_excursions(self, windows) -> np.ndarray:
        """Days in a run of days that are hot on their own, longer than twice `max_days` (a storm may have
        a day of warning and one of clearing up): a season or a new level, not a burst."""
        days = max((end for _score, _start, end in windows), default=-1) + 1
        hot = np.zeros(days, dtype=bool)
        for _score, start, end in windows:
            hot[start] |= start == end
        longer = np.zeros(days + self.max_days, dtype=bool)
        for start, end in _runs(hot):
            if end - start + 1 > 2 * self.max_days:
                longer[start : end + 1] = True
        return longer


class LevelShiftDetector:
    """Lasting steps in the deseasonalised series, each at least `min_days` long."""

    def __init__(self, *, threshold=4.0, penalty=4.0, min_days=10, min_magnitude=0.25, window=28):
        self.threshold = threshold
        self.penalty = penalty
        self.min_days = min_days
        self.min_magnitude = min_magnitude
        self.window = window

    def fit(self, adjusted: np.ndarray):
        valid = np.flatnonzero(np.isfinite(adjusted))
        self.shifts_ = []
        if len(valid) < 3 * self.min_days:
            return self
        root = np.sqrt(adjusted[valid])
        sigma = _noise(root)
        algo = ruptures.KernelCPD(kernel="linear", min_size=self.min_days).fit(root.reshape(-1, 1))
        cuts = [b for b in algo.predict(pen=self.penalty * sigma**2 * np.log(len(root))) if b < len(root)]
        # a burst of a few days is not a new level: days far above the weeks around them count at that edge
        typical = pd.Series(root).rolling(29, center=True, min_periods=8).median().to_numpy()
        calm = np.minimum(root, typical + 3 * sigma)
        cuts = [self._refine(calm, cut) for cut in cuts]
        moves = _window_moves(calm, self.window)
        moved_on = np.arange(len(moves)) + self.window  # the day each move is measured at
        for cut in cuts:
            # the null: how the four-week mean moved on the days away from this step, other steps included
            away = np.abs(moved_on - cut) > self.window
            center, spread = robust_scale(moves[away], floor=sigma * np.sqrt(2 / self.window), tail=0.99)
            left, right = calm[max(0, cut - self.window) : cut], calm[cut : cut + self.window]
            # a shorter window (a shift of the last days) moves more by chance
            widen = np.sqrt((1 / len(left) + 1 / len(right)) / (2 / self.window))
            score = abs(right.mean() - left.mean() - center) / (spread * widen)
            before, after = float((left**2).mean()), float((right**2).mean())
            magnitude = after / max(before, 0.5) - 1
            if abs(magnitude) >= self.min_magnitude and score >= self.threshold:
                self.shifts_.append(
                    Change("level_shift", int(valid[cut]), None, magnitude, float(score), after - before, before, after)
                )
        return self

    def _refine(self, root: np.ndarray, cut: int, reach: int = 3, width: int = 14) -> int:
        """The exact day of a step: kernel change points can land a few (noisy) days off."""
        options = range(max(width, cut - reach), min(len(root) - width, cut + reach) + 1)
        return max(options, key=lambda c: abs(root[c : c + width].mean() - root[c - width : c].mean()), default=cut)


class TrendDetector:
    """A steady rise or fall over the whole series: Mann-Kendall on four-week means, a least-squares line.

    Four-week means rather than weekly ones: neighbouring weeks move together (a slow drift, a
    season), which Mann-Kendall would take for independent evidence.
    """

    def __init__(self, *, threshold=4.0, min_change=0.1, min_blocks=6, block_days=28, min_level=0.5):
        self.threshold = threshold
        self.min_change = min_change
        self.min_blocks = min_blocks
        self.block_days = block_days
        self.min_level = min_level  # signals per day at both ends of the line

    def fit(self, adjusted: np.ndarray):
        self.trend_ = None
        blocks = len(adjusted) // self.block_days
        if blocks < self.min_blocks:
            return self
        with warnings.catch_warnings():  # a block with every day closed has no mean, and that is fine
            warnings.simplefilter("ignore", RuntimeWarning)
            means = np.nanmean(adjusted[: blocks * self.block_days].reshape(blocks, self.block_days), axis=1)
        x = np.flatnonzero(np.isfinite(means))
        y = means[x]
        tau, p_value = stats.kendalltau(x, y)
        if not stats.norm.isf(max(p_value, 1e-300) / 2) >= self.threshold:
            return self
        line = stats.linregress(x, y)
        first, last = line.intercept + line.slope * x[0], line.intercept + line.slope * x[-1]
        if min(first, last) < self.min_level:
            return self  # a line that starts or ends near nothing says nothing about a rate of change
        magnitude = last / first - 1
        if abs(magnitude) < self.min_change or not self._line_beats_a_step(x, y, line):
            return self
        self.trend_ = Change(
            "trend",
            0,
            None,
            float(magnitude),
            float(stats.norm.isf(max(p_value, 1e-300) / 2)),
            float(last - first),
            float(first),
            float(last),
        )
        return self

    @staticmethod
    def _line_beats_a_step(x, y, line) -> bool:
        """A slope or a step? The line must fit the block means better (BIC) than the best single step
        anywhere: a new level late in the series also makes Mann-Kendall say "rising"."""
        cuts = x[2:-1].tolist()
        if not cuts:
            return True
        n = len(y)
        line_rss = float(((y - (line.intercept + line.slope * x)) ** 2).sum())
        step_rss = min(
            float(((y[x < c] - y[x < c].mean()) ** 2).sum() + ((y[x >= c] - y[x >= c].mean()) ** 2).sum()) for c in cuts
        )
        bic = lambda rss, k: n * np.log(max(rss, 1e-9) / n) + k * np.log(n)  # noqa: E731
        return bic(line_rss, 2) < bic(step_rss, 3)


def _noise(root: np.ndarray) -> float:
    """Standard deviation of day-to-day noise, robust to steps (median absolute difference)."""
    return max(float(np.median(np.abs(np.diff(root)))) / (0.6745 * np.sqrt(2)), 0.3)


def _window_moves(root: np.ndarray, window: int) -> np.ndarray:
    """For every day, the mean of the `window` days from it minus the mean of the `window` days before it."""
    cumulative = np.concatenate([[0.0], np.cumsum(root)])
    days = np.arange(window, len(root) - window + 1)
    return (cumulative[days + window] - 2 * cumulative[days] + cumulative[days - window]) / window


def _sums(values: np.ndarray, length: int) -> np.ndarray:
    """The sum of every `length` consecutive values, indexed by the first of them."""
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    return cumulative[length:] - cumulative[:-length]


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True values."""
    padded = np.concatenate([[False], flags, [False]])
    edges = np.flatnonzero(np.diff(padded.astype(int)))
    return list(zip(edges[::2], edges[1::2] - 1))
