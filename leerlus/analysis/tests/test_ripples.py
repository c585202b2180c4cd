"""Ripples: a change that waits for its cause is one; one event on two channels the same day is not."""

import numpy as np

from leerlus.analysis.changes import Change
from leerlus.analysis.keys import SeriesKey
from leerlus.analysis.ripples import find_ripples

PORTAL, PHONE = SeriesKey("website", "Vergunning"), SeriesKey("telefoon", "Vergunning")


def _shift(start):
    return Change("level_shift", start, None, 1.0, 20.0, 20.0, 20.0, 40.0)


def _series(step_day, seed):
    counts = np.random.default_rng(seed).poisson(20.0, 120).astype(float)
    counts[step_day:] = np.random.default_rng(seed + 1).poisson(40.0, 120 - step_day)
    return counts


def test_a_change_that_follows_its_cause_days_later_is_a_ripple():
    adjusted = {PORTAL: _series(60, 1), PHONE: _series(63, 3)}
    ripples = find_ripples([(PORTAL, _shift(60)), (PHONE, _shift(63))], adjusted)
    assert [(r.cause, r.effect, r.lag_days) for r in ripples] == [(PORTAL, PHONE, 3)]


def test_one_event_on_both_channels_is_no_ripple_even_when_one_day_comes_out_early():
    adjusted = {PORTAL: _series(63, 1), PHONE: _series(63, 3)}  # both really rose on day 63
    assert find_ripples([(PORTAL, _shift(60)), (PHONE, _shift(63))], adjusted) == []
