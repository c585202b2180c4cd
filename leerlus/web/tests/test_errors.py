"""One error path per face on the web: a refused form shows again with every message, a JSON twin answers
problem+json, and the 400, 403, 404 and 500 pages speak Dutch (or English) in the app's own layout."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.utils import translation

from leerlus.core.models import Department, Person
from leerlus.playground.models import Problem
from leerlus.web.error_pages import server_error

pytestmark = pytest.mark.django_db
PROBLEM_JSON = "application/problem+json"


def _page(answer, status: int) -> str:
    assert answer.status_code == status and answer["Content-Type"].startswith("text/html")
    html = answer.content.decode()
    assert 'class="brand"' in html, "the page is in the app's own layout"
    return html


def _problem(answer, status: int) -> dict:
    assert answer.status_code == status and answer["Content-Type"] == PROBLEM_JSON
    body = answer.json()
    assert set(body) >= {"type", "title", "status", "detail"} and body["status"] == status
    return body


@pytest.fixture
def lezer(beheerder):
    user = get_user_model().objects.create_user("lotte", password="x")
    Person.objects.create(name="Lotte", department=Department.objects.get(), role="lezer", user=user)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["/patronen/99999/", "/incidenten/99999/", "/proeftuin/experimenten/99999/"])
def test_a_missing_object_is_a_dutch_404_page_with_a_way_back(beheerder, path):
    html = _page(beheerder.get(path), 404)
    assert "Pagina niet gevonden" in html and 'href="/"' in html and "Naar de startpagina" in html


def test_an_unknown_address_is_a_404_page_also_before_logging_in(client):
    html = _page(client.get("/bestaat-niet/", headers={"Referer": "http://testserver/signalen/"}), 404)
    assert "Pagina niet gevonden" in html and "Terug naar de vorige pagina" in html


def test_the_404_page_speaks_english_with_the_language_cookie(beheerder):
    beheerder.cookies["django_language"] = "en"
    html = _page(beheerder.get("/patronen/99999/"), 404)
    assert "Page not found" in html and '<html lang="en">' in html


@pytest.mark.parametrize("headers, query", [({}, {"format": "json"}), ({"Accept": "application/json"}, {})])
def test_a_json_twin_of_a_missing_object_is_problem_json_404(beheerder, headers, query):
    assert _problem(beheerder.get("/patronen/99999/", query, headers=headers), 404)["title"] == "Pagina niet gevonden"


def test_an_id_that_is_no_number_in_the_address_is_a_404_not_a_500(beheerder):
    for query in ({"vraagstuk": "abc"}, {"vraagstuk": ""}, {"vraagstuk": "99999"}):
        _page(beheerder.get("/proeftuin/experimenten/nieuw/", query), 404)


def test_a_lezer_who_posts_gets_the_403_page_and_the_twin_problem_json(lezer):
    html = _page(lezer.post("/proeftuin/", {"title": "Mag niet"}), 403)
    assert "Dat mag u niet" in html and "U heeft de rol lezer en kunt niets wijzigen." in html
    assert _problem(lezer.post("/proeftuin/?format=json", {"title": "Mag niet"}), 403)["detail"].startswith("U heeft")


def test_the_500_page_is_dutch_and_in_the_layout():
    with translation.override("nl"):
        answer = server_error(RequestFactory().get("/"))
    assert answer.status_code == 500 and "Er ging iets mis" in answer.content.decode()
    assert 'class="brand"' in answer.content.decode()


def test_a_bad_filter_shows_the_page_with_every_message_and_without_the_bad_filters(beheerder):
    html = _page(beheerder.get("/signalen/", {"since": "gisteren", "channel": "fax", "words": "afval"}), 400)
    assert "Vanaf &#x27;gisteren&#x27; is geen datum; gebruik jjjj-mm-dd." in html
    assert "Onbekend kanaal &#x27;fax&#x27;." in html
    assert html.count('role="alert"') == 1 and 'value="afval"' in html, "the good filter stays"


def test_a_bad_filter_on_a_json_twin_is_problem_json_400(beheerder):
    body = _problem(beheerder.get("/signalen/", {"since": "gisteren", "format": "json"}), 400)
    assert body["title"] == "Ongeldige invoer" and body["detail"].startswith("Vanaf 'gisteren' is geen datum")


def test_a_refused_proposal_shows_all_its_mistakes_and_keeps_what_was_typed(beheerder):
    problem = Problem.objects.create(title="Bellers over afval")
    form = {"problem": problem.pk, "intervention": "Een WhatsApp-bot", "budget": "veel", "start": "morgen"}
    html = _page(beheerder.post(f"/proeftuin/experimenten/nieuw/?vraagstuk={problem.pk}", form), 400)
    for message in (
        "&#x27;veel&#x27; bij Budget is geen getal",
        "Start &#x27;morgen&#x27; is geen datum",
        "Einde &#x27;&#x27; is geen datum",
        "Vul de titel en de hypothese in",
        "Kies de teamleden.",
    ):
        assert message in html
    assert "Een WhatsApp-bot</textarea>" in html and 'value="veel"' in html


def test_a_form_choice_that_is_no_id_is_a_message_not_a_500(beheerder):
    html = _page(beheerder.post("/proeftuin/", {"title": "Afval", "service": "abc"}), 400)
    assert "Diensten &#x27;abc&#x27; is geen nummer uit de keuzelijst" in html
