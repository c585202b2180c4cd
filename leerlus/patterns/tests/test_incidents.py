"""Incidents: one planted event is one card holding its patterns; people mark cards, the marks survive the next
run, are audited and are learned from; known events make the rise after them expected; the faces agree."""

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from leerlus.analysis.synthetic import RELEASE_DAY
from leerlus.cli import cli
from leerlus.core.models import Person
from leerlus.core.tokens import issue_token
from leerlus.intake.services import import_file
from leerlus.patterns.models import Incident, IncidentMarking, KnownEvent, Pattern

pytestmark = pytest.mark.django_db
INCIDENT_KEYS = {
    "id",
    "kind",
    "start",
    "end",
    "channels",
    "services",
    "terms",
    "score",
    "summary",
    "patterns",
    "status",
}
RELEASE = date(2025, 1, 1) + timedelta(days=RELEASE_DAY)  # the planted permit portal


def run(*args, code=0) -> dict:
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout) if code == 0 else result


def near(incidents, service: str | None, day: date, days: int = 7) -> list[dict]:
    """The incidents that start within `days` of `day` (and are about `service`, when given)."""
    return [
        i
        for i in incidents
        if (service is None or service in i["services"]) and abs(date.fromisoformat(i["start"]) - day).days <= days
    ]


def add_signals(tmp_path, first: date, days: int, per_day: int, words: str, name: str) -> None:
    """Extra e-mails about taxes on `days` days from `first`: a rise in one service on one channel."""
    path = tmp_path / name
    path.write_text(
        "received_at,channel,service,text\n"
        + "".join(
            f"{first + timedelta(days=d)} 09:{n % 60:02d},email,Belastingen,{words} {name} {d} {n}\n"
            for d in range(days)
            for n in range(per_day)
        )
    )
    import_file(path)


def test_one_planted_event_is_one_incident_holding_several_patterns(analysed):
    document = run("patterns")
    portal = near(document["incidents"], "Vergunning", RELEASE)
    assert len(portal) == 1, portal
    card = portal[0]
    assert set(card) == INCIDENT_KEYS and card["status"] == "nieuw"
    members = [p for p in document["patterns"] if p["incident"] == card["id"]]
    assert sorted(p["id"] for p in members) == sorted(card["patterns"]) and len(members) >= 3
    assert {"ripple", "emerging_topic"} <= {p["kind"] for p in members}
    assert {"telefoon", "website"} <= set(card["channels"]) and "omgevingsloket" in card["terms"]
    assert card["summary"].startswith("Rimpeling bij telefoon en website over Vergunning sinds ")
    assert card["summary"].endswith(" signaalreeksen.")
    assert {p["incident"] for p in document["patterns"]} == {i["id"] for i in document["incidents"]}


def test_a_marking_survives_the_next_run_and_is_audited(analysed, beheerder):
    portal = near(run("incidents")["incidents"], "Vergunning", RELEASE)[0]
    page = beheerder.post(f"/incidenten/{portal['id']}/", {"status": "bekend", "reason": "  "})
    assert "Geef een reden op" in page.content.decode()
    reason = "Het nieuwe loket; belscript klaar"
    page = beheerder.post(f"/incidenten/{portal['id']}/", {"status": "bekend", "reason": reason})
    assert page.status_code == 302
    run("analyse", "--full")
    again = near(run("incidents")["incidents"], "Vergunning", RELEASE)
    assert [i["id"] for i in again] == [portal["id"]] and again[0]["status"] == "bekend"
    incident = Incident.objects.get(pk=portal["id"])
    assert (incident.reason, incident.marked_by.name) == (reason, "Anna")
    beheerder.post(f"/incidenten/{portal['id']}/", {"status": "verwacht", "reason": "Aangekondigd in de nieuwsbrief"})
    audit = list(IncidentMarking.objects.filter(incident=incident).order_by("at", "pk").values_list("status", "reason"))
    assert audit == [("bekend", reason), ("verwacht", "Aangekondigd in de nieuwsbrief")]
    html = beheerder.get(f"/incidenten/{portal['id']}/").content.decode()
    assert "Eerdere markeringen" in html and reason in html and "Anna" in html
    assert portal["id"] not in [i["id"] for i in run("incidents")["incidents"]]  # expected: no longer a card to read
    assert portal["id"] in [i["id"] for i in run("incidents", "--status", "verwacht")["incidents"]]


def test_a_false_incident_weighs_less_in_the_next_run_and_its_patterns_leave_the_list(analysed, beheerder):
    spike = next(i for i in run("incidents")["incidents"] if i["kind"] == "spike")
    beheerder.post(f"/incidenten/{spike['id']}/", {"status": "onterecht", "reason": "Storing in de telefooncentrale"})
    run("analyse", "--full")
    marked = next(i for i in run("incidents", "--status", "onterecht")["incidents"] if i["id"] == spike["id"])
    assert marked["score"] == pytest.approx(spike["score"] / 1.5, abs=0.02)
    patterns = {p["id"] for p in run("patterns")["patterns"]}
    assert not patterns & set(marked["patterns"])
    assert spike["id"] not in [i["id"] for i in run("incidents")["incidents"]]


def test_a_season_marked_expected_is_expected_the_next_year(analysed, beheerder, tmp_path):
    """Two busy days of tax e-mails in February, and again a year later (the planted data has no other event then)."""
    add_signals(tmp_path, date(2025, 2, 4), 2, 60, "aanslag woz waarde te hoog", "2025.csv")
    add_signals(tmp_path, date(2026, 2, 3), 2, 80, "aanslag woz waarde te hoog", "2026.csv")
    run("analyse", "--full")
    first = near(run("incidents")["incidents"], None, date(2025, 2, 4), 3)
    assert len(first) == 1 and "woz" in first[0]["terms"]
    beheerder.post(f"/incidenten/{first[0]['id']}/", {"status": "verwacht", "reason": "Elk jaar de WOZ-aanslagen"})
    run("analyse", "--full")
    assert not near(run("incidents")["incidents"], None, date(2026, 2, 3), 3)
    second = near(run("incidents", "--status", "verwacht")["incidents"], None, date(2026, 2, 3), 3)
    assert len(second) == 1
    incident = Incident.objects.get(pk=second[0]["id"])
    assert incident.expected_reason == "season_marked" and incident.marked_at is None
    assert "vorig jaar als verwacht gemarkeerd" in beheerder.get(f"/incidenten/{incident.pk}/").content.decode()


def test_the_rise_after_a_known_event_is_expected(analysed, beheerder, tmp_path):
    page = beheerder.post(
        "/incidenten/bekende-gebeurtenissen/",
        {
            "action": "add",
            "day": "2025-09-20",
            "description": "Aanslagen gemeentelijke belastingen verstuurd per e-mail",
            "channels": ["email"],
            "days": "28",
        },
    )
    assert page.status_code == 302
    assert list(KnownEvent.objects.values_list("description", "services", "channels", "days")) == [
        ("Aanslagen gemeentelijke belastingen verstuurd per e-mail", [], ["email"], 28)
    ]
    add_signals(tmp_path, date(2025, 10, 2), 146, 20, "vraag over mijn aanslag", "oktober.csv")  # until the last day
    run("analyse", "--full")
    expected = near(run("incidents", "--status", "verwacht")["incidents"], "Belastingen", date(2025, 10, 2))
    assert len(expected) == 1 and not near(run("incidents")["incidents"], "Belastingen", date(2025, 10, 2))
    html = beheerder.get(f"/incidenten/{expected[0]['id']}/").content.decode()
    assert "aangekondigd: Aanslagen gemeentelijke belastingen verstuurd per e-mail (20 september 2025)" in html


def test_known_events_are_added_and_removed_on_their_page(beheerder):
    page = beheerder.post("/incidenten/bekende-gebeurtenissen/", {"action": "add", "day": "1 feb", "description": "x"})
    assert "Dag &#x27;1 feb&#x27; is geen datum" in page.content.decode()
    page = beheerder.post(
        "/incidenten/bekende-gebeurtenissen/", {"action": "add", "day": "2026-02-01", "description": ""}
    )
    assert "Geef een omschrijving" in page.content.decode()
    beheerder.post(
        "/incidenten/bekende-gebeurtenissen/",
        {"action": "add", "day": "2026-02-01", "description": "Aanslagen verstuurd", "channels": ["telefoon", "email"]},
    )
    twin = beheerder.get("/incidenten/bekende-gebeurtenissen/", {"format": "json"}).json()
    event = twin["known_events"][0]
    assert (event["day"], event["channels"], event["services"]) == ("2026-02-01", ["telefoon", "email"], [])
    assert event["days"] == 28
    assert "Aanslagen verstuurd" in beheerder.get("/incidenten/bekende-gebeurtenissen/").content.decode()
    beheerder.post("/incidenten/bekende-gebeurtenissen/", {"action": "remove", "event": event["id"]})
    assert not KnownEvent.objects.exists()


def test_the_incident_faces_agree_and_bad_input_is_refused(analysed, beheerder):
    assert beheerder.get("/incidenten/", {"format": "json"}).json() == run("incidents")
    web = beheerder.get("/incidenten/", {"format": "json", "status": "nieuw", "since": "2025-06-01"}).json()
    assert web == run("incidents", "--status", "nieuw", "--since", "2025-06-01")
    assert all(i["start"] >= "2025-06-01" or i["kind"] == "trend" for i in web["incidents"])
    assert beheerder.get("/patronen/", {"format": "json"}).json() == run("patterns")
    card = web["incidents"][0]
    assert beheerder.get(f"/incidenten/{card['id']}/", {"format": "json"}).json() == card
    wrong = beheerder.get("/incidenten/", {"format": "json", "status": "vergeten"})
    assert wrong.status_code == 400
    assert wrong.json()["detail"].startswith("Onbekende status 'vergeten'. Kies uit: nieuw,")
    refused = run("incidents", "--status", "vergeten", code=2)
    assert "Onbekende status 'vergeten'" in refused.stderr


def test_the_api_answers_the_same_documents_as_the_command_line(analysed, beheerder):
    api = Client(headers={"Authorization": f"Bearer {issue_token(beheerder.person, 'test')}"})
    assert api.get("/api/v1/patterns").json() == run("patterns")
    assert api.get("/api/v1/patterns", {"kind": "spike"}).json() == run("patterns", "--kind", "spike")
    assert api.get("/api/v1/incidents", {"status": "nieuw"}).json() == run("incidents", "--status", "nieuw")
    signals = api.get("/api/v1/signals", {"channel": "telefoon", "limit": 5}).json()
    assert signals == run("signals", "--channel", "telefoon", "--limit", "5")
    card = run("incidents")["incidents"][0]
    assert api.get(f"/api/v1/incidents/{card['id']}").json() == card
    pattern = run("patterns")["patterns"][0]
    assert api.get(f"/api/v1/patterns/{pattern['id']}").json() == pattern
    wrong = api.get("/api/v1/patterns", {"kind": "storm"})
    assert wrong.status_code == 422 and wrong["Content-Type"] == "application/problem+json"
    assert api.get("/api/v1/incidents/999999").json()["status"] == 404


def test_the_incident_pages_show_cards_facets_charts_and_the_marking_form(analysed, beheerder, client):
    cards = run("incidents")["incidents"]
    overview = beheerder.get("/incidenten/").content.decode()
    assert all(card["summary"].replace("'", "&#x27;") in overview for card in cards)
    assert overview.index(cards[0]["summary"][:30]) < overview.index(cards[-1]["summary"][:30])  # ranked
    portal = near(cards, "Vergunning", RELEASE)[0]
    html = beheerder.get(f"/incidenten/{portal['id']}/").content.decode()
    for facet in ("Kanalen", "Diensten", "Onderwerpen", "Oorzaak en gevolg", "Voorbeelden", "Markeer dit incident"):
        assert facet in html
    assert html.count("<svg") == len(portal["patterns"]) and 'name="reason"' in html
    assert "Wat nu speelt" in beheerder.get("/").content.decode()
    user = get_user_model().objects.create_user("lezer", password="x")
    Person.objects.create(name="Lezer", department=beheerder.person.department, user=user, role=Person.Role.LEZER)
    client.force_login(user)
    assert "Markeer dit incident" not in client.get(f"/incidenten/{portal['id']}/").content.decode()
    assert client.post(f"/incidenten/{portal['id']}/", {"status": "bekend", "reason": "x"}).status_code == 403
    assert not Pattern.objects.filter(incident=None).exists()


def test_a_marking_shows_at_once_on_the_cached_start_patterns_and_incidents_pages(analysed, beheerder):
    card = run("incidents")["incidents"][0]
    summary, pattern_link = card["summary"].replace("'", "&#x27;"), f'href="/patronen/{card["patterns"][0]}/"'
    with CaptureQueriesContext(connection) as first:
        assert summary in beheerder.get("/").content.decode()
    with CaptureQueriesContext(connection) as again:
        assert summary in beheerder.get("/").content.decode()
    assert len(again) < len(first)  # the incidents and charts came from the cache
    assert pattern_link in beheerder.get("/patronen/").content.decode()
    assert summary in beheerder.get("/incidenten/").content.decode()
    beheerder.post(f"/incidenten/{card['id']}/", {"status": "onterecht", "reason": "Een testbestand"})
    assert summary not in beheerder.get("/").content.decode()
    assert summary not in beheerder.get("/incidenten/").content.decode()
    assert summary in beheerder.get("/incidenten/", {"status": "onterecht"}).content.decode()
    assert pattern_link not in beheerder.get("/patronen/").content.decode()
    assert pattern_link in beheerder.get("/patronen/", {"dismissed": "1"}).content.decode()
