"""A pull never lets a broken or hostile feed break anything: each gives a clear error on that feed and the other
feeds' lessons stay as they were. The feeds come from a real HTTP server (stdlib) in a thread."""

import json
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from leerlus.exchange.models import ForeignIncident, ForeignLesson
from leerlus.exchange.services import pull_all, subscribe

SCRIPT = "<script>alert('x')</script>"


def _feed(lesson_text: str = "Begin klein", uri: str = "http://elders.example/uitwisseling/lessen/1") -> dict:
    lesson = {
        "uri": uri,
        "title": lesson_text,
        "municipality": {"name": "Gemeente Elders", "cbs_code": "GM0001"},
        "licence": "CC0-1.0",
        "problem": lesson_text,
        "tried": lesson_text,
        "happened": lesson_text,
        "learned": lesson_text,
        "differently": lesson_text,
        "outcome": "mislukt",
        "effects": [],
        "period": None,
        "disciplines": [{"department": lesson_text, "world": "beleid"}],
        "services": [{"name": lesson_text, "upl": None, "upl_uri": None}],
        "channels": ["chat"],
        "published": "2026-10-08T10:00:00+02:00",
        "updated": "2026-10-08T10:00:00+02:00",
    }
    municipality = {"name": "Gemeente Elders", "cbs_code": "GM0001"}
    return {"feed_version": "1.0", "municipality": municipality, "licence": "CC0-1.0", "page": 1, "next": None,
            "lessons": [lesson]}  # fmt: skip


BODIES = {
    "/goed.json": json.dumps(_feed()).encode(),
    "/groot.json": b"[" * 5_000_000 + b"]" * 5_000_000,  # 10 MB of nested JSON
    "/diep.json": b"[" * 100_000 + b"]" * 100_000,  # small, but deeper than any parser should follow
    "/kapot.json": b'{"feed_version": "1.0", "lessons": [',
    "/ander-schema.json": json.dumps({"feed_version": "1.0", "lessons": [{"title": 3}]}).encode(),
    "/script.json": json.dumps(_feed(SCRIPT, uri="http://elders.example/uitwisseling/lessen/2")).encode(),
}


SIGNALS = {
    "feed_version": "1.0",
    "municipality": {"name": "Gemeente Elders", "cbs_code": None},
    "data_until": "2026-10-04",
    "minimum_count": 10,
    "counts": [{"week": "2026-09-28", "service": None, "channel": "telefoon", "count": 120}],
    "incidents": [
        {"kind": "spike", "start": "2026-09-29", "end": None, "magnitude": 1.5, "services": [], "channels": [],
         "terms": ["storing"], "size": 80}
    ],
}  # fmt: skip
BODIES["/signalen-goed.json"] = json.dumps(SIGNALS).encode()
BODIES["/signalen-onmogelijke-datum.json"] = json.dumps({**SIGNALS, "data_until": "2026-13-45"}).encode()


class Hostile(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/met-signalen/"):  # a good lessons feed with a signals feed next to it
            name, feed = self.path.split("/")[2:4]
            self.path = "/goed.json" if feed == "lessen.json" else f"/{name}.json"
        if self.path == "/traag.json":  # answers the headers, then stalls
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"feed_version": ')
            self.wfile.flush()
            time.sleep(4)
            return
        if self.path == "/ftp.json":  # sends the reader elsewhere, off the web
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/lessen.json")
            self.end_headers()
            return
        if self.path == "/naar-elders.json":  # sends the reader to another address on this machine
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.2:{self.server.server_address[1]}/goed.json")
            self.end_headers()
            return
        if self.path == "/groot-zonder-lengte.json":  # 10 MB that does not say how large it is
            self.send_response(200)
            self.end_headers()
            self.wfile.write(BODIES["/groot.json"])
            return
        body = BODIES.get(self.path)
        if body is None:
            self.send_error(500 if self.path == "/fout.json" else 404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up on the 10 MB body is what the test wants


@pytest.fixture
def hostile_server(settings):
    settings.EXCHANGE_ALLOW_PRIVATE = "127.0.0.0/8"  # the feeds are served on loopback; refused by default
    server = QuietServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _kept() -> list[tuple]:
    return list(ForeignLesson.objects.order_by("uri").values_list("uri", "title", "learned", "updated"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, message",
    [
        ("/groot.json", "groter dan 2 MB"),
        ("/groot-zonder-lengte.json", "groter dan 2 MB"),
        ("/diep.json", "geen leesbare JSON"),
        ("/kapot.json", "geen leesbare JSON"),
        ("/ander-schema.json", "past niet in het schema"),
        ("/traag.json", "niet binnen 1 seconden"),
        ("/fout.json", "status 500"),
        ("/ftp.json", "geen http- of https-adres"),
    ],
)
def test_a_hostile_feed_gives_a_clear_error_and_changes_nothing(hostile_server, path, message):
    subscribe(hostile_server + "/goed.json")
    assert pull_all(deadline=1).lessons_new == 1
    before = _kept()
    subscribe(hostile_server + path)
    result = pull_all(deadline=1)
    assert [error.feed for error in result.errors] == [hostile_server + path]
    assert message in result.errors[0].error
    assert (result.lessons_new, result.lessons_updated, result.lessons_removed) == (0, 0, 0)
    assert _kept() == before


@pytest.mark.django_db
def test_script_in_every_field_is_kept_as_text_and_shown_escaped(hostile_server, beheerder):
    subscribe(hostile_server + "/script.json")
    assert pull_all().lessons_new == 1
    lesson = ForeignLesson.objects.get()
    assert lesson.learned == SCRIPT and lesson.disciplines[0]["department"] == SCRIPT
    page = beheerder.get("/proeftuin/lessen/", {"origin": "elders"}).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_a_subscription_needs_a_web_address():
    from leerlus.errors import InputError

    with pytest.raises(InputError, match="geen geldig"):
        subscribe("ftp://elders.example/lessen.json")
    assert Client().get("/uitwisseling/lessen.json").json()["lessons"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, message",
    [
        ("groot", "groter dan 2 MB"),
        ("diep", "geen leesbare JSON"),
        ("ander-schema", "past niet in het schema signals-feed.schema.json"),
        ("signalen-onmogelijke-datum", "onleesbare datum"),
        ("traag", "niet binnen 1 seconden"),
        ("fout", "status 500"),
    ],
)
def test_a_hostile_signals_feed_gives_a_clear_error_and_changes_nothing(hostile_server, name, message):
    subscribe(hostile_server + "/met-signalen/signalen-goed/lessen.json")
    assert pull_all(deadline=1).signal_feeds == 1
    before = list(ForeignIncident.objects.values_list("municipality", "start", "terms"))
    assert before == [("Gemeente Elders", date(2026, 9, 29), ["storing"])]
    feed = hostile_server + f"/met-signalen/{name}/"
    subscribe(feed + "lessen.json")
    result = pull_all(deadline=1)
    assert [error.feed for error in result.errors] == [feed + "signalen.json"]
    assert message in result.errors[0].error and result.lessons_new == 1  # its lessons feed is a good one
    assert list(ForeignIncident.objects.values_list("municipality", "start", "terms")) == before


@pytest.mark.django_db
def test_a_feed_without_signals_is_no_error(hostile_server):
    subscribe(hostile_server + "/goed.json")
    result = pull_all(deadline=1)
    assert result.errors == [] and result.signal_feeds == 0 and result.lessons_new == 1
