"""The API shell: no key no answer, the OpenAPI description is served, equals the committed file and lists the
allowed values of every choice field."""

import json
from pathlib import Path

import pytest

from leerlus.api.openapi import schema_text
from leerlus.core.channels import CHANNELS
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
