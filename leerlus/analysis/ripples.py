"""Ripples: a change in one series followed within days by a change in another channel or service.

Candidates are level shifts and spikes. A pair counts when the effect starts 1–14 days after the
cause and both share a subject: the same service or topic in another channel (the citizen moves
to another channel), or the same topic in another service. Two unrelated services that happen to
change in the same fortnight are not connected. A same-day change in two
series cannot be told apart from one shared cause at day resolution, so it is one event seen in
several series (merged in `patterns.py`), not a ripple. Nor is a change that a small series
shows a few days late: the effect series must still be at its old level between cause and effect.
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

from leerlus.analysis.changes import Change
from leerlus.analysis.keys import SeriesKey


@dataclass(frozen=True)
class Ripple:
    cause: SeriesKey
    effect: SeriesKey
    cause_change: Change
    effect_change: Change
    lag_days: int
    score: float


def related(a: SeriesKey, b: SeriesKey) -> bool:
    """Two different, non-nested series that a ripple can plausibly connect."""
    if a.contains(b) or b.contains(a):
        return False
    other_channel = a.channel and b.channel and a.channel != b.channel
    other_service = a.service and b.service and a.service != b.service
    same_topic = a.topic is not None and a.topic == b.topic
    same_service = a.service and a.service == b.service
    return bool((other_channel and (same_service or same_topic)) or (other_service and same_topic))


def waited(adjusted: np.ndarray, cause_day: int, effect: Change, window: int = 28) -> bool:
    """True when the (deseasonalised) series had not yet moved halfway between cause and effect.

    The new level is the spike itself for a spike, the four weeks from the effect for a shift.
    """
    before = np.nanmean(adjusted[max(0, cause_day - window) : cause_day]) if cause_day else np.nan
    gap = adjusted[cause_day : effect.start]
    after = adjusted[effect.start : (effect.end + 1) if effect.kind == "spike" else effect.start + window]
    if np.isnan(before) or not np.isfinite(gap).any() or not np.isfinite(after).any():
        return False
    step = np.nanmean(after) - before
    if (np.nanmean(gap) - before) * np.sign(step) >= 0.5 * abs(step):
        return False
    # And the quiet gap must be unlikely under the new level: one low day in a small series is chance.
    open_days = np.isfinite(gap).sum()
    expected_at_new_level = np.nanmean(after) * open_days
    if step > 0:
        return bool(stats.poisson.cdf(np.nansum(gap), expected_at_new_level) < 0.01)
    return bool(stats.poisson.sf(np.nansum(gap) - 1, expected_at_new_level) < 0.01)


def moved_first(adjusted: np.ndarray, cause: Change, effect_day: int, window: int = 28) -> bool:
    """True when the cause had really moved (at least halfway) in the days before the effect began.

    A change day can come out a few days early; without this check an event that hit two channels on
    the same day could read as a ripple from the one whose day came out earlier.
    """
    before = np.nanmean(adjusted[max(0, cause.start - window) : cause.start]) if cause.start else np.nan
    lead = adjusted[cause.start : (cause.end + 1) if cause.kind == "spike" else effect_day]
    after = adjusted[cause.start : (cause.end + 1) if cause.kind == "spike" else cause.start + window]
    if np.isnan(before) or not np.isfinite(lead).any() or not np.isfinite(after).any():
        return False
    step = np.nanmean(after) - before
    if (np.nanmean(lead) - before) * np.sign(step) < 0.5 * abs(step):
        return False
    # And the move must be more than chance at the old level: a few signals in a small series are not.
    expected_at_old_level = max(before, 0.0) * np.isfinite(lead).sum()
    if step > 0:
        return bool(stats.poisson.sf(np.nansum(lead) - 1, expected_at_old_level) < 0.01)
    return bool(stats.poisson.cdf(np.nansum(lead), expected_at_old_level) < 0.01)


def find_ripples(
    changes: list[tuple[SeriesKey, Change]], adjusted: dict[SeriesKey, np.ndarray], *, min_lag=1, max_lag=14
) -> list[Ripple]:
    """The strongest cause for each effect. adjusted: each series without its weekday and yearly rhythm."""
    candidates = [(k, c) for k, c in changes if c.kind in ("level_shift", "spike")]
    best: dict[tuple[SeriesKey, int], Ripple] = {}
    for cause_key, cause in candidates:
        for effect_key, effect in candidates:
            lag = effect.start - cause.start
            if not min_lag <= lag <= max_lag or not related(cause_key, effect_key):
                continue
            if not waited(adjusted[effect_key], cause.start, effect) or not moved_first(
                adjusted[cause_key], cause, effect.start
            ):
                continue
            score = min(cause.score, effect.score) / (1 + 0.1 * lag)
            slot = (effect_key, effect.start)
            if slot not in best or score > best[slot].score:
                best[slot] = Ripple(cause_key, effect_key, cause, effect, lag, score)
    return sorted(best.values(), key=lambda r: -r.score)
