"""The API shell: no key no answer, the OpenAPI description is served and equals the committed file."""

import json
from pathlib import Path

import pytest

from leerlus.api.openapi import schema_text

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
