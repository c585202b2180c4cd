"""The shared mailbox against a real IMAP server: Dovecot from Debian, started on loopback with TLS (a certificate
made for the test), a maildir the test fills. Each message once, by Message-ID; replies, signatures and
attachments stay out."""

import grp
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from click.testing import CliRunner

from leerlus.cli import cli
from leerlus.core.models import Signal
from leerlus.intake.sync.mail_text import without_replies
from leerlus.intake.syncing import add_source

pytestmark = pytest.mark.django_db
DOVECOT = "/usr/sbin/dovecot"
PASSWORD = "postbus-wachtwoord"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def mailbox(monkeypatch):
    """A running Dovecot with user `kcc`; yields (url, maildir). The client trusts its certificate via SSL_CERT_FILE.

    Its files live outside pytest's private temporary folder, which Dovecot's own users could not enter."""
    assert os.path.exists(DOVECOT), "make imap-server installs Dovecot (Debian dovecot-imapd)"
    with tempfile.TemporaryDirectory(prefix="leerlus-imap-") as folder:
        os.chmod(folder, 0o755)
        yield from _dovecot(Path(folder), monkeypatch)


def _dovecot(root: Path, monkeypatch):
    (root / "run").mkdir(parents=True)
    (root / "state").mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    (root / "passwd").write_text(f"kcc:{{PLAIN}}{PASSWORD}\n")
    port = _free_port()
    # Dovecot refuses root as a mail user: as root, the mailbox belongs to nobody.
    uid, gid = (
        (os.getuid(), os.getgid()) if os.getuid() else (pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid)
    )
    (root / "dovecot.conf").write_text(
        f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain
first_valid_uid = {uid}
first_valid_gid = {gid}
default_internal_user = {"dovecot" if os.getuid() == 0 else os.environ.get("USER", "root")}
default_login_user = {"dovenull" if os.getuid() == 0 else os.environ.get("USER", "root")}
passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service auth {{
  user = {"root" if os.getuid() == 0 else os.environ.get("USER", "root")}
}}
service auth-worker {{
  user = {"root" if os.getuid() == 0 else os.environ.get("USER", "root")}
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {port}
    ssl = yes
  }}
}}
"""
    )
    maildir = root / "home" / "kcc" / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for directory in [root / "home", root / "home" / "kcc", maildir, *(maildir / sub for sub in ("new", "cur", "tmp"))]:
        shutil.chown(directory, uid, gid)
    server = subprocess.Popen([DOVECOT, "-F", "-c", str(root / "dovecot.conf")], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Dovecot did not start: {server.stderr.read().decode()[-500:]}") from None
            time.sleep(0.1)
    monkeypatch.setenv("SSL_CERT_FILE", str(root / "cert.pem"))
    yield f"imaps://kcc@127.0.0.1:{port}/INBOX", maildir
    server.terminate()
    server.wait(timeout=10)


def deliver(maildir, number: int, body: str, *, attachment: bytes | None = None) -> str:
    message = EmailMessage()
    message["From"] = "inwoner@example.nl"
    message["To"] = "kcc@gemeente.example"
    message["Subject"] = f"Vraag {number} over mijn parkeervergunning"
    message["Date"] = format_datetime(datetime(2025, 6, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=number))
    message["Message-ID"] = make_msgid(domain="example.nl")
    message.set_content(body)
    if attachment:
        message.add_attachment(attachment, maintype="application", subtype="pdf", filename="kopie-paspoort.pdf")
    path = maildir / "new" / f"{time.time_ns()}.{number}.test"
    path.write_bytes(message.as_bytes())
    shutil.chown(path, maildir.stat().st_uid, maildir.stat().st_gid)
    return message["Message-ID"]


def sync():
    result = CliRunner().invoke(cli, ["sync", "Postbus", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_message_once_without_reply_signature_or_attachment(mailbox, tmp_path):
    url, maildir = mailbox
    password = tmp_path / "wachtwoord.txt"
    password.write_text(PASSWORD)
    add_source("imap", "Postbus", url=url, token_file=password)
    body = (
        "Mijn vergunning verloopt en verlengen lukt niet online.\nBel mij op 06-12345678.\n\n"
        "Met vriendelijke groet,\nJan Jansen\nDorpsstraat 12\n\n"
        "Op 1 juni 2025 schreef Gemeente <kcc@gemeente.example>:\n> Eerder antwoord met BSN 123456782\n"
    )
    first_id = deliver(maildir, 1, body, attachment=b"%PDF-1.4 paspoort")
    deliver(maildir, 2, "Waar haal ik een nieuwe pas?\n-- \nP. de Vries")
    first = sync()
    assert first["errors"] == []
    assert (first["fetched"], first["imported"]) == (2, 2)
    assert sync()["imported"] == 0
    deliver(maildir, 3, "Nog een vraag over de vergunning.")
    third = sync()
    assert (third["fetched"], third["imported"]) == (1, 1)
    signal = Signal.objects.get(text__contains="verlengen lukt niet online")
    assert signal.channel == "email"
    assert first_id not in signal.external_id  # a Message-ID looks like an e-mail address: kept as a keyed hash
    stored = " ".join(Signal.objects.values_list("text", flat=True))
    for absent in ("06-12345678", "Jan Jansen", "Dorpsstraat", "123456782", "Eerder antwoord", "P. de Vries", "PDF"):
        assert absent not in stored


def test_a_wrong_password_is_reported_without_it(mailbox, tmp_path):
    url, _maildir = mailbox
    wrong = tmp_path / "fout.txt"
    wrong.write_text("geraden")
    add_source("imap", "Postbus", url=url, token_file=wrong)
    result = sync()
    assert "weigert gebruiker kcc" in result["errors"][0] and "geraden" not in json.dumps(result)


def test_quoted_replies_and_signatures_are_cut():
    text = "Graag hulp.\n> oud\nOn Mon, 2 Jun 2025, Gemeente wrote:\n> nog ouder"
    assert without_replies(text) == "Graag hulp."
    assert without_replies("Vraag\n\nVerzonden vanaf mijn iPhone") == "Vraag"
