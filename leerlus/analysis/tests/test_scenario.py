"""The realistic municipality gives what it promises: real-looking counts, closed days, seasons, events, scale."""

from datetime import date

import holidays
import numpy as np
import pandas as pd
import pytest

from leerlus.analysis import scenario

CLOSED = holidays.country_holidays("NL", years=[2025, 2026])


@pytest.fixture(scope="module")
def town():
    return scenario.municipality(seed=0)


def _daily(frame, **fields) -> pd.Series:
    """Signals per day of the part of `frame` with these field values, every day of the data included."""
    mask = np.ones(len(frame), dtype=bool)
    for name, value in fields.items():
        mask &= frame[name].to_numpy() == value
    days = pd.date_range(frame["day"].min(), frame["day"].max(), freq="D")
    return frame[mask].groupby("day").size().reindex(days.date, fill_value=0).set_axis(days).astype(float)


def _dispersion(counts: pd.Series) -> tuple[float, float]:
    """The negative-binomial k (variance = mu + mu²/k) and the variance-to-mean ratio around the local mean
    (weekday × a five-week moving level), by the method of moments, public holidays left out."""
    y = counts.to_numpy()
    usable = np.array([d not in CLOSED for d in counts.index.date])
    weekday = counts.index.day_of_week.to_numpy()
    factor = np.array([y[usable & (weekday == d)].mean() for d in range(7)])
    factor /= factor.mean()
    level = pd.Series(y / factor[weekday]).where(usable).rolling(35, center=True, min_periods=20).mean().to_numpy()
    mu = level * factor[weekday]
    ok = usable & np.isfinite(mu)
    y, mu = y[ok], mu[ok]
    return float((mu**2).sum() / ((y - mu) ** 2 - mu).sum()), float(((y - mu) ** 2 / mu).mean())


def test_a_quiet_series_is_overdispersed_as_planted(town):
    frame, _truth = town
    k, ratio = _dispersion(_daily(frame, channel="app", service="Parkeren"))
    low, high = scenario.DISPERSION
    assert 0.75 * low <= k <= 1.35 * high
    assert ratio > 1.6  # about 1 + mu/k; a Poisson series gives 1


def test_a_fixed_dispersion_is_recovered():
    frame, _truth = scenario.municipality(dispersion=(10.0, 10.0), seed=4)
    k, _ratio = _dispersion(_daily(frame, channel="app", service="Parkeren"))
    assert 8 <= k <= 13


def test_staffed_channels_close_on_kings_day_and_catch_up_the_next_working_day(town):
    frame, _truth = town
    phone = _daily(frame, channel="telefoon")
    assert phone["2026-04-27"] == 0 and _daily(frame, channel="balie")["2026-04-27"] == 0
    other_tuesdays = phone[["2026-04-14", "2026-04-21", "2026-05-05", "2026-05-12"]].mean()
    assert phone["2026-04-28"] > 1.4 * other_tuesdays
    assert (phone[phone.index.day_of_week >= 5] == 0).all()
    website = _daily(frame, channel="website")
    assert website["2026-04-27"] > 0 and (website[website.index.day_of_week >= 5] > 0).all()


@pytest.mark.parametrize(
    "service, season, quiet, rise",
    [
        ("Belastingen", ("02-10", "02-24"), ("01-07", "01-28"), 1.8),
        ("Burgerzaken", ("04-01", "04-30"), ("01-07", "01-28"), 1.4),
    ],
)
def test_a_season_comes_in_both_years_on_every_channel(town, service, season, quiet, rise):
    frame, truth = town
    for channel, share in scenario.SERVICES[service][1].items():
        if share < 0.1:
            continue  # a couple of signals a day: too few to see the rise in three weeks
        counts = _daily(frame, channel=channel, service=service)
        for year in (2025, 2026):
            inside = counts[f"{year}-{season[0]}" : f"{year}-{season[1]}"].mean()
            before = counts[f"{year}-{quiet[0]}" : f"{year}-{quiet[1]}"].mean()
            assert inside > rise * before, (channel, year)
    seasons = [e for e in truth if e.kind == "season" and e.services == (service,)]
    assert [(e.start.year, e.first_year_season) for e in seasons] == [(2025, True), (2026, False)]


def test_the_storm_has_its_facets_and_its_words_only_on_its_days(town):
    frame, truth = town
    storm = next(e for e in truth if e.name == "storm")
    phone = _daily(frame, channel="telefoon", service="Afval")
    usual = phone[pd.Timestamp(storm.start) - pd.Timedelta(days=28) : pd.Timestamp(storm.start) - pd.Timedelta(days=1)]
    assert phone[pd.Timestamp(storm.start)] > 3 * usual[usual > 0].mean()
    stormy = frame["text"].str.contains(r"\bomgewaaid\b")
    assert set(frame.loc[stormy, "day"]) == {storm.start, storm.end}
    assert set(frame.loc[stormy, "channel"]) == set(storm.channels)


def test_lasting_events_change_their_series_from_their_day(town):
    frame, truth = town
    for name in ("afvalpas", "whatsapp-bot"):
        event = next(e for e in truth if e.name == name)
        counts = _daily(frame, channel=event.metric[0], service=event.metric[1])
        start = pd.Timestamp(event.start)
        before = counts[start - pd.Timedelta(days=56) : start - pd.Timedelta(days=1)].sum()
        after = counts[start : start + pd.Timedelta(days=55)].sum()
        assert after / before - 1 == pytest.approx(event.magnitude, abs=0.15), name
    first_pass = frame.loc[frame["text"].str.contains(r"\bafvalpas\b"), "day"].min()
    assert first_pass == next(e for e in truth if e.name == "afvalpas").start


def test_volume_scales_every_series():
    small, _ = scenario.municipality(volume=0.25, seed=1)
    normal, _ = scenario.municipality(volume=1.0, seed=1)
    assert len(normal) == pytest.approx(233_000, rel=0.03)
    assert len(small) == pytest.approx(233_000 / 4, rel=0.03)
    per_series = normal.groupby(["channel", "service"]).size() / small.groupby(["channel", "service"]).size()
    assert per_series.between(3.5, 4.5).all()


def test_the_same_seed_gives_the_same_municipality():
    first, truth = scenario.municipality(volume=0.25, seed=7)
    again, truth_again = scenario.municipality(volume=0.25, seed=7)
    other, _ = scenario.municipality(volume=0.25, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert truth == truth_again
    assert len(other) != len(first) or not first["text"].equals(other["text"])


def test_the_truth_stays_inside_the_data():
    frame, truth = scenario.municipality(volume=0.25, months=6, seed=2)
    last = frame["day"].max()
    assert last == date(2025, 6, 30)
    assert all(e.start <= last for e in truth)
    assert {e.name for e in truth if e.news} == {"portaal"}
    assert not frame["text"].str.contains(r"\bstorm\b").any()
