"""Effect estimates: a planted effect is recovered, no effect is not invented, too little data is said."""

import holidays
import numpy as np
import pytest

from leerlus.analysis import synthetic
from leerlus.analysis.effect import EffectEstimator

START = 240
PUBLIC_HOLIDAYS = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))
SPRING = 439  # 2026-03-16; the 90 days after hold Good Friday, Easter Monday, King's Day, Ascension Day, Whit Monday


def _estimate(effect, seed, *, controls=True, level=40.0):
    metric, others = synthetic.experiment_series(effect=effect, start=START, level=level, seed=seed)
    return EffectEstimator().fit(metric, others if controls else {}, metric.index[START]).estimate_


@pytest.mark.slow
@pytest.mark.parametrize("effect", [-0.35, -0.2, 0.25])
def test_a_planted_effect_is_recovered_within_8_points_and_covered(effect):
    estimates = [_estimate(effect, seed) for seed in range(10)]
    errors = [abs(e.relative_effect - effect) for e in estimates]
    assert np.median(errors) < 0.04
    assert sum(error <= 0.08 for error in errors) >= 9
    assert sum(e.ci_low <= effect <= e.ci_high for e in estimates) >= 9
    assert all(e.method in ("its-control", "sts-control") and e.control for e in estimates)


@pytest.mark.slow
def test_without_an_effect_the_interval_covers_zero_in_at_least_90_percent_of_trials():
    estimates = [_estimate(0.0, seed) for seed in range(200, 240)]
    covered = sum(e.ci_low <= 0.0 <= e.ci_high for e in estimates)
    assert covered >= 36


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_earlier_change_in_the_metric_is_left_out_of_its_past(seed):
    metric, others = synthetic.experiment_series(effect=-0.3, earlier_shift=(100, 0.8), seed=seed)
    estimate = EffectEstimator().fit(metric, others, metric.index[START]).estimate_
    assert abs(estimate.relative_effect + 0.3) <= 0.08 and estimate.ci_low <= -0.3 <= estimate.ci_high
    assert estimate.reasons[0] == "changed_before_start" and estimate.changed_on.startswith("2025-04")


def test_without_control_series_the_own_past_is_used():
    estimate = _estimate(-0.35, seed=7, controls=False)
    assert estimate.method in ("its", "sts") and estimate.control == []
    assert estimate.ci_low <= -0.35 <= estimate.ci_high


def test_the_page_gets_the_observed_and_counterfactual_days_and_the_reasons_as_codes():
    estimate = _estimate(-0.35, seed=3)
    assert len(estimate.days) == len(estimate.observed) == len(estimate.counterfactual) == 300 - START
    assert np.mean(estimate.observed) < 0.75 * np.mean(estimate.counterfactual)
    assert estimate.absolute_per_day < 0
    assert "placebo_backtests" in estimate.reasons and estimate.placebo_runs > 0
    assert set(estimate.placebo_error) == {"its-control", "sts-control"}


def test_too_few_days_after_the_start_says_how_many_are_still_needed():
    metric, others = synthetic.experiment_series(days=250, start=240, seed=1)
    estimate = EffectEstimator().fit(metric, others, metric.index[240]).estimate_
    assert not estimate.enough_data and estimate.relative_effect is None
    assert estimate.days_needed == 4
    assert estimate.reasons == ["too_few_days_after"]


def test_too_short_a_history_before_the_start_is_said():
    metric, others = synthetic.experiment_series(days=100, start=30, seed=1)
    estimate = EffectEstimator().fit(metric, others, metric.index[30]).estimate_
    assert not estimate.enough_data and estimate.days_needed == 26
    assert estimate.reasons == ["too_few_days_before"]


def test_a_nearly_empty_series_is_not_measured():
    metric, others = synthetic.experiment_series(level=0.3, seed=1)
    estimate = EffectEstimator().fit(metric, others, metric.index[START]).estimate_
    assert not estimate.enough_data and estimate.reasons == ["too_few_signals"]
    assert estimate.mean_per_day_before < 1


def test_the_end_date_limits_the_period_after_the_start():
    metric, others = synthetic.experiment_series(effect=-0.35, seed=2)
    estimate = EffectEstimator().fit(metric, others, metric.index[START], metric.index[START + 29]).estimate_
    assert len(estimate.days) == 30 and estimate.days[-1] == metric.index[START + 29].date().isoformat()


def _phone_estimate(seed, **options):
    """Phone calls (closed at weekends and on public holidays, half of a closed day's calls come the next
    working day) down 35% against two online channels; negative-binomial counts (k = 10); a year of
    history and 90 days after the start."""
    metric, others = synthetic.experiment_series(
        days=SPRING + 90,
        start=SPRING,
        effect=-0.35,
        week=synthetic.OFFICE_WEEK,
        control_week=synthetic.ONLINE_WEEK,
        holidays=PUBLIC_HOLIDAYS,
        dispersion=10,
        seed=seed,
        **options,
    )
    return EffectEstimator(holidays=PUBLIC_HOLIDAYS).fit(metric, others, metric.index[SPRING]).estimate_


def test_no_calls_are_expected_on_the_public_holidays_the_phone_line_is_closed():
    estimate = _phone_estimate(seed=1)
    assert estimate.closed_holidays == ["2026-04-03", "2026-04-06", "2026-04-27", "2026-05-14", "2026-05-25"]
    expected = dict(zip(estimate.days, estimate.counterfactual))
    assert all(expected[day] == 0 for day in estimate.closed_holidays)
    assert all(expected[day] == 0 for day in estimate.days if np.datetime64(day).astype(object).weekday() >= 5)
    assert expected["2026-04-07"] > 1.3 * expected["2026-04-14"]  # the catch-up after Easter Monday
    low, high = (
        dict(zip(estimate.days, estimate.counterfactual_low)),
        dict(zip(estimate.days, estimate.counterfactual_high)),
    )
    assert all(low[day] <= expected[day] <= high[day] for day in estimate.days)


@pytest.mark.slow
def test_across_public_holidays_the_effect_is_right_within_the_noise_of_the_counts():
    """With k = 10 the counts alone make one estimate scatter some 4–5 points around the truth, so the
    bar (within 5 points, a 95% interval that covers it) is checked over 20 seeds: no bias (before
    closed days were known the estimates were 2.6 points too low on average on these seeds), a mean
    error within 5 points and at least 18 of 20 intervals covering the truth."""
    estimates = [_phone_estimate(seed) for seed in range(20)]
    errors = np.array([e.relative_effect + 0.35 for e in estimates])
    assert abs(errors.mean()) <= 0.015
    assert np.abs(errors).mean() <= 0.05
    assert sum(e.ci_low <= -0.35 <= e.ci_high for e in estimates) >= 18


@pytest.mark.parametrize("seed", range(4))
def test_a_control_with_a_season_the_metric_lacks_is_left_out(seed):
    metric, others = synthetic.experiment_series(
        days=SPRING + 90,
        start=SPRING,
        effect=-0.35,
        control_levels=(60.0, 30.0, 60.0),
        control_peaks=((4, 1.6), (5, 1.6)),
        seed=seed,
    )
    estimate = EffectEstimator().fit(metric, others, metric.index[SPRING]).estimate_
    assert estimate.control and "controle 3" not in estimate.control
    assert abs(estimate.relative_effect + 0.35) <= 0.05 and estimate.ci_low <= -0.35 <= estimate.ci_high
