"""Control series for an effect estimate: which ones moved with the metric before the start, their level
per day without daily noise, and where the metric last broke away from them."""

import numpy as np
import pandas as pd
import ruptures

MIN_MEAN_PER_DAY = 1.0
MAX_CONTROLS = 3
MIN_WEEKS_BETWEEN_BREAKS = 4
BREAK_PENALTY = 3.0
OFF_SEASON_Z = 2.5


def control_level(controls: dict[str, pd.Series], unusual: dict[str, np.ndarray]) -> pd.Series | None:
    """The summed level of the controls per day: each one's weekly mean over its usual days times its
    weekday factor. A noisy regressor would pull its weight to zero; and a control's closed holiday and
    the catch-up after it (its `unusual` days) would move its weekly mean and so the metric's expected
    level around every holiday, which the metric's own holiday and catch-up terms already describe."""
    if not controls:
        return None
    return sum(_smooth(series, unusual[name]) for name, series in controls.items())


def _smooth(series: pd.Series, unusual: np.ndarray) -> pd.Series:
    usual = series.where(~unusual)
    weekly = usual.rolling(7, center=True, min_periods=1).mean().ffill().bfill().fillna(0.0)
    by_day = usual.groupby(series.index.day_of_week).mean()
    share = by_day / by_day.mean() if by_day.mean() > 0 else by_day * 0 + 1
    factor = share.reindex(series.index.day_of_week).fillna(0.0).clip(lower=0.05).to_numpy()
    return np.maximum(weekly, 0.5) * factor


def choose_controls(y: pd.Series, candidates: dict[str, pd.Series], start: int, unusual: np.ndarray,
                    horizon: int) -> list[str]:
    """Up to three candidates whose sum keeps the steadiest ratio to the metric before the start (weekly
    sums on the metric's usual days, log scale), leaving out those with a season the metric lacks.

    A steady ratio is exactly what the counterfactual assumes; unsteadiness is the spread of the weekly
    log-ratio. The steadiest candidate comes first; the next are added only while they make the ratio of
    the sum steadier still. A candidate with its own trend or jump makes the ratio swing and ranks low.
    A season the metric lacks (passports in spring) may hardly show in a whole year's spread and yet
    lead the counterfactual astray in exactly the weeks measured, so a candidate whose ratio in the same
    weeks a year before (the `horizon` days after the start, a year back) stood clearly apart from its
    mean is left out (see `off_season`). The metric's `unusual` days (closed, catch-up) do not count,
    so a control that stays open on holidays is compared on the metric's ordinary days only.
    """
    weeks = start // 7
    if weeks < 4:
        return []
    window = slice(start - 7 * weeks, start)
    usual = ~unusual[window]
    season = slice(weeks - 52, weeks - 52 + -(-horizon // 7)) if weeks >= 52 else slice(0, 0)

    def weekly(series):
        return (series.iloc[window].to_numpy() * usual).reshape(weeks, 7).sum(axis=1)

    metric = np.log1p(weekly(y))
    ratios = {name: metric - np.log1p(weekly(series)) for name, series in candidates.items()
              if series.iloc[:start].mean() >= MIN_MEAN_PER_DAY}
    usable = sorted((name for name, ratio in ratios.items() if not off_season(ratio, season)),
                    key=lambda name: np.std(ratios[name]))
    chosen, best = [], np.inf
    for name in usable[:MAX_CONTROLS]:
        score = float(np.std(metric - np.log1p(sum(weekly(candidates[n]) for n in [*chosen, name]))))
        if score < best:
            chosen, best = [*chosen, name], score
    return chosen


def off_season(ratio: np.ndarray, season: slice) -> bool:
    """Whether the weekly log-ratio in the `season` weeks stood clearly apart from the other weeks: more
    than 2.5 standard errors, with the spread of the other weeks (weekly noise alone does that for about
    1 in 80 good controls; leaving one of those out costs little)."""
    inside = ratio[season]
    outside = np.delete(ratio, np.arange(len(ratio))[season])
    if len(inside) < 2 or len(outside) < 2:
        return False
    return abs(inside.mean() - outside.mean()) > OFF_SEASON_Z * np.std(outside) / np.sqrt(len(inside))


def last_break(y_before: pd.Series, level_before: pd.Series, unusual: np.ndarray) -> int:
    """Where the latest lasting change in the metric relative to its control before the start began.

    Weekly means of the log-ratio on the metric's usual days are searched for changes in mean with
    ruptures (PELT, a BIC-like penalty on the noise of the weekly means); the history before the last
    change would describe a different situation. 0 means no change was found.
    """
    weeks = len(y_before) // 7
    if weeks < 2 * MIN_WEEKS_BETWEEN_BREAKS:
        return 0
    offset = len(y_before) - 7 * weeks
    ratio = np.log1p(y_before.to_numpy()[offset:]) - np.log(level_before.to_numpy()[offset:])
    usual = ~unusual[offset:].reshape(weeks, 7)
    sums = np.where(usual, ratio.reshape(weeks, 7), 0.0).sum(axis=1)
    weekly = pd.Series(sums / np.maximum(usual.sum(axis=1), 1)).where(usual.any(axis=1)).ffill().bfill().to_numpy()
    steps = np.diff(weekly)
    noise = 1.4826 * np.median(np.abs(steps - np.median(steps))) / np.sqrt(2)
    if not noise > 0:
        return 0
    breaks = ruptures.Pelt(model="l2", min_size=MIN_WEEKS_BETWEEN_BREAKS, jump=1).fit(weekly.reshape(-1, 1)).predict(
        pen=BREAK_PENALTY * noise ** 2 * np.log(weeks))
    inner = [b for b in breaks if b < weeks]
    return offset + 7 * inner[-1] if inner else 0
