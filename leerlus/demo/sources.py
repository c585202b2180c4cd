"""The demo's connected systems: Signalen, Open Klant and KISS as sources named "Demo — …", synced by hand.

They are the fakes of demo/fake_sources.py, which `leerlus serve` and `leerlus sync` start on the demo's data
directory (and point these sources at). A few items from the last hours, with personal data planted in their texts
to show the redaction; they do not touch the demo's planted patterns. There is no demo mailbox: the demo has no mail
server (dovecot is only installed for the tests), and a source pointed at nothing would only fail after its
retries (42 s) at every `leerlus sync`; the sources page in Beheer says so.
"""

from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from leerlus.demo.fake_sources import TOKEN, FakeSources
from leerlus.intake.models import Source
from leerlus.intake.syncing import add_source

PREFIX = "Demo — "


def token_file():
    return settings.HOME / "demo-bronnen-token"


def add_demo_sources() -> None:
    """Saves the three demo sources with the fakes' token; their address is set when the fakes start."""
    token_file().write_text(TOKEN + "\n")
    token_file().chmod(0o600)
    for kind, name in (("signalen", "Signalen"), ("openklant", "Open Klant"), ("kiss", "KISS")):
        add_source(kind, PREFIX + name, url="http://127.0.0.1:1", token_file=token_file())


def has_demo_sources() -> bool:
    return Source.objects.filter(name__startswith=PREFIX).exists()


@contextmanager
def serving_demo_sources():
    """On the demo's data directory: starts the fakes with the demo's items on a free port for as long as the block
    runs (the server's life, or one `leerlus sync`) and points the demo's API sources at them. Elsewhere: nothing."""
    if not has_demo_sources():
        yield None
        return
    with FakeSources() as fake:
        fill(fake)
        Source.objects.filter(name__startswith=PREFIX).update(url=fake.url)
        Source.objects.filter(name=PREFIX + "Open Klant").update(url=fake.url + "/klantinteracties/api/v1")
        yield fake


def fill(fake: FakeSources) -> None:
    """A few recent items per system, as each system's API gives them."""
    now = timezone.now().replace(microsecond=0)

    def hours_ago(n: int) -> str:
        return (now - timedelta(hours=n)).isoformat()

    fake.signalen = [
        {
            "id": 9000 + i,
            "created_at": hours_ago(i + 1),
            "updated_at": hours_ago(i),
            "source": "online",
            "text": text,
            "category": {"main": "Afval", "sub": sub, "departments": "Stadsbeheer"},
            "location": {"address": {"openbare_ruimte": "Dorpsstraat", "huisnummer": 12}},
        }
        for i, (sub, text) in enumerate(
            [
                ("Container is vol", "De container bij de Dorpsstraat zit weer vol, bel mij op 06-12345678"),
                ("Grofvuil", "Grofvuil staat al een week naast de container"),
                ("Zwerfvuil", "Veel zwerfvuil bij het winkelcentrum na de markt"),
            ]
        )
    ]
    fake.klantcontacten = [
        {
            "uuid": f"00000000-0000-4000-8000-00000000000{i}",
            "plaatsgevondenOp": hours_ago(i + 1),
            "kanaal": kanaal,
            "onderwerp": subject,
            "inhoud": content,
            "vertrouwelijk": i == 2,
        }
        for i, (kanaal, subject, content) in enumerate(
            [
                ("telefoon", "Paspoort", "Wanneer kan ik mijn paspoort ophalen? Mijn e-mail is jan@example.nl"),
                ("e-mail", "Parkeervergunning", "De aanvraag via de website loopt vast bij het betalen"),
                ("telefoon", "Schuldhulp", "Vertrouwelijk gesprek"),
            ]
        )
    ]
    fake.contactmomenten = [
        {
            "id": f"demo-{i}",
            "startdatum": hours_ago(i + 1),
            "gespreksresultaat": result,
            "vraag": question,
            "specifiekeVraag": text,
            "verantwoordelijkeAfdeling": department,
        }
        for i, (result, question, text, department) in enumerate(
            [
                ("Doorverbonden", "Bijstand", "Vraag over de uitbetaling deze maand", "Werk en Inkomen"),
                ("Zelfstandig afgehandeld", "Afvalkalender", "Wanneer wordt het papier opgehaald?", "Stadsbeheer"),
            ]
        )
    ]
