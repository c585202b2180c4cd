"""A pattern linked to a problem: the playground owns the link and adds its part to the pattern page."""

from datetime import date

import pytest

from leerlus.patterns.models import Pattern
from leerlus.playground.models import Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def pattern():
    return Pattern.objects.create(
        kind="spike",
        start=date(2026, 3, 2),
        magnitude=0.9,
        score=12.0,
        figures={"before": 40.0, "after": 76.0},
        signature="spike|telefoon|||2026-03-02",
    )


def test_link_a_pattern_to_a_new_problem_from_its_page(beheerder, pattern):
    page = beheerder.get(f"/patronen/{pattern.pk}/").content.decode()
    assert (
        "Dit patroon hoort nog bij geen vraagstuk." in page and f"/proeftuin/patronen/{pattern.pk}/vraagstuk/" in page
    )
    answer = beheerder.post(f"/proeftuin/patronen/{pattern.pk}/vraagstuk/", {"problem": "", "title": "Afvalvragen"})
    assert answer.status_code == 302 and answer["Location"] == f"/patronen/{pattern.pk}/"
    pattern.refresh_from_db()
    assert pattern.status == "erkend" and list(pattern.problems.all()) == [Problem.objects.get(title="Afvalvragen")]
    assert "Afvalvragen" in beheerder.get(f"/patronen/{pattern.pk}/").content.decode()
    assert not Pattern.objects.filter(problems=None).exists()


def test_a_link_without_problem_or_title_shows_the_form_again_with_the_message(beheerder, pattern):
    answer = beheerder.post(f"/proeftuin/patronen/{pattern.pk}/vraagstuk/", {"problem": "", "title": " "})
    assert answer.status_code == 400
    assert "Kies een vraagstuk of geef een titel voor een nieuw vraagstuk." in answer.content.decode()
    assert not pattern.problems.exists()


def test_a_problem_that_is_no_number_is_refused(beheerder, pattern):
    answer = beheerder.post(f"/proeftuin/patronen/{pattern.pk}/vraagstuk/", {"problem": "abc"})
    assert answer.status_code == 400 and "Vraagstuk &#x27;abc&#x27; is geen nummer" in answer.content.decode()
