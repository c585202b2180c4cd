"""A shared mailbox over IMAP with TLS: each new message (by UID) becomes an `email` signal.

`--url imaps://USER@HOST[:993]/MAP` (implicit TLS) or `imap://USER@HOST[:143]/MAP` (STARTTLS, required); the
password is in the token file. The cursor is `UIDVALIDITY:UID` of the last message read; a mailbox whose
UIDVALIDITY changed is read again from the start (the Message-ID keeps each message one signal). Subject and
body are the text, quoted replies and signatures removed (`mail_text`); attachments are never read.
"""

import email
import imaplib
import ssl
import time
from email import policy
from email.utils import parsedate_to_datetime
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.intake.sync.feed import Feed
from leerlus.intake.sync.http import SourceUnavailable
from leerlus.intake.sync.mail_text import body_text

BATCH = 50


class ImapFeed(Feed):
    kind = "imap"
    default_channel = "email"

    def seen(self, mark: str) -> None:
        self.latest = mark  # UIDs only grow within one UIDVALIDITY, and are read in order

    def records(self):
        parts = urlsplit(self.source.url)
        if parts.scheme not in ("imaps", "imap") or not parts.hostname or not parts.username:
            raise SourceUnavailable(
                _("'%(v)s' is geen mailboxadres; gebruik imaps://gebruiker@server/INBOX.") % {"v": self.source.url}
            )
        client = self._connect(parts)
        try:
            yield from self._messages(client, unquote(parts.path.strip("/")) or "INBOX")
        except (imaplib.IMAP4.error, OSError) as error:
            raise SourceUnavailable(_("De mailbox gaf een fout: %(e)s") % {"e": str(error)[:200]}) from None
        finally:
            try:
                client.logout()
            except (imaplib.IMAP4.error, OSError):
                pass

    def _connect(self, parts) -> imaplib.IMAP4:
        password = self.secret()
        context = ssl.create_default_context()
        if settings.MAILBOX_CA_FILE:
            context.load_verify_locations(settings.MAILBOX_CA_FILE)
        pauses = list(settings.SYNC_RETRY_SECONDS)
        while True:
            try:
                if parts.scheme == "imaps":
                    client = imaplib.IMAP4_SSL(
                        parts.hostname, parts.port or 993, ssl_context=context, timeout=settings.SYNC_TIMEOUT_SECONDS
                    )
                else:
                    client = imaplib.IMAP4(parts.hostname, parts.port or 143, timeout=settings.SYNC_TIMEOUT_SECONDS)
                    client.starttls(ssl_context=context)
                break
            except (OSError, imaplib.IMAP4.abort) as error:
                if not pauses:
                    raise SourceUnavailable(
                        _("%(host)s is niet bereikbaar: %(reason)s.") % {"host": parts.hostname, "reason": error}
                    ) from None
                time.sleep(pauses.pop(0))
        try:
            client.login(unquote(parts.username), password)
        except imaplib.IMAP4.error:
            raise SourceUnavailable(
                _("De mailbox weigert gebruiker %(u)s. Controleer het wachtwoordbestand.") % {"u": parts.username}
            ) from None
        return client

    def _messages(self, client: imaplib.IMAP4, mailbox: str):
        status, _data = client.select(_quoted(mailbox), readonly=True)
        if status != "OK":
            raise SourceUnavailable(_("Map '%(m)s' bestaat niet in de mailbox.") % {"m": mailbox})
        validity = client.response("UIDVALIDITY")[1][0].decode()
        kept_validity, _sep, kept_uid = self.cursor.partition(":")
        last = int(kept_uid) if kept_validity == validity and kept_uid.isdigit() else 0
        _status, found = client.uid("SEARCH", None, f"UID {last + 1}:*")
        uids = sorted(int(u) for u in (found[0] or b"").split() if int(u) > last)
        for start in range(0, len(uids), BATCH):
            batch = uids[start : start + BATCH]
            _status, data = client.uid("FETCH", ",".join(map(str, batch)), "(UID BODY.PEEK[])")
            for item in data:
                if isinstance(item, tuple):
                    uid = int(item[0].split(b"UID ")[1].split()[0])
                    yield self.record(email.message_from_bytes(item[1], policy=policy.default), validity, uid)
                    self.seen(f"{validity}:{uid}")

    @staticmethod
    def record(message, validity: str, uid: int) -> dict:
        message_id = (message.get("Message-ID") or "").strip() or f"{validity}:{uid}"
        subject = (message.get("Subject") or "").strip()
        body = body_text(message)
        try:
            received = parsedate_to_datetime(message.get("Date")).isoformat()
        except (TypeError, ValueError):
            received = timezone.now().isoformat()
        return {
            "id": f"imap:{message_id}"[:200],
            "received_at": received,
            "text": f"{subject}\n{body}".strip(),
        }


def _quoted(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'
