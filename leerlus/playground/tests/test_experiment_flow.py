"""The whole flow in the web UI: problem, proposal, fast route or escalation, log, effect, decision, lesson."""

import pytest
from django.test import Client

from leerlus.core.models import Service
from leerlus.patterns.services import run_analysis
from leerlus.playground.models import Experiment, Lesson, Problem

pytestmark = pytest.mark.django_db


def login(person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def proposal(problem, team, **changes):
    form = {
        "problem": problem.pk,
        "title": "WhatsApp-bot voor afvalvragen",
        "intervention": "een WhatsApp-bot afvalvragen beantwoordt",
        "expected_effect": "minder telefoontjes over afval",
        "team": [p.pk for p in team],
        "budget": "15000",
        "start": "2025-08-29",
        "end": "2025-10-27",
        "metric_channel_1": "telefoon",
        "metric_service_1": Service.objects.get(name="Afval").pk,
        "metric_better_1": "lager",
    }
    return {**form, **changes}


def test_fast_route_then_log_effect_decision_and_lesson(town, imported):
    run_analysis(full=True)  # the ranking reads the analysis' daily counts
    anna = login(town["Anna"])
    response = anna.post(
        "/proeftuin/",
        {
            "title": "Bellers over afval",
            "description": "Veel telefoontjes",
            "service": [Service.objects.get(name="Afval").pk],
        },
    )
    problem = Problem.objects.get(title="Bellers over afval")
    assert response.status_code == 302
    page = anna.get("/proeftuin/").content.decode()
    assert "Bellers over afval" in page
    ranked = anna.get("/proeftuin/?format=json").json()["problems"][0]
    assert ranked["channels"] == ["telefoon", "whatsapp"] and ranked["signals"] > 0

    team = [town["Anna"], town["Bram"], town["Cor"]]
    response = anna.post("/proeftuin/experimenten/nieuw/", proposal(problem, team))
    experiment = Experiment.objects.get()
    assert response.status_code == 302
    assert experiment.status == "goedgekeurd" and experiment.route == "snel" and experiment.broken_frameworks == []
    url = f"/proeftuin/experimenten/{experiment.pk}/"
    assert "snelle route" in anna.get(url).content.decode()

    bram = login(town["Bram"])
    assert bram.post(url, {"action": "start"}).status_code == 302
    bram.post(
        url,
        {
            "action": "log",
            "kind": "verrassing",
            "text": "Mensen vragen de bot ook naar de milieustraat",
            "day": "2025-09-10",
        },
    )
    dewi = login(town["Dewi"])  # not in the team
    refused = dewi.post(url, {"action": "log", "kind": "observatie", "text": "Ik doe ook mee"})
    assert "Alleen teamleden van dit experiment schrijven in het logboek." in refused.content.decode()

    bram.post(url, {"action": "measure"})
    effect = anna.get(url + "?format=json").json()["metrics"][0]["effect"]
    assert abs(effect["relative_effect"] + 0.35) <= 0.08 and effect["ci_low"] <= -0.35 <= effect["ci_high"]
    page = anna.get(url).content.decode()
    assert "Aantoonbaar beter." in page and "proefperiodes vóór de start" in page and "<svg" in page
    assert "Relatief effect −3" in page or "Relatief effect −4" in page  # as a percentage, with a real minus

    bram.post(url, {"action": "evaluate"})
    bram.post(url, {"action": "decide", "decision": "opschalen", "note": "Bot naar alle diensten"})
    experiment.refresh_from_db()
    assert experiment.status == "besluit" and experiment.decision == "opschalen"
    response = bram.post(
        url,
        {
            "action": "lesson",
            "title": "Een bot haalt druk van de telefoon",
            "tried": "bot",
            "happened": "35% minder bellers",
            "learned": "begin klein",
            "outcome": "geslaagd",
            "tags": "WhatsApp, afval",
            "visibility": "openbaar",
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert lesson.experiment == experiment and lesson.tags == ["afval", "whatsapp"]
    kinds = [entry["kind"] for entry in anna.get(url + "?format=json").json()["log"]]
    assert kinds.count("besluit") == 2 and "verrassing" in kinds  # fast-route approval and the decision


def test_outside_the_kaders_it_waits_for_the_named_decision_maker(town, imported):
    problem = Problem.objects.create(title="Afval")
    anna = login(town["Anna"])
    too_small = [town["Anna"], town["Dewi"]]  # two people, one department, only uitvoering
    anna.post("/proeftuin/experimenten/nieuw/", proposal(problem, too_small, budget="30000"))
    experiment = Experiment.objects.get()
    assert experiment.status == "idee" and experiment.route == "beslisser"
    assert experiment.decision_maker == town["Wethouder"]
    assert [b["code"] for b in experiment.broken_frameworks] == ["team_size", "departments", "worlds", "budget"]
    assert experiment.broken_framework_sentences == [
        "Het team heeft 2 leden; de kaders vragen 3 tot 5.",
        "Het team komt uit 1 afdeling; de kaders vragen er minstens 2.",
        "In het team ontbreekt techniek en beleid; techniek, beleid en uitvoering horen er vanaf dag één bij.",
        "Het budget van € 30.000 is hoger dan € 20.000 per experiment.",
    ]
    url = f"/proeftuin/experimenten/{experiment.pk}/"
    page = anna.get(url).content.decode()
    assert "Wacht op de beslissing van Wethouder." in page

    cor = login(town["Cor"])  # neither the decision-maker nor a beheerder
    assert "Alleen Wethouder of een beheerder beslist" in cor.post(url, {"action": "approve"}).content.decode()
    assert login(town["Bram"]).post(url, {"action": "start"}).status_code == 400  # not approved yet: refused
    experiment.refresh_from_db()
    assert experiment.status == "idee"

    login(town["Wethouder"]).post(url, {"action": "approve"})
    experiment.refresh_from_db()
    assert experiment.status == "goedgekeurd" and experiment.approved_by == town["Wethouder"]


def test_a_lezer_reads_but_cannot_write(town):
    eva = login(town["Eva"])
    assert eva.get("/proeftuin/").status_code == 200
    assert eva.post("/proeftuin/", {"title": "Mag niet"}).status_code == 403
    assert not Problem.objects.exists()


def test_bad_proposals_are_refused_with_a_dutch_message(town, imported):
    problem = Problem.objects.create(title="Afval")
    anna = login(town["Anna"])
    page = anna.post(
        "/proeftuin/experimenten/nieuw/", proposal(problem, [town["Anna"]], end="2025-08-01")
    ).content.decode()
    assert "Het einde 1 augustus 2025 moet na de start 29 augustus 2025 liggen." in page
    page = anna.post(
        "/proeftuin/experimenten/nieuw/", proposal(problem, [town["Anna"]], budget="veel")
    ).content.decode()
    assert "&#x27;veel&#x27; bij Budget is geen getal zoals wij het schrijven" in page
    both = anna.post(
        "/proeftuin/experimenten/nieuw/", proposal(problem, [town["Anna"]], budget="veel", end="nooit")
    ).content.decode()  # every mistake at once, each marked at its own field
    assert 'name="budget" inputmode="decimal" value="veel" required aria-invalid="true"' in both
    assert 'name="end" type="date" value="nooit" required aria-invalid="true" aria-describedby="end_error"' in both
    assert 'id="end_error">Einde &#x27;nooit&#x27; is geen datum' in both
    assert not Experiment.objects.exists()


def test_lessons_library_search_shows_failures_as_prominently(town):
    anna = login(town["Anna"])
    for title, outcome in (("Chatbot op de website", "mislukt"), ("Terugbelverzoek", "geslaagd")):
        anna.post(
            "/proeftuin/lessen/",
            {
                "title": title,
                "tried": "iets",
                "happened": "iets anders",
                "learned": "vraag eerst de inwoner",
                "outcome": outcome,
                "tags": "kanalen",
            },
        )
    page = anna.get("/proeftuin/lessen/").content.decode()
    assert "2 lessen" in page and "waarvan 1 mislukking" in page
    assert 'class="outcome outcome-mislukt">mislukt' in page
    found = anna.get("/proeftuin/lessen/?q=chatbot&format=json").json()["lessons"]
    assert [lesson["title"] for lesson in found] == ["Chatbot op de website"] and found[0]["failure"]
    assert len(anna.get("/proeftuin/lessen/?tag=kanalen&format=json").json()["lessons"]) == 2
    assert (
        anna.get("/proeftuin/lessen/?outcome=geslaagd&format=json").json()["lessons"][0]["title"] == "Terugbelverzoek"
    )


def test_the_playground_speaks_english_when_chosen(town):
    anna = login(town["Anna"])
    anna.cookies["django_language"] = "en"
    page = anna.get("/proeftuin/").content.decode()
    assert "Problems, by reach and trend" in page and "Vraagstukken, naar bereik" not in page
