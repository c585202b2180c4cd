"""The API shell: no key no answer, the OpenAPI description is served, equals the committed file and lists the
allowed values of every choice field."""

import json
from pathlib import Path

import pytest
from django.test import Client

from leerlus.api.openapi import schema_text
from leerlus.core.channels import CHANNELS
from leerlus.core.tokens import issue_token
from leerlus.playground.models import Experiment

pytestmark = pytest.mark.django_db
COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def test_without_a_valid_key_the_api_answers_401(client):
    for headers in ({}, {"Authorization": "Bearer leerlus_verzonnen"}):
        answer = client.get("/api/v1/problems", headers=headers)
        assert answer.status_code == 401 and answer["Content-Type"] == "application/problem+json"
        assert "Authorization: Bearer" in answer.json()["detail"]


def test_the_served_openapi_equals_the_committed_file(client):
    served = client.get("/api/v1/openapi.json").json()
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == served, (
        "Draai `make openapi` en commit docs/openapi.json."
    )
    assert COMMITTED.read_text(encoding="utf-8") == schema_text()
    assert {"/api/v1/problems", "/api/v1/experiments", "/api/v1/experiments/{pk}/log", "/api/v1/lessons"} <= set(
        served["paths"]
    )


def test_the_api_docs_page_uses_only_local_files(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page and "cdn" not in page.lower()


@pytest.fixture
def keyed(beheerder):
    """A client that sends Anna's API key."""
    return Client(headers={"Authorization": f"Bearer {issue_token(beheerder.person, 'test')}"})


def _problem(answer, status: int) -> dict:
    assert answer.status_code == status and answer["Content-Type"] == "application/problem+json"
    body = answer.json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    return body


@pytest.mark.parametrize("path", ["/api/v1/problems/99999", "/api/v1/experiments/99999", "/api/v1/lessons/99999"])
def test_a_missing_object_is_problem_json_404(keyed, path):
    assert _problem(keyed.get(path), 404)["title"] == "Niet gevonden"


def test_an_unknown_api_address_is_problem_json_404(keyed):
    assert _problem(keyed.get("/api/v1/bestaat-niet"), 404)["title"] == "Pagina niet gevonden"


def test_a_method_the_address_does_not_take_is_problem_json_405(keyed):
    body = _problem(keyed.delete("/api/v1/problems"), 405)
    assert body["detail"].startswith("Dit adres neemt DELETE niet aan; wel: ")


def test_a_missing_problem_in_a_proposal_is_problem_json_404(keyed):
    proposal = {"problem": 99999, "title": "x", "intervention": "x", "expected_effect": "x", "team": [], "budget": "0"}
    answer = keyed.post(
        "/api/v1/experiments",
        {**proposal, "start": "2026-01-01", "end": "2026-02-01", "metrics": []},
        content_type="application/json",
    )
    _problem(answer, 404)


def test_the_openapi_file_lists_the_allowed_values_of_choice_fields():
    schemas = json.loads(COMMITTED.read_text(encoding="utf-8"))["components"]["schemas"]
    assert schemas["ProblemOut"]["properties"]["channels"]["items"]["enum"] == list(CHANNELS)
    assert schemas["ExperimentOut"]["properties"]["status"]["enum"] == Experiment.Status.values
    assert schemas["LessonIn"]["properties"]["outcome"]["enum"] == ["geslaagd", "gemengd", "mislukt"]
    assert schemas["LogEntryIn"]["properties"]["kind"]["enum"] == ["observatie", "verrassing", "besluit"]
    assert set(schemas["EffectOut"]["properties"]["method"]["anyOf"][0]["enum"]) == {
        "its",
        "its-control",
        "sts",
        "sts-control",
    }
