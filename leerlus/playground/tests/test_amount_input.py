"""Amounts typed the Dutch way are saved as meant, through the real forms: the experiment proposal, the kaders
and the organisation in Beheer. "12.000" is twelve thousand euros, never twelve."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from leerlus.core.models import Organisation, Service
from leerlus.playground.models import Experiment, Frameworks, Problem
from leerlus.playground.tests.test_experiment_flow import login, proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def problem():
    Service.objects.create(name="Afval")
    return Problem.objects.create(title="Bellers over afval")


@pytest.mark.parametrize(("typed", "saved"), [("12.000", "12000"), ("12.000,50", "12000.50"), ("€ 12000", "12000")])
def test_the_experiment_form_saves_the_amount_that_was_typed(town, problem, typed, saved):
    team = [town["Anna"], town["Bram"], town["Cor"]]
    response = login(town["Anna"]).post("/proeftuin/experimenten/nieuw/", proposal(problem, team, budget=typed))
    assert response.status_code == 302
    experiment = Experiment.objects.get()
    assert experiment.budget == Decimal(saved)
    page = login(town["Anna"]).get(f"/proeftuin/experimenten/{experiment.pk}/").content.decode()
    assert {"12000": "€ 12.000", "12000.50": "€ 12.000,50"}[saved] in page


@pytest.mark.parametrize("typed", ["12.5", "12.00", "1.2.3", "12,000.50", "abc"])
def test_the_experiment_form_refuses_an_amount_that_reads_two_ways(town, problem, typed):
    team = [town["Anna"], town["Bram"], town["Cor"]]
    page = login(town["Anna"]).post("/proeftuin/experimenten/nieuw/", proposal(problem, team, budget=typed))
    assert page.status_code == 400 and not Experiment.objects.exists()
    text = page.content.decode()
    assert f"&#x27;{typed}&#x27; bij Budget is geen getal zoals wij het schrijven" in text
    assert "Schrijf bijvoorbeeld 12.000." in text


def test_the_kaders_form_reads_dutch_amounts(town):
    anna = login(town["Anna"])
    form = anna.get("/proeftuin/kaders/").content.decode()
    assert 'value="20.000"' in form and 'inputmode="decimal"' in form
    values = {
        "min_team": "3",
        "max_team": "8",
        "min_departments": "2",
        "all_worlds": "on",
        "max_months": "3",
        "max_budget": "30.000",
        "conditions": "",
        "decision_maker": "",
    }
    assert anna.post("/proeftuin/kaders/", values).status_code == 302
    assert Frameworks.objects.get().max_budget == Decimal("30000")
    refused = anna.post("/proeftuin/kaders/", {**values, "max_budget": "30.00", "min_team": "2,5"})
    text = refused.content.decode()
    assert "&#x27;30.00&#x27; bij Maximaal budget per experiment is geen getal" in text
    assert Frameworks.objects.get().max_budget == Decimal("30000") and Frameworks.objects.get().min_team == 3


def test_the_organisation_in_beheer_reads_dutch_amounts():
    organisation = Organisation.objects.create(name="Gemeente Proefdorp", it_budget=400_000, playground_share=0.05)
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("beheer", password="x"))
    url = f"/beheer/core/organisation/{organisation.pk}/change/"
    form = admin.get(url).content.decode()
    assert 'value="400.000"' in form and 'value="0,05"' in form
    values = {"name": "Gemeente Proefdorp", "it_budget": "1.250.000", "playground_share": "0,07", "alarm_budget": "1,5"}
    values["lessons_licence"] = Organisation.Licence.CC_BY  # the select's choice, as a browser sends it
    assert admin.post(url, values).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.it_budget, organisation.playground_share, organisation.alarm_budget) == (
        Decimal("1250000"),
        Decimal("0.070"),
        1.5,
    )
    assert "12.000" in admin.post(url, {**values, "it_budget": "1.250.000.5"}).content.decode()
