"""The shared mailbox against a real IMAP server: Dovecot from Debian, started on loopback with TLS (a certificate
made for the test), a maildir the test fills. Each message once, by Message-ID; replies, signatures and
attachments stay out."""

import json
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from click.testing import CliRunner

from leerlus.cli import cli
from leerlus.core.models import Signal
from leerlus.demo.mailbox import deliver as put
from leerlus.demo.mailbox import has_dovecot, running_mailbox
from leerlus.intake.sync.mail_text import without_replies
from leerlus.intake.syncing import add_source

pytestmark = pytest.mark.django_db
PASSWORD = "postbus-wachtwoord"


@pytest.fixture
def mailbox(settings):
    """A running Dovecot with user `kcc`; yields (url, the Mailbox). The client trusts its certificate through
    settings.MAILBOX_CA_FILE, as a municipality's own certificate authority."""
    assert has_dovecot(), "make imap-server installs Dovecot (Debian dovecot-imapd)"
    with running_mailbox("kcc", PASSWORD) as box:
        settings.MAILBOX_CA_FILE = str(box.certificate)
        yield box.url, box


def deliver(box, number: int, body: str, *, attachment: bytes | None = None) -> str:
    message = EmailMessage()
    message["From"] = "inwoner@example.nl"
    message["To"] = "kcc@gemeente.example"
    message["Subject"] = f"Vraag {number} over mijn parkeervergunning"
    message["Date"] = format_datetime(datetime(2025, 6, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=number))
    message["Message-ID"] = make_msgid(domain="example.nl")
    message.set_content(body)
    if attachment:
        message.add_attachment(attachment, maintype="application", subtype="pdf", filename="kopie-paspoort.pdf")
    put(box, f"{time.time_ns()}.{number}.test", message.as_bytes())
    return message["Message-ID"]


def sync():
    result = CliRunner().invoke(cli, ["sync", "Postbus", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_message_once_without_reply_signature_or_attachment(mailbox, tmp_path):
    url, box = mailbox
    password = tmp_path / "wachtwoord.txt"
    password.write_text(PASSWORD)
    add_source("imap", "Postbus", url=url, token_file=password)
    body = (
        "Mijn vergunning verloopt en verlengen lukt niet online.\nBel mij op 06-12345678.\n\n"
        "Met vriendelijke groet,\nJan Jansen\nDorpsstraat 12\n\n"
        "Op 1 juni 2025 schreef Gemeente <kcc@gemeente.example>:\n> Eerder antwoord met BSN 123456782\n"
    )
    first_id = deliver(box, 1, body, attachment=b"%PDF-1.4 paspoort")
    deliver(box, 2, "Waar haal ik een nieuwe pas?\n-- \nP. de Vries")
    first = sync()
    assert first["errors"] == []
    assert (first["fetched"], first["imported"]) == (2, 2)
    assert sync()["imported"] == 0
    deliver(box, 3, "Nog een vraag over de vergunning.")
    third = sync()
    assert (third["fetched"], third["imported"]) == (1, 1)
    signal = Signal.objects.get(text__contains="verlengen lukt niet online")
    assert signal.channel == "email"
    assert first_id not in signal.external_id  # a Message-ID looks like an e-mail address: kept as a keyed hash
    stored = " ".join(Signal.objects.values_list("text", flat=True))
    for absent in ("06-12345678", "Jan Jansen", "Dorpsstraat", "123456782", "Eerder antwoord", "P. de Vries", "PDF"):
        assert absent not in stored


def test_a_wrong_password_is_reported_without_it(mailbox, tmp_path):
    url, _box = mailbox
    wrong = tmp_path / "fout.txt"
    wrong.write_text("geraden")
    add_source("imap", "Postbus", url=url, token_file=wrong)
    result = sync()
    assert "weigert gebruiker kcc" in result["errors"][0] and "geraden" not in json.dumps(result)


def test_quoted_replies_and_signatures_are_cut():
    text = "Graag hulp.\n> oud\nOn Mon, 2 Jun 2025, Gemeente wrote:\n> nog ouder"
    assert without_replies(text) == "Graag hulp."
    assert without_replies("Vraag\n\nVerzonden vanaf mijn iPhone") == "Vraag"
