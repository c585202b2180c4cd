"""Synthetic daily counts with a known truth, for tests and benchmarks (as ruptures' pw_constant)."""

from datetime import date

import numpy as np
import pandas as pd

OFFICE_WEEK = (1.3, 1.1, 1.0, 1.0, 0.8, 0.0, 0.0)


def daily_counts(*, days=365, level=40.0, first_day=date(2025, 1, 1), week=OFFICE_WEEK, shifts=(), spikes=(),
                 trend=0.0, peaks=(), holidays=frozenset(), seed=0) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Poisson counts: level × weekday × (1 + shift after its day) × spikes × trend × yearly peaks.

    shifts: (day number, relative change); spikes: (day number, multiplier); trend: relative change
    over the whole series; peaks: (month, multiplier) every year; holidays: dates with no counts
    when the week has closed days.
    """
    index = pd.date_range(first_day, periods=days, freq="D")
    rate = np.full(days, level) * np.asarray(week)[index.day_of_week]
    for day, change in shifts:
        rate[day:] *= 1 + change
    for day, multiplier in spikes:
        rate[day] *= multiplier
    rate *= np.linspace(1.0, 1.0 + trend, days)
    for month, multiplier in peaks:
        rate[index.month == month] *= multiplier
    if 0.0 in week:
        rate[[d in holidays for d in index.date]] = 0.0
    return index, np.random.default_rng(seed).poisson(rate).astype(float)
