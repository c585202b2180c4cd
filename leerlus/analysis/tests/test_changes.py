"""Changes in one series: planted spikes, shifts and trends are found; rhythms are not alerted."""

from datetime import date

import holidays
import numpy as np
import pytest

from leerlus.analysis import synthetic
from leerlus.analysis.calibration import AlarmBudget
from leerlus.analysis.detect import ChangeFinder

CLOSED = frozenset(holidays.country_holidays("NL", years=range(2024, 2028)))
ONLINE_WEEK = (1.1, 1.05, 1.0, 1.0, 0.95, 0.6, 0.6)


def _find(days, counts):
    """As in a municipality where about a hundred series are looked at, with the default alarm budget."""
    changes = ChangeFinder.for_budget(AlarmBudget(), 100, holidays=CLOSED).fit(days, counts).changes_
    trend = next((c for c in changes if c.kind == "trend"), None)
    return [c for c in changes if c.kind == "spike"], [c for c in changes if c.kind == "level_shift"], trend


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_planted_level_shift_is_found_near_its_day(seed):
    days, counts = synthetic.daily_counts(days=365, shifts=[(120, 0.9)], holidays=CLOSED, seed=seed)
    spikes, shifts, trend = _find(days, counts)
    assert any(abs(s.start - 120) <= 3 and 0.6 < s.magnitude < 1.2 for s in shifts)
    assert trend is None and not any(110 <= s.start <= 150 for s in spikes)  # the new level is no string of spikes


def test_a_planted_spike_is_found():
    days, counts = synthetic.daily_counts(days=365, spikes=[(198, 5.0)], holidays=CLOSED, seed=4)
    spikes, shifts, trend = _find(days, counts)
    assert [s.start for s in spikes] == [198] and shifts == [] and trend is None


@pytest.mark.slow
@pytest.mark.parametrize("dispersion", [None, 10.0])
def test_quiet_series_stay_within_the_alarm_budget_at_any_volume(dispersion):
    """The trivial baseline to beat: quiet series have nothing to report, busy or small, Poisson or over-dispersed.

    The budget for a hundred series allows 0.35 false spike cards and 0.35 false shift cards a month
    in all; these 36 series of 13 months may hold about 1.6 + 1.6 by chance, and hold no trend.
    """
    spikes = shifts = 0
    for seed, level in enumerate(np.repeat([3.0, 40.0, 400.0, 3000.0], 9)):
        week = ONLINE_WEEK if seed % 2 else synthetic.OFFICE_WEEK
        days, counts = synthetic.daily_counts(
            days=400, level=level, week=week, holidays=CLOSED, dispersion=dispersion, seed=seed
        )
        found_spikes, found_shifts, trend = _find(days, counts)
        spikes, shifts = spikes + len(found_spikes), shifts + len(found_shifts)
        assert trend is None
    assert spikes <= 5 and shifts <= 5


def test_a_slow_trend_is_a_trend_not_a_staircase_of_shifts():
    days, counts = synthetic.daily_counts(days=500, trend=2.0, week=ONLINE_WEEK, seed=5)
    _spikes, _shifts, trend = _find(days, counts)
    assert trend is not None and 1.5 < trend.magnitude < 2.6


def test_holidays_and_weekends_of_a_closed_counter_are_rhythm():
    days, counts = synthetic.daily_counts(days=500, first_day=date(2025, 1, 1), holidays=CLOSED, seed=6)
    assert _find(days, counts) == ([], [], None)  # Easter, King's Day, Christmas: closed, not a drop


def test_a_yearly_peak_is_news_the_first_time_and_rhythm_the_second():
    days, counts = synthetic.daily_counts(
        days=560, first_day=date(2025, 3, 1), peaks=[(6, 1.8)], holidays=CLOSED, seed=7
    )
    _spikes, shifts, _trend = _find(days, counts)
    first_june, second_june = 92, 92 + 365
    assert any(abs(s.start - first_june) <= 3 for s in shifts)
    assert not any(s.start > second_june - 20 for s in shifts)


def test_a_short_yearly_peak_is_rhythm_once_it_came_twice():
    """Fireworks complaints around New Year: a three-day peak every year, news only the first two times."""
    days, counts = synthetic.daily_counts(
        days=3 * 365 + 30, first_day=date(2022, 6, 1), week=ONLINE_WEEK, level=2.0, seed=8
    )
    new_years = [i for i, day in enumerate(days) if (day.month, day.day) in ((12, 29), (12, 30), (12, 31))]
    counts[new_years] += np.random.default_rng(9).poisson(30, len(new_years))
    spikes, _shifts, _trend = _find(days, counts)
    seasons = sorted(
        {days[s.start].year + (days[s.start].month == 1) for s in spikes if days[s.start].month in (12, 1)}
    )
    assert seasons[:2] == [2022, 2023] and 2024 not in seasons
