"""A municipality with one experiment (team of two departments, a measured metric) and its lessons: two openbaar
(a success and a failure), one intern."""

from datetime import date

import pytest

from leerlus.core.models import Department, Organisation, Person, Service
from leerlus.playground.models import Experiment, Lesson, Metric, Problem

ESTIMATE = {"relative_effect": -0.31, "ci_low": -0.42, "ci_high": -0.19, "method": "its-control"}


@pytest.fixture
def publisher(db):
    organisation = Organisation.objects.create(name="Gemeente Proefdorp", cbs_code="GM9999")
    kcc = Department.objects.create(organisation=organisation, name="KCC", world="uitvoering")
    ict = Department.objects.create(organisation=organisation, name="ICT", world="techniek")
    waste = Service.objects.create(name="Afval en containers")
    problem = Problem.objects.create(title="Vragen over de afvalpas", description="Veel telefoontjes over de pas.")
    problem.services.add(waste)
    experiment = Experiment.objects.create(
        problem=problem,
        title="WhatsApp-bot",
        intervention="een bot",
        expected_effect="minder telefoontjes",
        budget=1000,
        start=date(2026, 6, 1),
        end=date(2026, 8, 31),
    )
    experiment.team.add(
        Person.objects.create(name="Ahmed El Amrani", department=kcc),
        Person.objects.create(name="Kees van Dijk", department=ict),
    )
    Metric.objects.create(experiment=experiment, channel="telefoon", service=waste, estimate=ESTIMATE)
    lessons = {
        outcome: Lesson.objects.create(
            experiment=experiment,
            title=f"Les {outcome}",
            tried="Een bot op WhatsApp",
            happened="Minder telefoontjes",
            learned="Begin klein",
            outcome=outcome,
            visibility=visibility,
        )
        for outcome, visibility in (("geslaagd", "openbaar"), ("mislukt", "openbaar"), ("gemengd", "intern"))
    }
    return lessons
