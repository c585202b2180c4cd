"""The demo's playground: kaders, the start plan with its story session, and the WhatsApp-bot experiment
(problem, fast-route approval, learning log, measured effect, decision and lesson) plus a lesson from a
failure. Loading twice changes nothing."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from leerlus.core.models import Organisation, Person, Service
from leerlus.demo.signals import BOT_DAY
from leerlus.patterns.models import Pattern
from leerlus.playground import services
from leerlus.playground.models import Experiment, Frameworks, Lesson, LogEntry, StartPlan
from leerlus.playground.startplan import record_stories

PLAN_START, STORY_DAY, PROPOSED_ON = date(2026, 5, 18), date(2026, 5, 28), date(2026, 6, 18)
LESSONS_WRITTEN_ON = date(2026, 10, 8)
STORIES = """Ik zocht op de website wanneer de container geleegd wordt en kwam in een rondje terecht.
Mijn afvalpas werkte niet bij de ondergrondse container en niemand kon me zeggen waarom.
Bij het omgevingsloket moest ik drie keer inloggen met DigiD voordat mijn tekeningen waren geüpload.
Ik heb een half uur in de wacht gestaan om te vragen of mijn vergunning al binnen was.
De parkeerapp rekende mijn bezoekers dubbel af en de balie kon er niets aan doen.
Ik stuur liever een WhatsApp-bericht dan dat ik bel, maar dan krijg ik pas na twee dagen antwoord.
Als medewerker zie ik dezelfde vraag over grofvuil tien keer per dag langskomen.
Het formulier voor een melding openbare ruimte liep vast op mijn telefoon.""".splitlines()
TEAM = ["Ahmed El Amrani", "Pieter Jansen", "Fatima Yilmaz", "Kees van Dijk"]
LOG = [
    (
        date(2026, 6, 22),
        "observatie",
        "Ahmed",
        "Van de telefoontjes over afval gaat ruim de helft over de afvalpas en de ophaaldag.",
    ),
    (
        date(2026, 7, 8),
        "verrassing",
        "Kees",
        "Mensen vragen de bot ook naar de openingstijden van de milieustraat; die stonden er niet in.",
    ),
    (
        date(2026, 8, 14),
        "observatie",
        "Pieter",
        "De bot geeft bij 1 op de 8 vragen door aan een medewerker; die overdracht loopt goed.",
    ),
    (date(2026, 9, 2), "verrassing", "Fatima", "Ouderen bellen nog evenveel; de daling zit bij mensen onder de 50."),
]


def load_start(organisation: Organisation) -> None:
    """Kaders and start plan, and the stories of the week-2 session as signals (before the analysis)."""
    Frameworks.objects.get_or_create(
        organisation=organisation,
        defaults={
            "decision_maker": Person.objects.get(name="Fatima Yilmaz"),
            "conditions": "Geen persoonsgegevens buiten de gemeente; inwoners weten dat ze met een proef te maken hebben.",  # noqa: E501
        },
    )
    StartPlan.objects.get_or_create(organisation=organisation, defaults={"start": PLAN_START})
    record_stories("\n".join(STORIES), service=None, day=STORY_DAY)


@transaction.atomic
def load_experiments() -> None:
    """After the analysis: the problem from the waste patterns and the WhatsApp-bot experiment."""
    if Experiment.objects.filter(title="WhatsApp-bot voor afvalvragen").exists():
        return
    waste = Service.objects.get(name="Afval en containers")
    people = {p.name.split()[0]: p for p in Person.objects.all()}
    problem = services.create_problem(
        title="Veel telefoontjes over afval en containers",
        description="Sinds de nieuwe ondergrondse containers bellen veel mensen over de afvalpas en de ophaaldag.",
        patterns=Pattern.objects.filter(service=waste, kind__in=["level_shift", "emerging_topic"]),
        services=[waste],
    )
    experiment = services.propose_experiment(
        problem=problem,
        title="WhatsApp-bot voor afvalvragen",
        intervention="een WhatsApp-bot de vragen over de afvalpas en de ophaaldag beantwoordt",
        expected_effect="minder telefoontjes over afval en meer vragen via WhatsApp",
        team=list(Person.objects.filter(name__in=TEAM)),
        budget=18000,
        start=BOT_DAY,
        end=date(2026, 9, 30),
        metrics=[
            {"channel": "telefoon", "service": waste, "better": "lager"},
            {"channel": "whatsapp", "service": waste, "better": "hoger"},
        ],
        conditions_met=True,
        proposed_by=people["Sanne"],
    )
    LogEntry.objects.filter(experiment=experiment).update(day=PROPOSED_ON)
    services.advance(experiment, "start", by=people["Ahmed"])
    for day, kind, author, text in LOG:
        services.add_log_entry(experiment, author=people[author], kind=kind, text=text, day=day)
    services.advance(experiment, "evaluate", by=people["Ahmed"])
    services.measure(experiment)
    services.advance(
        experiment,
        "decide",
        by=people["Fatima"],
        decision="opschalen",
        note="De bot gaat ook vragen over parkeren en paspoorten beantwoorden.",
    )
    experiment.log.filter(kind="besluit", day__gt=date(2026, 9, 30)).update(day=date(2026, 10, 6))
    services.write_lesson(
        title="Een WhatsApp-bot haalt eenvoudige afvalvragen weg bij de telefoon",
        experiment=experiment,
        tried="Drie maanden een WhatsApp-bot voor vragen over de afvalpas en de ophaaldag, met overdracht aan het KCC.",
        happened="Ongeveer 30% minder telefoontjes over afval; WhatsApp-vragen over afval ruim verdubbeld. "
        "Ouderen bleven bellen.",
        learned="Een goedkope bot voor veelgestelde vragen doet meer dan een groot systeem; de overdracht aan een mens "
        "maakt het verschil.",
        differently="Eerder de openingstijden van de milieustraat opnemen; vooraf met ouderenbonden praten.",
        outcome="geslaagd",
        tags=["whatsapp", "afval", "kanaalsturing"],
        visibility="openbaar",
        author=people["Ahmed"],
    )
    services.write_lesson(
        title="Een chatbot op de website zonder overdracht aan een medewerker",
        tried="In 2025 een chatbot op de website die alleen naar pagina's verwees.",
        happened="Inwoners raakten in een rondje en belden daarna alsnog, bozer dan eerst.",
        learned="Een bot zonder uitweg naar een mens verplaatst frustratie in plaats van vragen.",
        differently="Altijd een overdracht naar een medewerker inbouwen en de eerste weken dagelijks meelezen.",
        outcome="mislukt",
        tags=["chat", "website"],
        visibility="openbaar",
        author=people["Sanne"],
    )
    # The demo's history happened in 2026, not on the day it is loaded.
    Experiment.objects.filter(pk=experiment.pk).update(
        created_at=_moment(PROPOSED_ON), approved_at=_moment(PROPOSED_ON)
    )
    Lesson.objects.update(created_at=_moment(LESSONS_WRITTEN_ON))


def _moment(day: date):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))
