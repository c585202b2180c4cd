"""The five-month start plan: stories become redacted `bijeenkomst` signals and the steps follow what happened."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from leerlus.core.models import Person, Signal
from leerlus.playground.models import Experiment, Frameworks, Lesson, Problem

pytestmark = pytest.mark.django_db


def test_the_plan_is_tracked_from_what_happened(beheerder):
    assert "Start het plan" in beheerder.get("/proeftuin/startplan/").content.decode()
    beheerder.post("/proeftuin/startplan/", {"action": "begin", "start": "2026-01-05"})
    steps = beheerder.get("/proeftuin/startplan/?format=json").json()["steps"]
    assert [s["due"] for s in steps] == ["2026-01-19", "2026-02-05", "2026-05-05", "2026-06-05"]
    assert steps[0]["state"] == "te laat" and steps[0]["evidence"] == "0 verhalen opgetekend"

    beheerder.post(
        "/proeftuin/startplan/",
        {
            "action": "stories",
            "day": "2026-01-15",
            "stories": "Ik kon niet inloggen met DigiD, bel me op 0612345678\n\nHet formulier liep vast",
        },
    )
    stories = list(Signal.objects.filter(channel="bijeenkomst").values_list("text", flat=True))
    assert len(stories) == 2 and not any("0612345678" in text for text in stories)
    problem = Problem.objects.create(title="Inloggen")
    experiment = Experiment.objects.create(
        problem=problem,
        title="Hulp bij inloggen",
        intervention="a",
        expected_effect="b",
        budget=1000,
        start=date(2026, 2, 1),
        end=date(2026, 4, 30),
        status="besluit",
        decision="aanpassen",
    )
    Lesson.objects.create(experiment=experiment, title="Les", tried="a", happened="b", learned="c", outcome="mislukt")
    steps = beheerder.get("/proeftuin/startplan/?format=json").json()["steps"]
    assert [s["state"] for s in steps] == ["klaar"] * 4
    assert steps[3]["evidence"] == "1 besluit, 1 les gedeeld"
    assert "klaar" in beheerder.get("/").content.decode()  # progress on the start page


def test_only_a_beheerder_changes_the_kaders(beheerder):
    beheerder.get("/proeftuin/kaders/")
    frameworks = Frameworks.objects.get()
    form = {
        "min_team": 2,
        "max_team": 6,
        "min_departments": 2,
        "all_worlds": "on",
        "max_months": 4,
        "max_budget": "30000",
        "conditions": "Geen persoonsgegevens buiten de gemeente.",
        "decision_maker": "",
    }
    assert beheerder.post("/proeftuin/kaders/", form).status_code == 302
    frameworks.refresh_from_db()
    assert (frameworks.max_team, frameworks.max_months) == (6, 4)
    teamlid_user = get_user_model().objects.create_user("bram", password="x")
    Person.objects.create(name="Bram", department=beheerder.person.department, role="teamlid", user=teamlid_user)
    teamlid = Client()
    teamlid.force_login(teamlid_user)
    response = teamlid.post("/proeftuin/kaders/", {**form, "max_team": 9})
    assert response.status_code == 403 and "Alleen een beheerder wijzigt de kaders." in response.content.decode()
    frameworks.refresh_from_db()
    assert frameworks.max_team == 6
