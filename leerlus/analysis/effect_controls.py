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
LEAD_IN_WEEKS = 13


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


def choose_controls(y: pd.Series, candidates: dict[str, pd.Series], start: int, unusual: np.ndarray) -> list[str]:
    """Up to three candidates whose sum keeps the steadiest ratio to the metric before the start (weekly
    sums on the metric's usual days, log scale).

    A steady ratio is exactly what the counterfactual assumes; unsteadiness is the spread of the weekly
    log-ratio. The steadiest candidate comes first; the next are added only while they make the ratio of
    the sum steadier still. A candidate with its own trend or jump makes the ratio swing and ranks low.
    The metric's `unusual` days (closed, catch-up) do not count, so a control that stays open on
    holidays is compared on the metric's ordinary days only.
    """
    if start // 7 < 4:
        return []
    metric, sums = _weekly_sums(y, candidates, start, ~unusual)
    ranked = sorted(sums, key=lambda name: np.std(metric - np.log1p(sums[name])))
    chosen, best = [], np.inf
    for name in ranked[:MAX_CONTROLS]:
        score = float(np.std(metric - np.log1p(sum(sums[n] for n in [*chosen, name]))))
        if score < best:
            chosen, best = [*chosen, name], score
    return chosen


def off_season(
    y: pd.Series, candidates: dict[str, pd.Series], start: int, unusual: np.ndarray, horizon: int
) -> set[str]:
    """The candidates with a season of their own in the weeks measured (passports in spring), which may
    hardly show in a whole year's spread and yet lead the counterfactual astray in exactly those weeks.

    Needs a year of history. For each candidate the weekly log-ratio's move from the last quarter before
    the start (whose level the counterfactual carries on) to the same weeks a year before the `horizon`
    days after the start is compared with the median candidate's move; more than 2.5 standard errors
    (from the spread of the other weeks) apart is a season of its own. A change of the metric itself (a
    trend, a jump, its own season) moves every ratio alike and leaves none out; a candidate's jump
    before the season weeks does not count either (last_break deals with jumps); with fewer than three
    candidates nothing tells whose season it is. Weekly noise alone puts about 1 good candidate in 80
    beyond the bound.
    """
    weeks = start // 7
    if weeks < 52:
        return set()
    metric, sums = _weekly_sums(y, candidates, start, ~unusual)
    season = np.arange(weeks - 52, min(weeks, weeks - 52 + -(-horizon // 7)))
    lead_in = np.arange(max(season[-1] + 1, weeks - LEAD_IN_WEEKS), weeks)
    others = np.setdiff1d(np.arange(weeks), season)
    if len(sums) < 3 or len(lead_in) < 2:
        return set()
    moves, errors = {}, {}
    for name, weekly in sums.items():
        ratio = metric - np.log1p(weekly)
        moves[name] = ratio[season].mean() - ratio[lead_in].mean()
        errors[name] = np.std(ratio[others]) * np.sqrt(1 / len(season) + 1 / len(lead_in))
    typical = float(np.median(list(moves.values())))
    return {name for name in sums if abs(moves[name] - typical) > OFF_SEASON_Z * errors[name]}


def _weekly_sums(
    y: pd.Series, candidates: dict[str, pd.Series], start: int, usual: np.ndarray
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The metric's weekly log counts and each large enough candidate's weekly sums, over the whole
    weeks before the start and the metric's usual days only."""
    weeks = start // 7
    window = slice(start - 7 * weeks, start)

    def weekly(series):
        return (series.iloc[window].to_numpy() * usual[window]).reshape(weeks, 7).sum(axis=1)

    return np.log1p(weekly(y)), {
        name: weekly(series) for name, series in candidates.items() if series.iloc[:start].mean() >= MIN_MEAN_PER_DAY
    }


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
    breaks = (
        ruptures.Pelt(model="l2", min_size=MIN_WEEKS_BETWEEN_BREAKS, jump=1)
        .fit(weekly.reshape(-1, 1))
        .predict(pen=BREAK_PENALTY * noise**2 * np.log(weeks))
    )
    inner = [b for b in breaks if b < weeks]
    return offset + 7 * inner[-1] if inner else 0
