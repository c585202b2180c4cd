"""A real IMAP mailbox on loopback: Dovecot from Debian (`make imap-server`), with TLS and one user, for the demo's
shared mailbox and the mailbox tests.

Dovecot is started as a child process with a configuration in a folder of its own, and a certificate made for the
occasion; a client trusts that certificate through `LEERLUS_MAILBOX_CA_FILE` (settings.MAILBOX_CA_FILE).
"""

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = Path("/usr/sbin/dovecot")


@dataclass(frozen=True)
class Mailbox:
    url: str  # imaps://USER@127.0.0.1:PORT/INBOX
    maildir: Path  # put a message file in maildir/new to deliver it
    certificate: Path  # what a client must trust
    owner: tuple[int, int]  # uid and gid of the mail files


def has_dovecot() -> bool:
    return DOVECOT.exists()


@contextmanager
def running_mailbox(user: str, password: str) -> Iterator[Mailbox]:
    """A running Dovecot with one user and an empty INBOX, for as long as the block runs.

    Its files live in a new folder under the system's temporary folder, which Dovecot's own users can enter (a
    private folder such as pytest's or a data directory under /root they could not)."""
    with tempfile.TemporaryDirectory(prefix="leerlus-imap-") as folder:
        root = Path(folder)
        root.chmod(0o755)
        (root / "run").mkdir()
        (root / "state").mkdir()
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        (root / "passwd").write_text(f"{user}:{{PLAIN}}{password}\n")
        port = _free_port()
        owner = _mail_owner()
        (root / "dovecot.conf").write_text(_configuration(root, port, owner))
        maildir = root / "home" / user / "Maildir"
        for sub in ("new", "cur", "tmp"):
            (maildir / sub).mkdir(parents=True)
        for directory in [root / "home", maildir.parent, maildir, *(maildir / sub for sub in ("new", "cur", "tmp"))]:
            shutil.chown(directory, *owner)
        server = subprocess.Popen([DOVECOT, "-F", "-c", str(root / "dovecot.conf")], stderr=subprocess.PIPE)
        try:
            _wait_for(server, port)
            yield Mailbox(f"imaps://{user}@127.0.0.1:{port}/INBOX", maildir, root / "cert.pem", owner)
        finally:
            server.terminate()
            server.wait(timeout=10)


def deliver(mailbox: Mailbox, name: str, message: bytes) -> None:
    """Puts one message (its bytes, as sent) into the INBOX."""
    path = mailbox.maildir / "new" / name
    path.write_bytes(message)
    shutil.chown(path, *mailbox.owner)


def _mail_owner() -> tuple[int, int]:
    """Dovecot refuses root as a mail user: as root, the mailbox belongs to nobody."""
    if os.getuid():
        return os.getuid(), os.getgid()
    return pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid


def _configuration(root: Path, port: int, owner: tuple[int, int]) -> str:
    me = "root" if os.getuid() == 0 else os.environ.get("USER", "root")
    return f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain
first_valid_uid = {owner[0]}
first_valid_gid = {owner[1]}
default_internal_user = {"dovecot" if os.getuid() == 0 else me}
default_login_user = {"dovenull" if os.getuid() == 0 else me}
passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = static
  args = uid={owner[0]} gid={owner[1]} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service auth {{
  user = {me}
}}
service auth-worker {{
  user = {me}
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Dovecot did not start: {server.stderr.read().decode()[-500:]}") from None
            time.sleep(0.1)
