"""The same flow through the REST API with token authentication; a lezer's key cannot write."""

import pytest
from django.test import Client

from leerlus.core.tokens import issue_token
from leerlus.patterns.services import run_analysis
from leerlus.playground.models import Experiment

pytestmark = pytest.mark.django_db


def api(person):
    client = Client(headers={"Authorization": f"Bearer {issue_token(person, 'test')}"})

    def call(method, path, body=None):
        return (
            getattr(client, method)(f"/api/v1{path}", body, content_type="application/json")
            if body is not None
            else getattr(client, method)(f"/api/v1{path}")
        )

    return call


def test_problem_proposal_log_effect_decision_and_lesson_through_the_api(town, imported):
    run_analysis(full=True)
    anna, bram, wethouder = api(town["Anna"]), api(town["Bram"]), api(town["Wethouder"])
    problem = anna("post", "/problems", {"title": "Bellers over afval", "services": ["Afval"]})
    assert problem.status_code == 201 and problem.json()["channels"] == ["telefoon", "whatsapp"]
    proposal = {
        "problem": problem.json()["id"],
        "title": "WhatsApp-bot",
        "intervention": "een bot vragen beantwoordt",
        "expected_effect": "minder bellers",
        "team": [town[n].pk for n in ("Anna", "Bram", "Cor")],
        "budget": "45000",
        "start": "2025-08-29",
        "end": "2025-10-27",
        "metrics": [{"channel": "telefoon", "service": "Afval", "better": "lager"}],
    }
    created = anna("post", "/experiments", proposal)
    assert created.status_code == 201
    experiment = created.json()
    assert experiment["status"] == "idee" and experiment["route"] == "beslisser"
    assert experiment["broken_frameworks"] == ["Het budget van € 45.000 is hoger dan € 20.000 per experiment."]
    assert experiment["broken_framework_codes"] == ["budget"]
    path = f"/experiments/{experiment['id']}"

    assert wethouder("post", path + "/approve").json()["status"] == "goedgekeurd"
    assert bram("post", path + "/start").json()["status"] == "lopend"
    entry = bram("post", path + "/log", {"kind": "observatie", "text": "De bot krijgt 40 vragen per dag"})
    assert entry.status_code == 201 and entry.json()["author"] == "Bram"
    effect = bram("post", path + "/measure").json()["metrics"][0]["effect"]
    assert abs(effect["relative_effect"] + 0.35) <= 0.08
    decided = bram("post", path + "/decide", {"decision": "opschalen", "note": "naar alle diensten"}).json()
    assert decided["status"] == "besluit" and decided["decision"] == "opschalen"
    lesson = bram(
        "post",
        "/lessons",
        {
            "title": "Bot werkt",
            "tried": "bot",
            "happened": "minder bellers",
            "learned": "klein beginnen",
            "outcome": "geslaagd",
            "experiment": experiment["id"],
        },
    )
    assert lesson.status_code == 201
    assert anna("get", path).json()["lessons"] == [lesson.json()["id"]]
    assert [e["kind"] for e in anna("get", path + "/log").json()].count("besluit") == 2


def test_a_lezer_reads_but_cannot_write(town):
    eva = api(town["Eva"])
    assert eva("get", "/problems").status_code == 200
    refused = eva("post", "/problems", {"title": "Mag niet"})
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    assert refused.json()["detail"] == "U heeft de rol lezer en kunt niets wijzigen."


def test_bad_input_is_a_dutch_problem_json(town):
    anna = api(town["Anna"])
    answer = anna("post", "/problems", {"title": "Afval", "services": ["Hondenpoep"]})
    assert answer.status_code == 400 and answer["Content-Type"] == "application/problem+json"
    assert answer.json()["detail"].startswith("Onbekende dienst 'Hondenpoep'.")
    assert anna("post", "/problems", {"titel": "verkeerd veld"}).status_code == 422
    assert not Experiment.objects.exists()


def test_the_pages_twins_and_the_api_give_the_same_documents(town, client):
    anna = api(town["Anna"])
    problem = anna("post", "/problems", {"title": "Wachten aan de telefoon"}).json()
    experiment = anna(
        "post",
        "/experiments",
        {
            "problem": problem["id"],
            "title": "Terugbellen",
            "intervention": "we bellen terug",
            "expected_effect": "minder wachten",
            "team": [town["Anna"].pk, town["Bram"].pk],
            "budget": "5000",
            "start": "2025-08-01",
            "end": "2025-09-30",
            "metrics": [{"channel": "telefoon"}],
        },
    ).json()
    anna("post", f"/experiments/{experiment['id']}/log", {"kind": "verrassing", "text": "Mensen bellen vaker terug"})
    anna(
        "post",
        "/lessons",
        {"title": "Terugbellen", "tried": "t", "happened": "h", "learned": "l", "outcome": "gemengd"},
    )
    client.force_login(town["Anna"].user)
    twin = client.get(f"/proeftuin/experimenten/{experiment['id']}/", {"format": "json"}).json()
    assert twin == anna("get", f"/experiments/{experiment['id']}").json()
    assert twin["log"][0]["kind"] == "verrassing" and twin["metrics"][0]["channel"] == "telefoon"
    assert (
        client.get(f"/proeftuin/vraagstukken/{problem['id']}/", {"format": "json"}).json()
        == anna("get", f"/problems/{problem['id']}").json()
    )
    assert client.get("/proeftuin/lessen/", {"format": "json"}).json()["lessons"] == anna("get", "/lessons").json()


def test_a_value_outside_a_choice_is_refused_with_the_allowed_values(town):
    anna = api(town["Anna"])
    answer = anna("post", "/lessons", {"title": "t", "tried": "t", "happened": "h", "learned": "l", "outcome": "top"})
    assert answer.status_code == 422 and answer["Content-Type"] == "application/problem+json"
    assert "'geslaagd', 'gemengd' or 'mislukt'" in str(answer.json()["errors"])
