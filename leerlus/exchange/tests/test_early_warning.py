"""The early warning on the planted municipality: /uitwisseling/signalen.json only after opting in, in its committed
schema, counts under 10 left out (not rounded), words without names or rare words, no texts; and on the subscriber's
side "ook bij" on an incident page and the start page for the same rise in the same service in the same weeks."""

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from django.db.models import Sum
from django.test import Client
from jsonschema import Draft202012Validator

from leerlus.analysis.emerging import WordsPerDay
from leerlus.analysis.synthetic import STORM_DAY
from leerlus.core.models import DailyCount, Organisation, Service
from leerlus.exchange.early_warning import store_signals
from leerlus.exchange.fetch import SIGNALS_SCHEMA_FILE
from leerlus.exchange.models import Subscription
from leerlus.exchange.signals_feed import publishable_term
from leerlus.intake.services import import_file
from leerlus.patterns.models import Incident

pytestmark = pytest.mark.django_db
DOCS_SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "signals-feed.schema.json"
STORM = date(2025, 1, 1) + timedelta(days=STORM_DAY)  # the planted spike in phoned waste signals


@pytest.fixture
def opted_in(analysed, tmp_path):
    """The planted municipality, opted in, with two small services in its last complete week: 3 and 12 signals."""
    Organisation.objects.create(name="Gemeente Proefdorp", cbs_code="GM9999", publish_signals=True)
    last_day = DailyCount.objects.order_by("-day").values_list("day", flat=True).first()
    monday = last_day - timedelta(days=last_day.weekday() + 7)
    rows = [(monday, "balie", "Begraafplaatsen", "graf ruimen")] * 3 + [
        (monday, "balie", "Kinderopvang", "toeslag")
    ] * 12
    path = tmp_path / "klein.csv"
    pd.DataFrame(rows, columns=["received_at", "channel", "service", "text"]).to_csv(path, index=False)
    import_file(path)
    return monday


def _signals(**headers):
    return Client().get("/uitwisseling/signalen.json", **headers)


def test_nothing_is_published_without_opting_in(analysed):
    Organisation.objects.create(name="Gemeente Proefdorp")
    assert _signals().status_code == 404


def test_the_document_fits_the_schema_committed_in_docs(opted_in):
    schema = json.loads(DOCS_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema == json.loads(SIGNALS_SCHEMA_FILE.read_text(encoding="utf-8"))
    document = _signals().json()
    Draft202012Validator(schema).validate(document)
    assert document["municipality"] == {"name": "Gemeente Proefdorp", "cbs_code": "GM9999"}
    assert document["incidents"] and document["counts"]


def test_weekly_counts_under_ten_are_left_out_and_the_others_are_exact(opted_in):
    counts = _signals().json()["counts"]
    last_week = [count for count in counts if count["week"] == opted_in.isoformat()]
    by_service = {
        (count["service"] or {}).get("name"): count["count"] for count in last_week if count["channel"] == "balie"
    }
    assert by_service["Kinderopvang"] == 12 and "Begraafplaatsen" not in by_service
    assert min(count["count"] for count in counts) >= 10
    for count in counts[:20]:
        week = date.fromisoformat(count["week"])
        stored = DailyCount.objects.filter(
            day__range=(week, week + timedelta(days=6)),
            channel=count["channel"],
            service__name=count["service"]["name"] if count["service"] else None,
        ).aggregate(n=Sum("count"))["n"]
        assert count["count"] == stored
    assert len({count["week"] for count in counts}) == 13 and max(c["week"] for c in counts) == opted_in.isoformat()


def test_no_text_of_any_signal_is_published(opted_in, analysed):
    body = _signals().content.decode()
    assert not any(text in body for text in set(analysed.frame["text"]))


def test_a_word_is_published_only_when_it_is_no_name_and_stands_in_ten_signals():
    first = date(2026, 3, 2)
    texts = [["storing", "jansen"]] * 12 + [["afsprakensysteem"]] * 4
    words, _matrix = WordsPerDay.count(first, np.zeros(len(texts), dtype=int), np.arange(len(texts)), texts)
    assert publishable_term("storing", first, first, words)
    assert not publishable_term("jansen", first, first, words)  # a surname, however often
    assert not publishable_term("afsprakensysteem", first, first, words)  # in 4 signals only
    assert not publishable_term("storing", first + timedelta(days=1), first + timedelta(days=7), words)


def test_an_unchanged_document_answers_304(opted_in):
    etag = _signals()["ETag"]
    assert _signals(HTTP_IF_NONE_MATCH=etag).status_code == 304


def _document(municipality: str, start: date, services: list[dict], magnitude: float = 2.0) -> dict:
    incident = {
        "kind": "spike",
        "start": start.isoformat(),
        "end": (start + timedelta(days=2)).isoformat(),
        "magnitude": magnitude,
        "services": services,
        "channels": ["telefoon"],
        "terms": ["storm"],
        "size": 240,
    }
    return {
        "feed_version": "1.0",
        "municipality": {"name": municipality, "cbs_code": None},
        "data_until": "2025-12-31",
        "minimum_count": 10,
        "counts": [],
        "incidents": [incident],
    }


def _subscribed(municipality: str, document: dict) -> None:
    Draft202012Validator(json.loads(SIGNALS_SCHEMA_FILE.read_text(encoding="utf-8"))).validate(document)
    url = f"https://{municipality.split()[-1].lower()}.example/uitwisseling/lessen.json"
    store_signals(Subscription.objects.create(url=url), document, "")


def test_the_same_rise_elsewhere_shows_as_ook_bij_on_the_incident_and_the_start_page(analysed, beheerder):
    storm = Incident.objects.get(kind="spike", services=["Afval"], start__range=(STORM, STORM + timedelta(days=2)))
    Service.objects.filter(name="Afval").update(aliases="Afval en containers")  # its UPL name: afvalcontainer
    by_name = [{"name": "Afval", "upl": None, "upl_uri": None}]
    by_upl = [{"name": "Huisvuil", "upl": "afvalcontainer", "upl_uri": "http://standaarden.overheid.nl/x"}]
    other = [{"name": "Parkeren", "upl": None, "upl_uri": None}]
    _subscribed("Gemeente Katwijk", _document("Gemeente Katwijk", STORM + timedelta(days=1), by_name))
    _subscribed("Gemeente Leiden", _document("Gemeente Leiden", STORM - timedelta(days=STORM.weekday()), by_upl))
    _subscribed("Gemeente Noordwijk", _document("Gemeente Noordwijk", STORM, other))  # another service
    _subscribed("Gemeente Lisse", _document("Gemeente Lisse", STORM + timedelta(weeks=3), by_name))  # other weeks
    _subscribed("Gemeente Hillegom", _document("Gemeente Hillegom", STORM, by_name, magnitude=-0.5))  # a fall

    page = beheerder.get(f"/incidenten/{storm.pk}/").content.decode()
    assert "Ook bij: Gemeente Katwijk, Gemeente Leiden" in page
    assert not any(name in page for name in ("Noordwijk", "Lisse", "Hillegom"))
    start = beheerder.get("/").content.decode()
    assert "ook bij: Gemeente Katwijk, Gemeente Leiden" in start and f"/incidenten/{storm.pk}/" in start


def test_without_anything_from_elsewhere_the_pages_say_nothing_of_it(analysed, beheerder):
    storm = Incident.objects.filter(kind="spike", services=["Afval"]).first()
    assert "Ook bij" not in beheerder.get(f"/incidenten/{storm.pk}/").content.decode()
    assert "Ook bij andere gemeenten" not in beheerder.get("/").content.decode()
