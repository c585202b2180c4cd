"""A problem's trend is a percentage only from a real baseline: from nothing it says "nieuw: 8 per dag"."""

from datetime import date, timedelta

import pytest

from leerlus.core.models import Service
from leerlus.patterns.models import SeriesCount
from leerlus.playground.models import Problem

pytestmark = pytest.mark.django_db
LAST = date(2026, 3, 31)


def problem_with(before_per_day: int, last_per_day: int) -> Problem:
    service = Service.objects.create(name="Parkeren")
    for back in range(56):
        n = last_per_day if back < 28 else before_per_day
        if n:
            SeriesCount.objects.create(day=LAST - timedelta(days=back), channel="social", service=service, count=n)
    problem = Problem.objects.create(title="Parkeerapp")
    problem.services.add(service)
    return problem


def test_from_zero_the_trend_says_new_and_how_many(beheerder):
    problem = problem_with(before_per_day=0, last_per_day=8)
    page = beheerder.get("/proeftuin/").content.decode()
    assert "nieuw: 8 per dag" in page and "Sociale media" not in page  # the table counts channels
    detail = beheerder.get(f"/proeftuin/vraagstukken/{problem.pk}/").content.decode()
    assert "nieuw: 8 per dag" in detail and "Sociale media" in detail


def test_from_a_real_baseline_the_trend_is_a_signed_percentage(beheerder):
    problem_with(before_per_day=10, last_per_day=12)
    assert "+20%" in beheerder.get("/proeftuin/").content.decode()
