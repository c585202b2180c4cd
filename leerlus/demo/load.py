"""Loads Gemeente Voorbeeldstad into the database: organisation, people, accounts, signals and known events.

Loading twice changes nothing: everything is looked up before it is created and the signals go
through the idempotent importer.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from leerlus.core.models import Department, Organisation, Person, Service
from leerlus.demo.incidents import load_known_events
from leerlus.demo.playground import load_start
from leerlus.demo.signals import COLUMNS, demo_rows
from leerlus.demo.texts import SERVICES
from leerlus.intake.readers import Table
from leerlus.intake.services import ImportSummary, import_table
from leerlus.systemview.models import DrawnLink, ItSystem

DEMO_LOGINS = {
    "demo": ("demo", Person.Role.BEHEERDER),
    "lezer": ("lezer", Person.Role.LEZER),
    "teamlid": ("teamlid", Person.Role.TEAMLID),
}
DEPARTMENTS = {
    "Klantcontactcentrum": "uitvoering",
    "Burgerzaken": "uitvoering",
    "Vergunningen": "uitvoering",
    "Openbare ruimte": "uitvoering",
    "Belastingen": "uitvoering",
    "Werk en inkomen": "uitvoering",
    "Zorg en welzijn": "uitvoering",
    "Informatievoorziening": "techniek",
    "Digitale dienstverlening": "techniek",
    "Beleid en strategie": "beleid",
    "Juridische zaken": "beleid",
}
PEOPLE = [
    ("Sanne de Vries", "Digitale dienstverlening", "demo"),
    ("Ahmed El Amrani", "Klantcontactcentrum", "teamlid"),
    ("Joyce Bakker", "Vergunningen", None),
    ("Pieter Jansen", "Informatievoorziening", None),
    ("Fatima Yilmaz", "Beleid en strategie", None),
    ("Kees van Dijk", "Openbare ruimte", None),
    ("Linda Smit", "Juridische zaken", "lezer"),
    ("Mohamed Bouzid", "Burgerzaken", None),
]
IT_SYSTEMS = {
    "Omgevingsloket": "Het portaal voor vergunningaanvragen (nieuw sinds 15 september 2025).",
    "Zaaksysteem": "Alle aanvragen en meldingen als zaak.",
    "KCC-systeem": "Registratie van telefoon en balie.",
    "Parkeerapp": "Parkeren en bezoekersvergunningen (sinds 1 maart 2026).",
}
DRAWN_LINKS = [
    ("systeem", "Omgevingsloket", "kanaal", "website", "Het omgevingsloket is het vergunningendeel van de website."),
    (
        "systeem",
        "Omgevingsloket",
        "systeem",
        "Zaaksysteem",
        "Aanvragen uit het loket worden zaken; de status komt uit het zaaksysteem.",
    ),
    ("systeem", "KCC-systeem", "kanaal", "telefoon", "Telefoontjes worden in het KCC-systeem geregistreerd."),
    ("systeem", "Parkeerapp", "dienst", "Parkeervergunning", "Bezoekers en saldo lopen sinds maart 2026 via de app."),
]
SERVICE_ALIASES = {
    "Paspoort en ID-kaart": "paspoort\nid-kaart\nreisdocument",
    "Afval en containers": "afval\ngrofvuil",
    "WOZ en belastingen": "woz\nbelastingen",
    "Openbare ruimte": "buitenruimte\nstraat",
}


@transaction.atomic
def load_organisation() -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name="Gemeente Voorbeeldstad",
        defaults={"it_budget": 4_800_000, "playground_share": 0.07, "publish_signals": True},
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
                user = users.create_user(
                    login,
                    password=password,
                    is_staff=role == Person.Role.BEHEERDER,
                    is_superuser=role == Person.Role.BEHEERDER,
                )
        Person.objects.get_or_create(
            name=name, defaults={"department": departments[department], "user": user, "role": role}
        )
    for name, description in IT_SYSTEMS.items():
        ItSystem.objects.get_or_create(name=name, defaults={"description": description})
    for source_kind, source, target_kind, target, note in DRAWN_LINKS:
        DrawnLink.objects.get_or_create(
            source_kind=source_kind, source=source, target_kind=target_kind, target=target, defaults={"note": note}
        )
    return organisation


def load_demo(seed: int = 2025, progress=None) -> ImportSummary:
    """Builds the demo municipality; returns the summary of its signal import."""
    organisation = load_organisation()
    table = Table(columns=COLUMNS, rows=demo_rows(seed))
    summary = import_table(table, "Gemeente Voorbeeldstad (demo)", "demo", progress=progress)
    load_start(organisation)
    load_known_events()
    return summary
