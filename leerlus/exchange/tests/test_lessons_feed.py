"""/uitwisseling/lessen.json and .atom: only the lessons marked openbaar, in the committed JSON Schema, without
staff names; conditional GET and paging."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from django.test import Client
from jsonschema import Draft202012Validator

from leerlus.exchange import feed
from leerlus.exchange.fetch import SCHEMA_FILE
from leerlus.playground.models import Lesson

DOCS_SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "lessons-feed.schema.json"


def _feed(client=None, **params):
    return (client or Client()).get("/uitwisseling/lessen.json", params)


def test_the_feed_fits_the_schema_committed_in_docs(publisher):
    schema = json.loads(DOCS_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(_feed().json())


def test_it_publishes_only_the_public_lessons_without_names(publisher):
    response = _feed()
    document = response.json()
    assert response.status_code == 200
    assert sorted(lesson["outcome"] for lesson in document["lessons"]) == ["geslaagd", "mislukt"]
    assert "Ahmed" not in response.content.decode() and "Kees" not in response.content.decode()
    lesson = document["lessons"][0]
    assert document["municipality"] == {"name": "Gemeente Proefdorp", "cbs_code": "GM9999"}
    assert lesson["licence"] == "CC-BY-4.0"
    assert lesson["problem"].startswith("Vragen over de afvalpas")
    assert lesson["effects"] == [
        {
            "channel": "telefoon",
            "service": "Afval en containers",
            "relative_effect": -0.31,
            "ci_low": -0.42,
            "ci_high": -0.19,
            "method": "its-control",
        }
    ]
    assert lesson["period"] == {"start": "2026-06-01", "end": "2026-08-31"}
    assert lesson["disciplines"] == [
        {"department": "ICT", "world": "techniek"},
        {"department": "KCC", "world": "uitvoering"},
    ]
    assert lesson["services"][0]["upl"] == "afvalcontainer"
    assert lesson["channels"] == ["telefoon"]


def test_each_lesson_has_a_stable_uri_that_answers(publisher):
    uri = _feed().json()["lessons"][0]["uri"]
    assert uri == _feed().json()["lessons"][0]["uri"]
    assert Client().get(uri).json()["uri"] == uri
    internal = publisher["gemengd"]
    assert Client().get(f"/uitwisseling/lessen/{internal.pk}").status_code == 404


def test_an_unchanged_feed_answers_304_and_a_change_gives_a_new_etag(publisher):
    etag = _feed()["ETag"]
    assert Client().head("/uitwisseling/lessen.json")["ETag"] == etag
    assert Client().get("/uitwisseling/lessen.json", HTTP_IF_NONE_MATCH=etag).status_code == 304
    lesson = publisher["geslaagd"]
    lesson.learned = "Begin klein en meet vanaf dag één"
    lesson.save()
    again = Client().get("/uitwisseling/lessen.json", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_pages_link_to_the_next_one(publisher, monkeypatch):
    monkeypatch.setattr(feed, "PAGE_SIZE", 1)
    first = _feed().json()
    assert len(first["lessons"]) == 1 and first["next"].endswith("?pagina=2")
    second = Client().get(first["next"]).json()
    assert second["next"] is None and second["lessons"][0]["uri"] != first["lessons"][0]["uri"]
    assert _feed(pagina="nul").status_code == 404


def test_the_atom_feed_lists_the_same_public_lessons(publisher):
    response = Client().get("/uitwisseling/lessen.atom")
    entries = ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")
    public = Lesson.objects.filter(visibility="openbaar").count()
    assert response["Content-Type"].startswith("application/atom+xml") and len(entries) == public == 2
    ids = {entry.findtext("{http://www.w3.org/2005/Atom}id") for entry in entries}
    assert ids == {lesson["uri"] for lesson in _feed().json()["lessons"]}
