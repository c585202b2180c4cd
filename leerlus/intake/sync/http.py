"""JSON over HTTP for the sync readers: bounded retries with growing pauses on network errors, time-outs and 5xx."""

import json
import shutil
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

RETRY_STATUSES = {429, 500, 502, 503, 504}


class SourceUnavailable(Exception):
    """The source could not be read (after the retries); the message is Dutch and names no secret."""


def get_json(url: str, headers: dict[str, str]) -> dict:
    """The JSON document at `url`; retried after each pause in settings.SYNC_RETRY_SECONDS, then SourceUnavailable."""
    try:
        return json.loads(_with_retries(url, headers, lambda response: response.read()))
    except ValueError:
        raise SourceUnavailable(_("%(url)s gaf geen geldige JSON.") % {"url": _where(url)}) from None


def download(url: str, headers: dict[str, str], target) -> None:
    """Streams the body at `url` into the open binary file `target` (from the start again after a retry)."""

    def copy(response) -> None:
        target.seek(0)
        target.truncate()
        shutil.copyfileobj(response, target, 1 << 20)

    _with_retries(url, headers, copy)


def _with_retries(url: str, headers: dict[str, str], consume):
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})
    pauses = list(settings.SYNC_RETRY_SECONDS)
    while True:
        try:
            with urllib.request.urlopen(request, timeout=settings.SYNC_TIMEOUT_SECONDS) as response:
                return consume(response)
        except urllib.error.HTTPError as error:
            if error.code not in RETRY_STATUSES or not pauses:
                raise SourceUnavailable(_http_message(url, error.code)) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            if not pauses:
                reason = getattr(error, "reason", error)
                raise SourceUnavailable(
                    _("%(host)s is niet bereikbaar: %(reason)s.") % {"host": _where(url), "reason": reason}
                ) from None
        time.sleep(pauses.pop(0))


def _where(url: str) -> str:
    """Scheme, host and path: never the query (it may carry a cursor or a filter, never a secret, but keep it short)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"


def _http_message(url: str, status: int) -> str:
    if status in (401, 403):
        return _("%(url)s weigert de sleutel (HTTP %(s)s). Controleer het sleutelbestand.") % {
            "url": _where(url),
            "s": status,
        }
    return _("%(url)s antwoordde met HTTP %(s)s.") % {"url": _where(url), "s": status}
