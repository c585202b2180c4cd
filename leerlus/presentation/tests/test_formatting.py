"""Numbers, money, percentages and dates read the same everywhere: the Dutch way in Dutch, the English way in
English."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from leerlus.presentation import formatting as f


@pytest.fixture
def dutch():
    with translation.override("nl"):
        yield


def test_dutch_numbers_money_and_percentages(dutch):
    assert f.number(73262) == "73.262"
    assert f.number(1.5, 1) == "1,5"
    assert f.number(0.746) == "1" and f.number(1.96, 1) == "2,0" and f.number(2.5) == "3"  # rounded, not cut off
    assert f.percent(0.899) == "90%"
    assert f.money(Decimal("12000")) == "€ 12.000"
    assert f.money(Decimal("12000.50")) == "€ 12.000,50"
    assert f.percent(0.9) == "90%"
    assert f.percent(0.125, 1) == "12,5%"
    assert f.change(0.2324) == "+23%" and f.change(-0.104) == "−10%" and f.change(0.001) == "0%"
    assert f.signed(-2.34) == "−2,3" and f.signed(1.5) == "+1,5"


def test_no_percentage_from_a_zero_baseline(dutch):
    assert f.change_from(0.0, 8.0) == "nieuw: 8 per dag"
    assert f.change_from(0.2, 1.5) == "nieuw: 1,5 per dag"
    assert f.change_from(10.0, 12.0) == "+20%"


def test_one_dutch_date_style_for_dates_times_and_iso_strings(dutch):
    assert f.day(date(2026, 3, 3)) == "3 maart 2026"
    assert f.day("2026-03-03") == "3 maart 2026"
    assert f.moment(datetime(2026, 3, 3, 13, 5, tzinfo=ZoneInfo("UTC"))) == "3 maart 2026 14:05"
    assert f.month("2026-03") == "maart 2026"


def test_english_formats_in_the_english_interface():
    with translation.override("en"):
        assert f.number(73262) == "73,262"
        assert f.number(1.5, 1) == "1.5"
        assert f.money(Decimal("12000.50")) == "€12,000.50"
        assert f.day(date(2026, 3, 3)) == "March 3, 2026"
        assert f.method("its-control") == "interrupted time series, against control series"


def test_nothing_before_and_nothing_now_is_no_change(dutch):
    assert f.change_from(0.0, 0.1) == "—"
