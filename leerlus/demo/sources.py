"""The demo's connected systems: Signalen, Open Klant, KISS and a shared mailbox as sources named "Demo — …".

Signalen, Open Klant and KISS are the fakes of demo/fake_sources.py, the mailbox a real Dovecot on loopback
(demo/mailbox.py, installed by `make demo` as by `make test`); `leerlus serve` and `leerlus sync` start them on the
demo's data directory and point these sources at them. A few items from the last hours, with personal data planted
in their texts to show the redaction; they do not touch the demo's planted patterns. Without Dovecot the demo has no
mailbox source: one pointed at nothing would only fail after its retries (42 s) at every `leerlus sync`.
"""

import os
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from django.conf import settings
from django.utils import timezone

from leerlus.demo.fake_sources import TOKEN, FakeSources
from leerlus.demo.mailbox import deliver, has_dovecot, running_mailbox
from leerlus.intake.models import Source
from leerlus.intake.syncing import add_source

PREFIX = "Demo — "
MAILBOX = PREFIX + "Postbus"
MAILBOX_USER, MAILBOX_PASSWORD = "kcc", "demo-postbus"


def token_file():
    return settings.HOME / "demo-bronnen-token"


def password_file():
    return settings.HOME / "demo-postbus-wachtwoord"


def add_demo_sources() -> None:
    """Saves the demo sources with the fakes' token and the mailbox's password; their address is set when the fakes
    and the mailbox start."""
    for path, secret in ((token_file(), TOKEN), (password_file(), MAILBOX_PASSWORD)):
        path.write_text(secret + "\n")
        path.chmod(0o600)
    for kind, name in (("signalen", "Signalen"), ("openklant", "Open Klant"), ("kiss", "KISS")):
        add_source(kind, PREFIX + name, url="http://127.0.0.1:1", token_file=token_file())
    if has_dovecot():
        url = f"imaps://{MAILBOX_USER}@127.0.0.1:1/INBOX"
        add_source("imap", MAILBOX, url=url, token_file=password_file())


def has_demo_sources() -> bool:
    return Source.objects.filter(name__startswith=PREFIX).exists()


@contextmanager
def serving_demo_sources():
    """On the demo's data directory: starts the fakes with the demo's items on a free port, and the mailbox with its
    messages, for as long as the block runs (the server's life, or one `leerlus sync`), and points the demo's sources
    at them. Elsewhere: nothing."""
    if not has_demo_sources():
        yield None
        return
    with ExitStack() as stack:
        fake = stack.enter_context(FakeSources())
        fill(fake)
        Source.objects.filter(name__startswith=PREFIX).exclude(kind="imap").update(url=fake.url)
        Source.objects.filter(name=PREFIX + "Open Klant").update(url=fake.url + "/klantinteracties/api/v1")
        if Source.objects.filter(name=MAILBOX).exists() and has_dovecot():
            stack.enter_context(_serving_mailbox())
        yield fake


@contextmanager
def _serving_mailbox():
    """The demo mailbox with its messages; its certificate trusted by this process and the worker it starts."""
    with running_mailbox(MAILBOX_USER, MAILBOX_PASSWORD) as box:
        for number, message in enumerate(_messages(), 1):
            deliver(box, f"demo-{number}.eml", message)
        Source.objects.filter(name=MAILBOX).update(url=box.url)
        before = settings.MAILBOX_CA_FILE, os.environ.get("LEERLUS_MAILBOX_CA_FILE")
        settings.MAILBOX_CA_FILE = os.environ["LEERLUS_MAILBOX_CA_FILE"] = str(box.certificate)
        try:
            yield box
        finally:
            settings.MAILBOX_CA_FILE = before[0]
            if before[1] is None:
                os.environ.pop("LEERLUS_MAILBOX_CA_FILE")
            else:
                os.environ["LEERLUS_MAILBOX_CA_FILE"] = before[1]


def _messages() -> list[bytes]:
    """Two e-mails to the KCC from the last hours, one with a reply quoted below it and a signature with a phone
    number; the same Message-IDs each time, so a second sync adds nothing."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    mails = [
        (
            "Vraag over mijn parkeervergunning",
            "Mijn parkeervergunning is nog niet verlengd, kunt u dat nakijken?\n\n"
            "Met vriendelijke groet,\nPiet de Vries\n06-98765432\n\n"
            "Op 2 november schreef Gemeente Voorbeeldstad:\n> Wij hebben uw aanvraag ontvangen.",
        ),
        ("Afvalkalender", "Wanneer wordt het oud papier deze maand opgehaald in Oost?"),
    ]
    messages = []
    for number, (subject, body) in enumerate(mails, 1):
        message = EmailMessage()
        message["From"] = "inwoner@example.nl"
        message["To"] = "kcc@voorbeeldstad.example"
        message["Subject"] = subject
        message["Date"] = format_datetime(now - timedelta(hours=number))
        message["Message-ID"] = f"<demo-postbus-{number}@voorbeeldstad.example>"
        message.set_content(body)
        messages.append(message.as_bytes())
    return messages


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
