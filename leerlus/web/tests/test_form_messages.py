"""Form messages, shared by every form page: all at once, a summary linking to each field, the fields marked."""

import re

import pytest

pytestmark = pytest.mark.django_db

KADERS = {
    "min_team": "twee",
    "max_team": 6,
    "min_departments": 2,
    "all_worlds": "on",
    "max_months": "",
    "max_budget": "30000",
    "conditions": "",
    "decision_maker": "",
}


def test_every_mistake_of_a_form_shows_at_once_and_points_at_its_field(beheerder):
    html = beheerder.post("/proeftuin/kaders/", KADERS).content.decode()
    summary = html[html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))]
    assert 'role="alert"' in summary and "Verbeter deze 2 punten en probeer het opnieuw:" in summary
    assert re.findall(r'href="#(\w+)"', summary) == ["id_min_team", "id_max_months"]
    for field in ("min_team", "max_months"):
        tag = re.search(rf"<input[^>]* id=\"id_{field}\"[^>]*>", html).group(0)
        assert 'aria-invalid="true"' in tag and f"id_{field}_error" in tag
        assert f'id="id_{field}_error"' in html  # the message the field is described by
    assert "aria-invalid" not in re.search(r'<input[^>]* id="id_max_team"[^>]*>', html).group(0)


def test_a_page_without_mistakes_has_no_summary(beheerder):
    assert "error-summary" not in beheerder.get("/proeftuin/kaders/").content.decode()
