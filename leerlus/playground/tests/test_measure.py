"""Measuring an experiment: the series of its other metrics and those a person left out are never used as
control; the page shows the 95% band."""

from datetime import date

import pytest
from django.test import Client

from leerlus.core.models import Service
from leerlus.playground import services
from leerlus.playground.models import Experiment, Problem

pytestmark = pytest.mark.django_db


def test_a_channel_the_experiment_moves_demand_to_is_no_control_for_the_other(town, imported_once):
    team = [town[name] for name in ("Anna", "Bram", "Cor")]
    experiment = services.propose_experiment(
        problem=Problem.objects.create(title="Bellers"),
        title="Bot",
        intervention="een bot",
        expected_effect="minder bellers",
        team=team,
        budget=1000,
        start=imported_once,
        end=date(2025, 10, 27),
        metrics=[{"channel": "telefoon"}, {"channel": "whatsapp", "better": "hoger"}],
        proposed_by=town["Anna"],
    )
    phone, whatsapp = services.measure(experiment)
    assert "whatsapp" not in phone.estimate["control"] and phone.estimate["control"]
    assert "telefoon" not in whatsapp.estimate["control"]
    assert phone.estimate["ci_low"] < 0 and whatsapp.estimate["ci_low"] > 0


def test_a_control_left_out_on_the_experiment_page_is_kept_and_not_used(town, imported_once):
    experiment = services.propose_experiment(
        problem=Problem.objects.create(title="Bellers"),
        title="Bot",
        intervention="een bot",
        expected_effect="minder bellers",
        team=[town[name] for name in ("Anna", "Bram", "Cor")],
        budget=1000,
        start=imported_once,
        end=date(2025, 10, 27),
        metrics=[{"channel": "telefoon", "service": Service.objects.get(name="Afval")}],
        proposed_by=town["Anna"],
    )
    bram, url = Client(), f"/proeftuin/experimenten/{experiment.pk}/"
    bram.force_login(town["Bram"].user)

    bram.post(url, {"action": "measure", "excluded_controls": "website / paspoort,\n"})
    experiment.refresh_from_db()
    assert experiment.excluded_controls == ["website/Paspoort"]
    assert experiment.metrics.get().estimate["control"] == ["balie / Parkeren"]
    page = bram.get(url).content.decode()
    assert "Weggelaten als controlereeks: website/Paspoort." in page
    assert 'name="excluded_controls" value="website/Paspoort"' in page
    assert "95%-band, bovengrens" in page and "<svg" in page

    refused = bram.post(url, {"action": "measure", "excluded_controls": "fax"}).content.decode()
    assert "Onbekend kanaal &#x27;fax&#x27;. Kies uit: telefoon" in refused
    services.measure(Experiment.objects.get(pk=experiment.pk))  # as the API does: the kept choice still holds
    assert experiment.metrics.get().estimate["control"] == ["balie / Parkeren"]

    bram.post(url, {"action": "measure", "excluded_controls": ""})
    assert set(experiment.metrics.get().estimate["control"]) == {"website / Paspoort", "balie / Parkeren"}
