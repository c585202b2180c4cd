"""The feedback widget's endpoint through Django's test client: a site on the allow-list is answered 202 and its
submission becomes one redacted signal; a site not on the list, a robot in the honeypot, a second send of the same
key, a body that is too large and a client that sends too often store nothing."""

import json
import uuid

import pytest
from django.core.cache import cache
from django.test import Client

from leerlus.core.models import Signal
from leerlus.intake.models import PageFeedback
from leerlus.intake.widget import allow_site, move_feedback

pytestmark = pytest.mark.django_db

SITE = "https://www.voorbeeldstad.nl"


@pytest.fixture(autouse=True)
def allowed_site():
    cache.clear()  # the rate limit's counts
    allow_site(SITE + "/any/page")


def _send(client: Client, origin: str = SITE, **fields):
    body = {"page": SITE + "/paspoort?bsn=111222333#aanvragen", "useful": False, "key": str(uuid.uuid4())} | fields
    return client.post(
        "/widget/v1/feedback",
        json.dumps(body),
        content_type="application/json",
        headers={"Origin": origin, "Accept": "application/json"},
    )


def test_a_submission_becomes_one_redacted_signal_without_query_or_fragment():
    client = Client()
    answer = _send(client, text="Ik zocht de afspraak, bel mij op 06-12345678")
    assert answer.status_code == 202 and answer["Access-Control-Allow-Origin"] == SITE
    assert "Set-Cookie" not in answer and not client.cookies
    assert "06-12345678" not in PageFeedback.objects.get().text  # redacted before it is queued
    move_feedback()
    signal = Signal.objects.get()
    assert (signal.channel, signal.source, signal.location) == ("website", "paginafeedback", SITE + "/paspoort")
    assert signal.text == "Nee — Ik zocht de afspraak, bel mij op [TELEFOON]"
    assert signal.external_id == answer.json()["id"]
    assert not PageFeedback.objects.exists()


def test_a_yes_without_text_is_still_counted():
    _send(Client(), useful=True)
    move_feedback()
    assert Signal.objects.get().text == "Ja"


def test_the_same_key_twice_is_stored_once_also_after_its_move():
    client, key = Client(), str(uuid.uuid4())
    assert _send(client, key=key, text="Waar is het formulier?").status_code == 202
    assert _send(client, key=key, text="Waar is het formulier?").status_code == 202
    move_feedback()
    assert _send(client, key=key, text="Waar is het formulier?").status_code == 202
    summary = move_feedback()
    assert (summary.imported, summary.duplicates) == (0, 1)
    assert Signal.objects.count() == 1


def test_a_site_not_on_the_list_is_refused():
    answer = _send(Client(), origin="https://kwaadwillend.example", page="https://kwaadwillend.example/x")
    assert answer.status_code == 403 and answer["Content-Type"] == "application/problem+json"
    preflight = Client().options("/widget/v1/feedback", headers={"Origin": "https://kwaadwillend.example"})
    assert preflight.status_code == 403 and "Access-Control-Allow-Origin" not in preflight
    assert not PageFeedback.objects.exists()


def test_a_page_of_another_site_is_refused():
    answer = _send(Client(), page="https://elders.example/pagina")
    assert answer.status_code == 400 and "elders.example" in answer.json()["detail"]
    assert answer["Access-Control-Allow-Origin"] == SITE  # so the script can read why
    assert not PageFeedback.objects.exists()


def test_a_filled_honeypot_is_answered_but_not_stored():
    assert _send(Client(), text="Goedkope horloges", website="http://spam.example").status_code == 202
    assert not PageFeedback.objects.exists()


def test_a_body_over_the_limit_is_refused():
    answer = _send(Client(), text="x" * 5000)
    assert answer.status_code == 413 and answer["Content-Type"] == "application/problem+json"
    assert not PageFeedback.objects.exists()


def test_too_many_from_one_address_are_answered_429_with_problem_details(settings):
    settings.WIDGET_RATE = "3/m"
    client = Client()
    assert [_send(client).status_code for _ in range(4)] == [202, 202, 202, 429]
    refused = _send(client)
    assert refused["Content-Type"] == "application/problem+json" and refused.json()["status"] == 429
    assert refused["Retry-After"] == "60"
    assert PageFeedback.objects.count() == 3


def test_the_preflight_of_a_listed_site_allows_a_json_post():
    answer = Client().options("/widget/v1/feedback", headers={"Origin": SITE})
    assert answer.status_code == 204 and answer["Access-Control-Allow-Origin"] == SITE
    assert "POST" in answer["Access-Control-Allow-Methods"] and "Content-Type" in answer["Access-Control-Allow-Headers"]


def test_the_script_is_served_in_both_languages():
    answer = Client().get("/widget/v1/leerlus-feedback.js")
    body = answer.content.decode()
    assert answer["Content-Type"].startswith("text/javascript")
    assert "Heeft deze pagina u geholpen?" in body and "Did this page help you?" in body
