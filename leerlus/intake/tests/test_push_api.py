"""The push API: another system posts a batch of signals; each goes through the import's checks and redaction,
a refused one is answered with its problem details, and posting the same batch again doubles nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from leerlus.audit.models import AuditEntry
from leerlus.core.models import Person, Signal
from leerlus.core.tokens import issue_token

pytestmark = pytest.mark.django_db

BATCH = [
    {
        "received_at": "2026-11-02T09:15:00+01:00",
        "channel": "telefoon",
        "text": "Container niet geleegd",
        "external_id": "kcc-1",
    },
    {
        "received_at": "2026-11-02",
        "channel": "website",
        "text": "Mijn BSN is 123456782, formulier loopt vast",
        "external_id": "kcc-2",
    },
    {"received_at": "gisteren of zo", "channel": "telefoon", "text": "Parkeervergunning", "external_id": "kcc-3"},
    {"received_at": "2026-11-03", "channel": "balie", "service": "Paspoort", "external_id": "kcc-4"},
]


def _client(person) -> Client:
    return Client(headers={"Authorization": f"Bearer {issue_token(person, 'kcc-koppeling')}"})


def _push(client, signals):
    return client.post("/api/v1/signals", {"signals": signals}, content_type="application/json")


def test_a_batch_is_taken_per_item_and_a_second_push_doubles_nothing(beheerder):
    api = _client(beheerder.person)
    first = _push(api, BATCH)
    assert first.status_code == 200, first.content
    answer = first.json()
    assert (answer["received"], answer["imported"], answer["rejected"]) == (4, 3, 1)
    assert [item["status"] for item in answer["items"]] == ["accepted", "accepted", "rejected", "accepted"]
    refused = answer["items"][2]["problem"]
    assert refused["status"] == 422 and refused["code"] == "date_unreadable" and "gisteren" not in refused["detail"]
    assert "123456782" not in " ".join(Signal.objects.values_list("text", flat=True))

    again = _push(api, BATCH).json()
    assert (again["imported"], again["duplicates"], again["rejected"]) == (0, 3, 1)
    assert Signal.objects.count() == 3
    assert AuditEntry.objects.filter(object_type="intake.importbatch", actor="anna", channel="api").count() == 2


def test_too_large_a_batch_is_refused_as_a_whole(beheerder):
    answer = _push(_client(beheerder.person), [BATCH[0]] * 1001)
    assert answer.status_code == 422 and answer["Content-Type"] == "application/problem+json"
    assert not Signal.objects.exists()


def test_a_lezer_may_not_push(beheerder):
    user = get_user_model().objects.create_user("lisa", password="x")
    lezer = Person.objects.create(name="Lisa", department=beheerder.person.department, role="lezer", user=user)
    answer = _push(_client(lezer), BATCH[:1])
    assert answer.status_code == 403 and answer["Content-Type"] == "application/problem+json"
    assert not Signal.objects.exists()
