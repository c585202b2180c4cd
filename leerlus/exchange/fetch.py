"""Reading another municipality's feed without trusting it: only from allowed addresses (addresses.py), a size
cap, an overall deadline (also for a server that trickles), JSON that may not nest deeply, and the feed's JSON
Schema (docs/lessons-feed.schema.json or docs/signals-feed.schema.json)."""

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

import leerlus
from leerlus.exchange.addresses import AddressRefused, CheckedHTTPHandler, CheckedHTTPSHandler

SCHEMA_FILE = Path(__file__).with_name("lessons-feed.schema.json")
SIGNALS_SCHEMA_FILE = Path(__file__).with_name("signals-feed.schema.json")
MAX_BYTES = 2 * 1024 * 1024  # one page of 50 lessons is about 100 kB
DEADLINE_SECONDS = 10.0
CHUNK = 64 * 1024


class FeedRejected(Exception):
    """A feed that cannot be read or is not a lessons feed; the message (Dutch) says why and is shown on the feed."""


class FeedMissing(FeedRejected):
    """The server answered 404: it does not publish this feed (a municipality that did not opt in to signalen.json)."""


@dataclass(frozen=True)
class FeedPage:
    document: dict | None  # None: not modified since the ETag we sent
    etag: str


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another http or https address (urllib would also follow one to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.startswith(("http://", "https://")):
            elsewhere = {"u": newurl[:200]}
            raise FeedRejected(_("De server stuurt door naar '%(u)s', geen http- of https-adres.") % elsewhere)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# Each hop of a redirect connects through the address check of CheckedHTTP(S)Handler.
OPENER = urllib.request.build_opener(_WebOnlyRedirects, CheckedHTTPHandler, CheckedHTTPSHandler)


@cache
def _validator(schema_file: Path = SCHEMA_FILE) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))


def fetch_page(
    url: str,
    *,
    etag: str = "",
    deadline: float = DEADLINE_SECONDS,
    max_bytes: int = MAX_BYTES,
    schema_file: Path = SCHEMA_FILE,
) -> FeedPage:
    """GETs one page of a feed and returns it checked against its schema; raises FeedRejected."""
    if not url.startswith(("http://", "https://")):
        raise FeedRejected(_("'%(u)s' is geen http- of https-adres.") % {"u": url[:200]})
    headers = {"Accept": "application/json", "User-Agent": f"leerlus/{leerlus.__version__}"}
    if etag:
        headers["If-None-Match"] = etag
    stop = time.monotonic() + deadline
    try:
        with OPENER.open(urllib.request.Request(url, headers=headers), timeout=deadline) as response:
            body = _read_limited(response, stop, max_bytes)
            new_etag = response.headers.get("ETag", "")
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return FeedPage(None, etag)
        if error.code == 404:
            raise FeedMissing(_("De server antwoordde met status %(s)s.") % {"s": error.code}) from None
        raise FeedRejected(_("De server antwoordde met status %(s)s.") % {"s": error.code}) from None
    except (TimeoutError, OSError) as error:
        if isinstance(refused := getattr(error, "reason", error), AddressRefused):  # urllib wraps it in a URLError
            raise FeedRejected(str(refused)) from None
        if isinstance(error, TimeoutError) or "timed out" in str(error):
            raise FeedRejected(_("De server antwoordde niet binnen %(n)s seconden.") % {"n": int(deadline)}) from None
        raise FeedRejected(_("De server is niet bereikbaar (%(e)s).") % {"e": str(error)[:200]}) from None
    return FeedPage(_checked(_parsed(body), schema_file), new_etag[:200])


def read_file(path: Path) -> dict:
    """A feed saved as a file (received by e-mail, or shipped with the demo), checked like one from the web: a
    signals feed (it has `counts`) against its schema, anything else against the lessons feed's."""
    try:
        with path.open("rb") as handle:
            body = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise FeedRejected(_("Kan %(f)s niet lezen: %(e)s") % {"f": path, "e": error.strerror}) from None
    if len(body) > MAX_BYTES:
        raise _too_large(MAX_BYTES)
    document = _parsed(body)
    return _checked(document, SIGNALS_SCHEMA_FILE if is_signals_feed(document) else SCHEMA_FILE)


def is_signals_feed(document) -> bool:
    return isinstance(document, dict) and "counts" in document


def _read_limited(response, stop: float, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    parts, size = [], 0
    while chunk := response.read1(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        if time.monotonic() > stop:
            raise TimeoutError
        parts.append(chunk)
    return b"".join(parts)


def _too_large(max_bytes: int) -> FeedRejected:
    return FeedRejected(
        _("De feed is groter dan %(n)s MB; zo groot is een pagina van een feed nooit.") % {"n": max_bytes // 2**20}
    )


def _parsed(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FeedRejected(_("De feed is geen leesbare JSON.")) from None


def _checked(document, schema_file: Path = SCHEMA_FILE) -> dict:
    try:
        error = next(iter(_validator(schema_file).iter_errors(document)), None)
    except RecursionError:
        raise FeedRejected(_("De feed is te diep genest.")) from None
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "/"
        raise FeedRejected(
            _("De feed past niet in het schema %(s)s (bij %(p)s: %(e)s).")
            % {"s": schema_file.name, "p": where[:100], "e": error.validator}
        )
    return document
