"""Loads Gemeente Voorbeeldstad into the database: organisation, people, accounts and signals.

Loading twice changes nothing: everything is looked up before it is created and the signals go
through the idempotent importer.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from leerlus.core.models import Department, Organisation, Person, Service
from leerlus.demo.signals import COLUMNS, demo_rows
from leerlus.demo.texts import SERVICES
from leerlus.intake.readers import Table
from leerlus.intake.services import ImportSummary, import_table

DEMO_LOGINS = {"demo": ("demo", Person.Role.BEHEERDER), "lezer": ("lezer", Person.Role.LEZER),
               "teamlid": ("teamlid", Person.Role.TEAMLID)}
DEPARTMENTS = {
    "Klantcontactcentrum": "uitvoering", "Burgerzaken": "uitvoering", "Vergunningen": "uitvoering",
    "Openbare ruimte": "uitvoering", "Belastingen": "uitvoering", "Werk en inkomen": "uitvoering",
    "Zorg en welzijn": "uitvoering", "Informatievoorziening": "techniek", "Digitale dienstverlening": "techniek",
    "Beleid en strategie": "beleid", "Juridische zaken": "beleid",
}
PEOPLE = [
    ("Sanne de Vries", "Digitale dienstverlening", "demo"), ("Ahmed El Amrani", "Klantcontactcentrum", "teamlid"),
    ("Joyce Bakker", "Vergunningen", None), ("Pieter Jansen", "Informatievoorziening", None),
    ("Fatima Yilmaz", "Beleid en strategie", None), ("Kees van Dijk", "Openbare ruimte", None),
    ("Linda Smit", "Juridische zaken", "lezer"), ("Mohamed Bouzid", "Burgerzaken", None),
]
SERVICE_ALIASES = {"Paspoort en ID-kaart": "paspoort\nid-kaart\nreisdocument", "Afval en containers": "afval\ngrofvuil",
                   "WOZ en belastingen": "woz\nbelastingen", "Openbare ruimte": "buitenruimte\nstraat"}


@transaction.atomic
def load_organisation() -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name="Gemeente Voorbeeldstad", defaults={"it_budget": 4_800_000, "playground_share": 0.07}
    )
    departments = {}
    for name, world in DEPARTMENTS.items():
        departments[name], _ = Department.objects.get_or_create(
            organisation=organisation, name=name, defaults={"world": world}
        )
    for service, department in SERVICES.items():
        Service.objects.update_or_create(
            name=service, defaults={"department": departments[department], "aliases": SERVICE_ALIASES.get(service, "")}
        )
    users = get_user_model().objects
    for name, department, login in PEOPLE:
        user, role = None, Person.Role.TEAMLID
        if login:
            password, role = DEMO_LOGINS[login]
            user = users.filter(username=login).first()
            if user is None:
                user = users.create_user(login, password=password, is_staff=role == Person.Role.BEHEERDER,
                                         is_superuser=role == Person.Role.BEHEERDER)
        Person.objects.get_or_create(name=name, defaults={"department": departments[department], "user": user,
                                                          "role": role})
    return organisation


def load_demo(seed: int = 2025, progress=None) -> ImportSummary:
    """Builds the demo municipality; returns the summary of its signal import."""
    load_organisation()
    table = Table(columns=COLUMNS, rows=demo_rows(seed))
    return import_table(table, "Gemeente Voorbeeldstad (demo)", "demo", progress=progress)
