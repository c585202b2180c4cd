"""The calendar validates as iCalendar and is served for subscription; the kit draws its themes from the
quarter's patterns and stores what citizens said as redacted signals; the governance check scores."""

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner
from django.test import Client
from icalendar import Calendar

from leerlus.cli import cli
from leerlus.core.models import Organisation, Signal
from leerlus.patterns.services import run_analysis
from leerlus.playground.models import Experiment, Lesson, Problem, StartPlan
from leerlus.rhythm.models import CalendarFeed, Conversation

pytestmark = pytest.mark.django_db


def test_the_calendar_holds_every_moment_and_validates(beheerder, tmp_path):
    StartPlan.objects.create(organisation=Organisation.objects.get(), start=date(2026, 1, 5))
    problem = Problem.objects.create(title="Afval")
    Experiment.objects.create(
        problem=problem,
        title="WhatsApp-bot",
        intervention="a",
        expected_effect="b",
        budget=1,
        start=date(2026, 2, 1),
        end=date(2026, 4, 30),
        status="lopend",
    )
    assert CliRunner().invoke(cli, ["calendar", "--output", str(tmp_path / "ritme.ics")]).exit_code == 0
    calendar = Calendar.from_ical((tmp_path / "ritme.ics").read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert {
        "Maandelijkse retrospectief",
        "Kwartaalgesprek met inwoners",
        "Halfjaarlijkse sturingscheck",
        "Einde experiment: WhatsApp-bot",
    } <= set(events)
    assert events["Maandelijkse retrospectief"]["rrule"]["FREQ"] == ["MONTHLY"]
    assert events["Halfjaarlijkse sturingscheck"]["rrule"]["INTERVAL"] == [6]
    assert sum(summary.startswith(("Week 2:", "Maand 1:", "Maand 2–4:", "Maand 5:")) for summary in events) == 4
    assert events["Einde experiment: WhatsApp-bot"].decoded("dtstart") == date(2026, 4, 30)
    for event in events.values():
        assert event["uid"] and event["dtstamp"] and event["dtstart"]
    assert calendar.walk("VTIMEZONE")  # Outlook needs the time zone spelled out

    beheerder.get("/ritme/")
    feed = CalendarFeed.objects.get()
    served = Client().get(f"/ritme/agenda/{feed.key}.ics")  # calendar clients do not log in
    assert served.status_code == 200 and served["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(served.content).walk("VEVENT")
    assert Client().get("/ritme/agenda/geraden.ics").status_code == 404


def test_the_kit_gives_themes_quotes_and_questions_and_records_what_citizens_said(planted, beheerder):
    run_analysis(full=True)
    kit = beheerder.get("/ritme/gesprekskit/?kwartaal=2025-K3&format=json").json()
    items = [item for theme in kit["themes"] for item in theme["items"]]
    assert kit["quarter"] == "2025-K3" and items
    portal = next(item for item in items if "omgevingsloket" in item["terms"])
    assert portal["quotes"] and portal["terms"][0] in portal["question"]
    assert len(kit["general_questions"]) == 4
    beheerder.post(
        "/ritme/gesprekskit/?kwartaal=2025-K3",
        {
            "held_on": "2025-09-10",
            "place": "Bibliotheek",
            "participants": "12",
            "statements": "Het portaal is onduidelijk, mail me op jan@example.nl\nIk bel liever",
        },
    )
    said = list(Signal.objects.filter(channel="bijeenkomst").values_list("text", flat=True))
    assert len(said) == 2 and not any("jan@example.nl" in text for text in said)
    assert Conversation.objects.get().statements == 2
    wrong = beheerder.get("/ritme/gesprekskit/?kwartaal=2025-K7&format=json")
    assert wrong.status_code == 400 and "geen kwartaal" in wrong.json()["detail"]


def test_the_governance_check_is_filled_from_data_and_by_people_and_read_over_time(beheerder):
    page = beheerder.get("/ritme/sturingscheck/").content.decode()
    assert "Nog geen sturingscheck gehouden." in page
    first = {
        "held_on": "2026-03-18",
        "samen": "2",
        "vrijheid": "2",
        "ambitie": "3",
        "openheid": "2",
        "snelle_route": "2",
        "doorlooptijd": "2",
        "besluiten": "2",
    }
    beheerder.post("/ritme/sturingscheck/", first)
    problem = Problem.objects.create(title="Afval")
    Experiment.objects.create(
        problem=problem,
        title="Bot",
        intervention="a",
        expected_effect="b",
        budget=10_000,
        start=date(2026, 5, 1),
        end=date(2026, 7, 31),
        status="besluit",
        decision="opschalen",
        route="snel",
    )
    Lesson.objects.create(title="Les", tried="a", happened="b", learned="c", outcome="mislukt")
    Experiment.objects.update(created_at=datetime(2026, 4, 20, 12, tzinfo=UTC))  # proposed, then started 1 May
    Lesson.objects.update(created_at=datetime(2026, 8, 5, 12, tzinfo=UTC))
    beheerder.post(
        "/ritme/sturingscheck/",
        {"held_on": "2026-09-16", "samen": "4", "vrijheid": "3", "ambitie": "3", "openheid": "4"},
    )
    document = beheerder.get("/ritme/sturingscheck/?format=json").json()
    second = document["checks"][1]
    assert second["scores"]["snelle_route"] == 5.0 and second["scores"]["besluiten"] == 5.0
    assert second["scores"]["budget"] == 5.0  # 10,000 of a half-year's 10,000
    assert second["measured"]["lessen"]["explanation"] == "1 les, waarvan 1 mislukking en 0 openbaar."
    assert document["reading"].startswith(
        f"Gemiddeld van {document['checks'][0]['overall']:.1f} naar {second['overall']:.1f} van 5.".replace(".", ",", 2)
    )
    assert "Het meest vooruit: ‘Het proeftuinbudget wordt benut, binnen de grens.’ (1,0 → 5,0)." in document["reading"]
    assert "<svg" in beheerder.get("/ritme/sturingscheck/").content.decode()
    bad = beheerder.post("/ritme/sturingscheck/", {"held_on": "2026-10-01", "samen": "9"}).content.decode()
    assert (
        "Score &#x27;9&#x27; bij ‘Techniek, beleid en uitvoering werken vanaf dag één samen.’ moet 1 tot en met 5 zijn."
        in bad
    )
    assert json.dumps(document, ensure_ascii=False).count("held_on") == 2
