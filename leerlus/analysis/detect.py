"""Finds the changes in one daily series: its baseline first, then level shifts, a trend and spikes."""

import numpy as np
import pandas as pd

from leerlus.analysis.baseline import Baseline
from leerlus.analysis.calibration import AlarmBudget
from leerlus.analysis.changes import Change, LevelShiftDetector, SpikeDetector, TrendDetector


class ChangeFinder:
    """fit(days, counts) finds changes_ (spikes, shifts or a trend) and learns baseline_ and adjusted_.

    The detectors are parameters, with the thresholds the alarm budget gave them. A trend and level
    shifts exclude each other: a series that grows steadily is one trend, not a staircase of steps.
    """

    def __init__(self, *, holidays=frozenset(), spikes=None, shifts=None, trends=None):
        self.holidays = holidays
        self.spikes = spikes or SpikeDetector()
        self.shifts = shifts or LevelShiftDetector()
        self.trends = trends or TrendDetector()

    @classmethod
    def for_budget(cls, budget: AlarmBudget, series: int, *, holidays=frozenset()) -> "ChangeFinder":
        """The detectors with the thresholds that the alarm budget gives when this many series are looked at."""
        return cls(
            holidays=holidays,
            spikes=SpikeDetector(threshold=budget.threshold("spike", series)),
            shifts=LevelShiftDetector(threshold=budget.threshold("level_shift", series)),
            trends=TrendDetector(threshold=budget.threshold("trend", series)),
        )

    def fit(self, days: pd.DatetimeIndex, counts: np.ndarray):
        first = Baseline(holidays=self.holidays).fit(days, counts)
        self.adjusted_ = first.adjusted_
        shifts = self.shifts.fit(first.adjusted_)
        trend = self.trends.fit(first.adjusted_).trend_
        steps = [] if trend else [shift.start for shift in shifts.shifts_]  # the level restarts at a reported step
        self.baseline_ = Baseline(holidays=self.holidays).fit(days, counts, steps)
        baseline = self.baseline_
        found: list[Change] = list(
            self.spikes.fit(counts, baseline.expected_, baseline.dispersion_, baseline.overdispersion_).spikes_
        )
        found = [change for change in found if change.start >= baseline.level_days]  # no history to judge it by yet
        self.changes_ = found + ([trend] if trend else list(shifts.shifts_))
        return self
