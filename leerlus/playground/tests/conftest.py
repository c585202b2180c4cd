"""Shared for playground tests: a small municipality with people in all three worlds, and an imported
export with a planted −35% on phone calls about waste."""

import csv

import pytest
from django.contrib.auth import get_user_model

from leerlus.analysis import synthetic
from leerlus.core.models import Department, Organisation, Person
from leerlus.intake.services import import_file
from leerlus.playground.models import Frameworks


def _import_experiment(directory):
    """Phone calls about waste drop 35% from day 240; two untouched series and one that takes over the calls."""
    phone, controls = synthetic.experiment_series(effect=-0.35, start=240, level=40, control_levels=(60, 30), seed=4)
    path = directory / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["datum", "kanaal", "onderwerp", "tekst"])
        website, counter = controls.values()
        series = [("telefoon", "Afval", phone), ("website", "Paspoort", website), ("balie", "Parkeren", counter)]
        for channel, service, counts in series:
            for day, n in counts.items():
                for i in range(int(n)):
                    out.writerow([f"{day.date()} {8 + i % 9:02d}:{i % 60:02d}", channel, service, f"vraag {i}"])
        for day, n in phone.items():  # the calls that moved to WhatsApp: same service, so never a control
            extra = int(n * 0.5) if day >= phone.index[240] else 0
            for i in range(2 + extra):
                out.writerow([f"{day.date()} 12:{i % 60:02d}", "whatsapp", "Afval", f"app {i}"])
    import_file(path)
    return phone.index[240].date()


@pytest.fixture
def imported(tmp_path):
    """The export with the planted −35%, imported for this test alone; returns the day the drop starts."""
    return _import_experiment(tmp_path)


@pytest.fixture(scope="module")
def imported_once(module_transaction, tmp_path_factory):
    """The same export imported once for a whole test module whose tests only read it."""
    with module_transaction():
        return _import_experiment(tmp_path_factory.mktemp("export"))


@pytest.fixture
def town():
    organisation = Organisation.objects.create(name="Gemeente Proefdorp", it_budget=1_000_000, playground_share=0.05)
    departments = {
        name: Department.objects.create(organisation=organisation, name=name, world=world)
        for name, world in (("KCC", "uitvoering"), ("ICT", "techniek"), ("Beleid", "beleid"))
    }
    people = {}
    for name, department, role in (
        ("Anna", "KCC", "beheerder"),
        ("Bram", "ICT", "teamlid"),
        ("Cor", "Beleid", "teamlid"),
        ("Dewi", "KCC", "teamlid"),
        ("Eva", "Beleid", "lezer"),
        ("Wethouder", "Beleid", "teamlid"),
    ):
        user = get_user_model().objects.create_user(name.lower(), password="x")
        people[name] = Person.objects.create(name=name, department=departments[department], role=role, user=user)
    Frameworks.objects.create(organisation=organisation, decision_maker=people["Wethouder"], max_budget=20000)
    return people
