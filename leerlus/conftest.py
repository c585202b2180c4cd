"""Fixtures shared by the apps' tests: the planted municipality of `analysis.synthetic`, imported, and a
logged-in beheerder of a small municipality."""

import holidays
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from leerlus.analysis import synthetic
from leerlus.core.models import Department, Organisation, Person
from leerlus.intake.services import import_file

CLOSED = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))


@pytest.fixture
def planted(tmp_path):
    """The planted municipality of `analysis.synthetic`, imported like any export (no service on 1 in 10 rows)."""
    frame = synthetic.signals(per_day=80, holidays=CLOSED).drop(columns=["id", "topic"])
    frame.loc[frame.index % 10 == 0, "service"] = ""
    frame = frame.rename(columns={"day": "received_at"})
    path = tmp_path / "export.csv"
    frame.to_csv(path, index=False)
    import_file(path)
    return frame


@pytest.fixture
def beheerder():
    """A client logged in as Anna, beheerder of Gemeente Proefdorp (IT budget 400,000; playground 5%)."""
    organisation = Organisation.objects.create(name="Gemeente Proefdorp", it_budget=400_000, playground_share=0.05)
    department = Department.objects.create(organisation=organisation, name="KCC", world="uitvoering")
    user = get_user_model().objects.create_user("anna", password="x")
    client = Client()
    client.force_login(user)
    client.person = Person.objects.create(name="Anna", department=department, role="beheerder", user=user)
    return client
