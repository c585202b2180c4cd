"""Measuring an experiment: the series of its other metrics are never used as control."""

from datetime import date

import pytest

from leerlus.playground import services
from leerlus.playground.models import Problem

pytestmark = pytest.mark.django_db


def test_a_channel_the_experiment_moves_demand_to_is_no_control_for_the_other(town, imported):
    team = [town[name] for name in ("Anna", "Bram", "Cor")]
    experiment = services.propose_experiment(
        problem=Problem.objects.create(title="Bellers"), title="Bot", intervention="een bot", expected_effect="minder bellers",
        team=team, budget=1000, start=imported, end=date(2025, 10, 27),
        metrics=[{"channel": "telefoon"}, {"channel": "whatsapp", "better": "hoger"}], proposed_by=town["Anna"])
    phone, whatsapp = services.measure(experiment)
    assert "whatsapp" not in phone.estimate["control"] and phone.estimate["control"]
    assert "telefoon" not in whatsapp.estimate["control"]
    assert phone.estimate["ci_low"] < 0 and whatsapp.estimate["ci_low"] > 0
