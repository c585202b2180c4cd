"""The demo's learning rhythm: the September 2026 retrospective with its actions, a citizen conversation in
the third quarter, and two governance checks. Loading twice changes nothing."""

from datetime import date

from django.db import transaction

from leerlus.core.models import Person, Service
from leerlus.rhythm import governance
from leerlus.rhythm.kit import record_conversation
from leerlus.rhythm.models import Conversation, GovernanceCheck, Retrospective
from leerlus.rhythm.services import complete_action, record_retrospective

CITIZENS_SAID = """Ik app liever dan dat ik bel, en de bot gaf meteen antwoord over de ophaaldag.
Mijn moeder belt nog steeds, zij weet niet dat WhatsApp kan.
De bot wist niets van de milieustraat, toen moest ik alsnog bellen.
Het omgevingsloket is beter dan vorig jaar, maar ik zie nog steeds niet waar mijn aanvraag staat."""
PEOPLE_SCORES = {
    date(2026, 4, 15): {
        "samen": 2,
        "vrijheid": 2,
        "ambitie": 2,
        "openheid": 3,
        "snelle_route": 2,
        "doorlooptijd": 2,
        "besluiten": 2,
    },
    date(2026, 10, 14): {"samen": 4, "vrijheid": 3, "ambitie": 3, "openheid": 4},
}


@transaction.atomic
def load_rhythm() -> None:
    people = {p.name.split()[0]: p for p in Person.objects.all()}
    if not Retrospective.objects.filter(month=date(2026, 9, 1)).exists():
        retro = record_retrospective(
            month=date(2026, 9, 1),
            held_on=date(2026, 10, 6),
            participants=[people[n] for n in ("Sanne", "Ahmed", "Fatima", "Pieter")],
            conclusions="De WhatsApp-bot werkt voor eenvoudige afvalvragen; ouderen bereiken we er niet mee.\n"
            "De vergunningenportal geeft nog steeds statusvragen aan de telefoon.",
            actions=[
                ("Bot uitbreiden met openingstijden milieustraat", people["Pieter"], date(2026, 10, 20)),
                ("Gesprek met de ouderenbond over digitale hulp", people["Fatima"], date(2026, 11, 15)),
            ],
        )
        complete_action(retro.actions.get(text__startswith="Bot uitbreiden"), date(2026, 10, 19))
    if not Conversation.objects.filter(quarter=date(2026, 7, 1)).exists():
        record_conversation(
            first=date(2026, 7, 1),
            held_on=date(2026, 9, 10),
            place="Bibliotheek Centrum",
            participants=14,
            statements=CITIZENS_SAID,
            service=Service.objects.get(name="Afval en containers"),
        )
    for held_on, scores in PEOPLE_SCORES.items():
        if not GovernanceCheck.objects.filter(held_on=held_on).exists():
            governance.record_check(
                held_on=held_on,
                answers={k: str(v) for k, v in scores.items()},
                note="Demo: zo ziet een sturingscheck eruit.",
            )
