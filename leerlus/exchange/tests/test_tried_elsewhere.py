"""'Elders geprobeerd' on a problem page: lessons of other municipalities that share a service (by UPL code or name)
or words with the problem, most similar first; the lessons library filters own / other municipalities and outcome."""

from datetime import UTC, datetime

import pytest

from leerlus.core.models import Service
from leerlus.exchange.models import ForeignLesson, Subscription
from leerlus.playground.models import Lesson, Problem


def _lesson(subscription, title, *, services=(), learned="Niets bijzonders", outcome="geslaagd"):
    return ForeignLesson.objects.create(
        subscription=subscription,
        uri=f"http://elders.example/lessen/{title}",
        municipality="Gemeente Katwijk",
        licence="CC0-1.0",
        title=title,
        problem="",
        tried="Iets",
        happened="Iets",
        learned=learned,
        outcome=outcome,
        services=[{"name": name, "upl": upl, "upl_uri": None} for name, upl in services],
        updated=datetime(2026, 10, 1, tzinfo=UTC),
    )


@pytest.fixture
def elsewhere(db):
    subscription = Subscription.objects.create(url="http://elders.example/uitwisseling/lessen.json")
    problem = Problem.objects.create(
        title="Veel vragen over de afvalpas", description="Bellers weten de ophaaldag niet"
    )
    problem.services.add(Service.objects.create(name="Afval en containers"))
    return problem, {
        "upl": _lesson(subscription, "Chatbot huisvuil", services=[("Huisvuil", "afvalcontainer")], outcome="mislukt"),
        "words": _lesson(subscription, "Ophaaldag in de app", learned="De afvalpas en de ophaaldag samen tonen"),
        "both": _lesson(subscription, "Afvalpas online", services=[("Afval en containers", None)], learned="afvalpas"),
        "other": _lesson(subscription, "Parkeren", services=[("Parkeervergunning", "parkeervergunning")]),
    }


def test_lessons_that_share_a_service_or_words_come_first(elsewhere, beheerder):
    problem, lessons = elsewhere
    page = beheerder.get(f"/proeftuin/vraagstukken/{problem.pk}/").content.decode()
    section = page[page.index("Elders geprobeerd") :]
    shown = [title for title in ("Afvalpas online", "Chatbot huisvuil", "Ophaaldag in de app") if title in section]
    assert shown == ["Afvalpas online", "Chatbot huisvuil", "Ophaaldag in de app"]
    assert sorted(shown, key=section.index) == shown
    assert "Parkeren" not in section and "Gemeente Katwijk" in section and "mislukt" in section


def test_the_library_filters_own_and_other_municipalities_and_outcome(elsewhere, beheerder):
    Lesson.objects.create(title="Onze eigen les", tried="t", happened="h", learned="l", outcome="mislukt")
    everything = beheerder.get("/proeftuin/lessen/").content.decode()
    assert "Onze eigen les" in everything and "Chatbot huisvuil" in everything
    own = beheerder.get("/proeftuin/lessen/", {"origin": "eigen"}).content.decode()
    assert "Onze eigen les" in own and "Chatbot huisvuil" not in own
    other_failures = beheerder.get("/proeftuin/lessen/", {"origin": "elders", "outcome": "mislukt"}).content.decode()
    assert "Onze eigen les" not in other_failures and "Chatbot huisvuil" in other_failures
    assert "Parkeren" not in other_failures


def test_the_librarys_json_twin_has_the_same_lessons_as_the_page(elsewhere, beheerder):
    Lesson.objects.create(title="Onze eigen les", tried="t", happened="h", learned="l", outcome="mislukt")

    def twin(**query):
        document = beheerder.get("/proeftuin/lessen/", {**query, "format": "json"}).json()
        return [lesson["title"] for lesson in document["lessons"]], [
            lesson["title"] for lesson in document["elsewhere"]
        ]

    own, others = twin()
    assert own == ["Onze eigen les"] and len(others) == 4
    assert twin(origin="eigen") == (["Onze eigen les"], [])
    assert twin(origin="elders", outcome="mislukt") == ([], ["Chatbot huisvuil"])
    assert sorted(twin(q="afvalpas", origin="elders")[1]) == ["Afvalpas online", "Ophaaldag in de app"]
    lesson = beheerder.get("/proeftuin/lessen/", {"origin": "elders", "outcome": "mislukt", "format": "json"}).json()
    assert lesson["elsewhere"][0]["municipality"] == "Gemeente Katwijk" and lesson["elsewhere"][0]["failure"] is True
    assert lesson["elsewhere"][0]["services"] == ["Huisvuil"]


def test_the_monthly_brief_lists_new_lessons_that_match_an_open_problem(elsewhere, beheerder):
    brief = beheerder.get("/ritme/maandbrief/", {"maand": "2026-10", "format": "json"}).json()
    listed = [(lesson["title"], lesson["problem"]) for lesson in brief["lessons_elsewhere"]]
    assert listed[0] == ("Afvalpas online", "Veel vragen over de afvalpas")
    assert {title for title, _problem in listed} == {"Afvalpas online", "Chatbot huisvuil", "Ophaaldag in de app"}
    assert brief["lessons_elsewhere"][1]["outcome_label"] == "mislukt"
    assert beheerder.get("/ritme/maandbrief/", {"maand": "2026-11", "format": "json"}).json()["lessons_elsewhere"] == []
    page = beheerder.get("/ritme/maandbrief/", {"maand": "2026-10"}).content.decode()
    assert "Nieuw van andere gemeenten" in page and "Chatbot huisvuil" in page
