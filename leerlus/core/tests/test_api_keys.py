"""API keys: issued with `leerlus key add` and shown once, they work until they expire or are revoked, and the
list shows who has one, until when and when it was last used, never the key itself."""

import json
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner
from django.test import Client
from django.utils import timezone

from leerlus.cli import cli
from leerlus.core.models import ApiToken

pytestmark = pytest.mark.django_db


def _run(*args) -> dict:
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _status(key: str) -> int:
    return Client(headers={"Authorization": f"Bearer {key}"}).get("/api/v1/problems").status_code


def test_a_key_works_until_it_is_revoked(beheerder):
    issued = _run("key", "add", "anna", "--name", "dashboard", "--days", "30")
    assert issued["key"].startswith("leerlus_") and issued["token"]["state"] == "actief"
    assert (
        timedelta(days=29)
        < datetime.fromisoformat(issued["token"]["expires_at"]) - timezone.now()
        <= timedelta(days=30)
    )
    assert _status(issued["key"]) == 200

    listed = _run("key", "list")["tokens"]
    assert [(t["username"], t["name"], t["state"]) for t in listed] == [("anna", "dashboard", "actief")]
    assert listed[0]["last_used_at"] is not None
    assert issued["key"] not in json.dumps(listed)

    revoked = _run("key", "revoke", str(issued["token"]["id"]))
    assert revoked["state"] == "ingetrokken"
    assert _status(issued["key"]) == 401


def test_an_expired_key_is_refused(beheerder):
    issued = _run("key", "add", "anna", "--name", "koppeling")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _status(issued["key"]) == 401
    assert _run("key", "list")["tokens"][0]["state"] == "verlopen"


def test_a_key_for_nobody_or_a_missing_number_is_a_clear_message(beheerder):
    for args, message in (
        (["key", "add", "niemand", "--name", "x"], "Er is geen persoon met gebruikersnaam 'niemand'"),
        (["key", "revoke", "999"], "Er is geen API-sleutel met nummer 999"),
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and message in result.output
