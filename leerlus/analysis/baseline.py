"""What a daily series would be without news: recent level × weekday rhythm × holidays × yearly peaks.

The weekday factors and the holiday factor are learned from the series itself, and so is the
catch-up: a staffed channel closed on a public holiday gets the missed contacts on its next
working day. The noise around the baseline is negative binomial, its dispersion learned per
series (real counts vary far more than a Poisson count would). The yearly index
only once more than a year of history exists (a peak seen for the first time is news, a peak seen
every year is rhythm). The level is the trailing median of the last weeks, so a spike does not
raise tomorrow's expectation.
"""

import numpy as np
import pandas as pd

YEAR = 365  # the same date one year back (the weekday rhythm is taken out before)


class Baseline:
    """fit(days, counts) learns weekday_factors_, holiday_factor_, catchup_factor_, yearly_index_, adjusted_,
    expected_, and the noise around it: variance = overdispersion_ × mean + dispersion_ × mean²."""

    def __init__(self, *, level_days=28, holidays=frozenset(), min_yearly_history=YEAR + 28, min_yearly_level=3.0):
        self.level_days = level_days
        self.holidays = holidays
        self.min_yearly_history = min_yearly_history
        self.min_yearly_level = min_yearly_level  # signals a day in a peak (or around a dip): fewer is noise

    def fit(self, days: pd.DatetimeIndex, counts: np.ndarray, breakpoints=()):
        """breakpoints: days where a level shift starts; the level restarts there instead of lagging behind."""
        counts = np.asarray(counts, dtype=float)
        weekday = days.day_of_week.to_numpy()
        holiday = np.array([d in self.holidays for d in days.date], dtype=bool)
        week_mean = pd.Series(counts).rolling(7, center=True, min_periods=4).mean().to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(week_mean > 0, counts / week_mean, np.nan)
        factors = np.array([_median(ratio[(weekday == d) & ~holiday], 1.0) for d in range(7)])
        self.weekday_factors_ = factors * 7 / factors.sum() if factors.sum() > 0 else np.ones(7)
        self.holiday_factor_ = (
            _median(ratio[holiday], self.weekday_factors_[6]) if holiday.sum() >= 2 else self.weekday_factors_[6]
        )
        day_factor = np.where(holiday, self.holiday_factor_, self.weekday_factors_[weekday])
        with np.errstate(divide="ignore", invalid="ignore"):
            deseasonalised = np.where(day_factor > 0.05, counts / day_factor, np.nan)
        self.yearly_index_ = self._yearly_index(deseasonalised)
        level = self._levels(deseasonalised / self.yearly_index_, breakpoints)
        missed = self._missed_holidays(holiday, day_factor, self.weekday_factors_[weekday])
        self.catchup_factor_ = self._catchup_factor(counts, level * day_factor * self.yearly_index_, missed)
        day_factor = day_factor * (1 + (self.catchup_factor_ - 1) * missed)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.adjusted_ = np.where(day_factor > 0.05, counts / day_factor, np.nan) / self.yearly_index_
        self.day_factor_ = day_factor
        self.expected_ = self._levels(self.adjusted_, breakpoints) * day_factor * self.yearly_index_
        self.overdispersion_, self.dispersion_ = self._dispersion(counts, self.expected_)
        return self

    def _levels(self, adjusted: np.ndarray, breakpoints) -> np.ndarray:
        edges = [0, *sorted(breakpoints), len(adjusted)]
        return np.concatenate([self._level(adjusted[a:b]) for a, b in zip(edges, edges[1:]) if b > a])

    @staticmethod
    def _missed_holidays(holiday: np.ndarray, day_factor: np.ndarray, usual: np.ndarray) -> np.ndarray:
        """For each day, how many quieter-than-usual holidays came just before it: the missed contacts come then."""
        missed = np.zeros(len(holiday))
        working = (usual >= 0.5 * usual.max()) & ~holiday  # for a mix of channels: the day the staffed ones reopen
        for day in np.flatnonzero(holiday & (day_factor < 0.8 * usual)):
            later = np.flatnonzero(working[day + 1 :])
            if len(later) and later[0] < 5:
                missed[day + 1 + later[0]] += 1
        return missed

    @staticmethod
    def _catchup_factor(counts: np.ndarray, expected: np.ndarray, missed: np.ndarray) -> float:
        """How much busier a day is per missed holiday before it (1.0 when not seen twice)."""
        seen = (missed > 0) & (expected > 0)
        if seen.sum() < 2:
            return 1.0
        return float(np.clip(1 + np.median((counts[seen] / expected[seen] - 1) / missed[seen]), 1.0, 3.0))

    @staticmethod
    def _dispersion(counts: np.ndarray, expected: np.ndarray) -> tuple[float, float]:
        """(phi, alpha) of the ordinary days: the variance of a count is phi × mean + alpha × mean².

        alpha is the negative binomial dispersion of busy days (variance growing with the square of
        the mean); phi > 1 says that quiet days vary more than a Poisson count too (rain on a Sunday
        brings flooding reports whatever the weekday). Both from the median: the alpha at which the
        median absolute Pearson residual is that of a normal deviate (0.6745), on the quieter and on
        the busier half of the days. A moment estimate would take every storm for ordinary noise.
        """
        open_days = np.isfinite(expected) & (expected >= 0.5)
        mean, deviation = expected[open_days], np.abs(counts[open_days] - expected[open_days])
        if len(mean) < 56:
            return 1.0, 0.0
        quiet = mean <= np.median(mean)
        if min(quiet.sum(), (~quiet).sum()) < 28:  # (nearly) the same mean every day: one alpha says it all
            return 1.0, _median_alpha(mean, deviation)
        low, high = float(np.median(mean[quiet])), float(np.median(mean[~quiet]))
        alpha_quiet = _median_alpha(mean[quiet], deviation[quiet])
        alpha_busy = _median_alpha(mean[~quiet], deviation[~quiet])
        if high <= 1.2 * low or alpha_quiet <= alpha_busy:
            return 1.0, _median_alpha(mean, deviation)
        phi = 1 + (alpha_quiet - alpha_busy) / (1 / low - 1 / high)
        return float(phi), float(max(alpha_busy - (phi - 1) / high, 0.0))

    def _level(self, adjusted: np.ndarray) -> np.ndarray:
        """Trailing median (for small counts a mean without its storm days) of one segment; its first days
        use the median of the segment's first weeks, so a segment that starts with a storm does not start high."""
        values = pd.Series(adjusted)
        median = values.rolling(self.level_days, min_periods=5).median().shift(1)
        capped = np.minimum(values, 3 * (median.bfill() + 1))  # a storm day does not lift the days after it
        mean = capped.rolling(self.level_days, min_periods=5).mean().shift(1).to_numpy()
        median = median.to_numpy()
        level = np.where(median >= 5, median, mean)
        head = adjusted[: self.level_days]
        start = float(np.nanmedian(head)) if np.isfinite(head).any() else 0.0
        return np.where(np.isnan(level), start, level)

    def _yearly_index(self, deseasonalised: np.ndarray) -> np.ndarray:
        """Last year's temporary peaks and dips, as factors; a permanent step last year is not a rhythm.

        A day of last year counts as a peak (or dip) when the median of the nine days around it stands
        out from both the months before and the months after it: a storm of a few days is no season,
        a step that stayed is none either, and the first and last months of the data never are. A
        shorter peak (fireworks around New Year) counts once it was there, at least three times the
        usual level, in each of the two years before: one short peak alone may well have been a
        one-off event, and two rainstorms near the same date are a coincidence of that size rarely.
        """
        index = np.ones(len(deseasonalised))
        if len(deseasonalised) < self.min_yearly_history:
            return index
        values = pd.Series(deseasonalised)
        # the level of the days around, without a storm of a few days: a nine-day median, smoothed over a week
        local = values.rolling(9, center=True, min_periods=5).median().rolling(7, center=True, min_periods=4).mean()
        local = local.to_numpy()
        before = values.rolling(90, min_periods=14).median().shift(30).to_numpy()
        after = values[::-1].rolling(90, min_periods=14).median().shift(30).to_numpy()[::-1]
        with np.errstate(invalid="ignore", divide="ignore"):
            highest, lowest = np.maximum(before, after), np.minimum(before, after)
            peak = np.where((local > 1.1 * highest) & (local >= self.min_yearly_level), local / highest, 1.0)
            dip = np.where((local < 0.9 * lowest) & (lowest >= self.min_yearly_level), local / lowest, 1.0)
        seasonal = np.nan_to_num(np.where(peak != 1.0, peak, dip), nan=1.0)
        seasonal = pd.Series(seasonal).rolling(7, center=True, min_periods=1).mean().to_numpy()  # no hard edges
        index[YEAR:] = np.clip(seasonal[: len(index) - YEAR], 0.2, 50.0)
        if len(deseasonalised) > 2 * YEAR:
            days3 = values.rolling(3, center=True, min_periods=2).mean().to_numpy()
            with np.errstate(invalid="ignore", divide="ignore"):
                short = np.where((days3 > 3 * highest) & (days3 >= self.min_yearly_level), days3 / highest, 1.0)
            # a calendar date moves a day against the weekday each year: look two days either way
            short = pd.Series(np.nan_to_num(short, nan=1.0)).rolling(5, center=True, min_periods=1).max().to_numpy()
            both_years = np.minimum(short[YEAR : len(index) - YEAR], short[: len(index) - 2 * YEAR])
            index[2 * YEAR :] = np.maximum(index[2 * YEAR :], np.clip(both_years, 1.0, 50.0))
        return index


def _median_alpha(mean: np.ndarray, deviation: np.ndarray) -> float:
    """The alpha of variance mean + alpha × mean² at which the median absolute Pearson residual is 0.6745."""

    def median_residual(alpha: float) -> float:
        return float(np.median(deviation / np.sqrt(mean + alpha * mean**2)))

    if median_residual(0.0) <= 0.6745:
        return 0.0
    low, high = 0.0, 10.0
    for _ in range(24):  # bisection, to within 10 / 2**24 < 1e-6: the median residual falls as alpha grows
        middle = (low + high) / 2
        low, high = (middle, high) if median_residual(middle) > 0.6745 else (low, middle)
    return high


def _median(values: np.ndarray, default: float) -> float:
    values = values[np.isfinite(values)]
    return float(np.median(values)) if len(values) else default
