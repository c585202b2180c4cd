"""Fixtures shared by the apps' tests: the planted municipality of `analysis.synthetic`, imported (per test, or
imported and analysed once per test module), and a logged-in beheerder of a small municipality."""

import json
from types import SimpleNamespace

import holidays
import pytest
from click.testing import CliRunner
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation

from leerlus.analysis import synthetic
from leerlus.cli import cli
from leerlus.core.models import Department, Organisation, Person
from leerlus.intake.services import import_file

CLOSED = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))


def pytest_configure(config):
    """Test users need no strong password hashing: PBKDF2 costs about half a second per user on this machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _import_planted(directory):
    """The planted municipality of `analysis.synthetic`, imported like any export (no service on 1 in 10 rows)."""
    frame = synthetic.signals(per_day=80, holidays=CLOSED).drop(columns=["id", "topic"])
    frame.loc[frame.index % 10 == 0, "service"] = ""
    frame = frame.rename(columns={"day": "received_at"})
    path = directory / "export.csv"
    frame.to_csv(path, index=False)
    import_file(path)
    return frame


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch: a request in English earlier in the same process leaves its language active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the page parts cached in an earlier test show that test's data, which
    its rollback took away without renewing the data version."""
    cache.clear()


@pytest.fixture
def planted(tmp_path):
    """The planted municipality, imported for this test alone."""
    return _import_planted(tmp_path)


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """What is written inside `with module_transaction():` lasts for the whole test module, then is rolled back.

    Each test runs in a savepoint inside this transaction (pytest-django), so what a test writes is gone
    before the next one: the tests of a module that only read the same data share one copy of it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    yield django_db_blocker.unblock
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def analysed(module_transaction, tmp_path_factory):
    """The planted municipality imported and analysed (`leerlus analyse`) once for the whole test module.

    `frame` is the imported export, `first_analysis` the JSON summary of that first `leerlus analyse`."""
    with module_transaction():
        frame = _import_planted(tmp_path_factory.mktemp("planted"))
        result = CliRunner().invoke(cli, ["analyse", "--json"])
    assert result.exit_code == 0, result.output
    return SimpleNamespace(frame=frame, first_analysis=json.loads(result.stdout))


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
