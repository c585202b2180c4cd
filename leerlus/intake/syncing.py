"""Sources that sync: add one, list them, sync one through the import pipeline, and which are due.

A sync reads the source's new items (`intake.sync`), imports them with `import_table` (the same validation and
redaction as a file), and moves the source's cursor only when the read was complete. The source keeps its
last error and how many syncs failed in a row; the start page names a source that keeps failing.
"""

import re
import time
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.audit.recorder import record
from leerlus.errors import InputError
from leerlus.intake.models import Source
from leerlus.intake.schemas import SyncSummary
from leerlus.intake.services import import_table
from leerlus.intake.sync import FEEDS
from leerlus.intake.wizard import Mapping

_INTERVAL = re.compile(r"^\s*(\d+)\s*([mhd])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def parse_interval(text: str) -> timedelta:
    """`15m`, `2h`, `1d`: at least one minute."""
    found = _INTERVAL.match(text or "")
    if not found or int(found.group(1)) < 1:
        raise InputError(_("'%(v)s' is geen interval; gebruik bijv. 15m, 2h of 1d.") % {"v": (text or "")[:20]})
    return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})


def add_source(kind: str, name: str, *, url: str = "", token_file=None, every: str | None = None, user=None) -> Source:
    """Saves (or changes) a source to sync; the token file is checked now and read again at every sync."""
    name = " ".join(name.split())[:100]
    token_file = Path(token_file).absolute() if token_file is not None else None
    check_connection(kind, name, url, token_file)
    source, _created = Source.objects.update_or_create(
        name=name,
        defaults={
            "kind": kind,
            "url": url,
            "token_file": str(token_file or ""),
            "every": parse_interval(every) if every else None,
            "created_by": user,
        },
    )
    return source


def check_connection(kind: str, name: str, url: str, token_file: Path | None) -> None:
    """What a source to sync needs (also checked by Beheer): a known kind, a name, an address without a password,
    and a token file that exists."""
    if kind not in FEEDS:
        raise InputError(
            _("Onbekende soort bron '%(v)s'. Kies uit: %(keuzes)s.") % {"v": kind, "keuzes": ", ".join(FEEDS)}
        )
    if not name:
        raise InputError(_("Geef de bron een naam."))
    if not url:
        raise InputError(_("Bron '%(n)s' heeft een adres nodig (--url).") % {"n": name})
    if re.match(r"^[a-z]+://[^/@]*:[^/@]*@", url):
        raise InputError(_("Zet geen wachtwoord in het adres; geef het in een bestand met --token-file."))
    if token_file and not Path(token_file).is_file():
        raise InputError(_("Sleutelbestand '%(f)s' bestaat niet.") % {"f": token_file})


def sync_source(name: str, *, user=None) -> SyncSummary:
    """Reads what is new at the source and imports it; errors are reported in the summary, not raised."""
    started = time.perf_counter()
    source = source_to_sync(name)
    feed = FEEDS[source.kind](source)
    mapping = Mapping.from_json(source.mapping or {})
    summary = import_table(
        feed.table(),
        source.name,
        source.kind,
        default_channel=feed.default_channel,
        channel_map=mapping.channel_map,
        user=user,
        started=started,
    )
    cursor = feed.new_cursor()
    Source.objects.filter(pk=source.pk).update(
        cursor=cursor,
        last_sync_at=timezone.now(),
        last_used_at=timezone.now(),
        last_error=feed.error or "",
        failures=source.failures + 1 if feed.error else 0,
    )
    result = SyncSummary(
        source=source.name,
        fetched=feed.fetched + feed.confidential,
        imported=summary.imported,
        duplicates=summary.duplicates,
        rejected=summary.rejected,
        confidential=feed.confidential,
        errors=[feed.error] if feed.error else [],
        rejected_by_reason=summary.rejected_by_reason,
        redacted=summary.redacted,
        cursor=cursor,
        seconds=round(time.perf_counter() - started, 3),
    )
    record(
        "sync",
        "intake.source",
        (_("%(n)s opgehaald, %(i)s nieuw; gestopt door een fout") if feed.error else _("%(n)s opgehaald, %(i)s nieuw"))
        % {"n": result.fetched, "i": result.imported},
        source.pk,
    )
    return result


def source_to_sync(name: str) -> Source:
    source = Source.objects.filter(name=name).exclude(kind=Source.Kind.FILE).first()
    if source is None:
        names = ", ".join(synced_sources().values_list("name", flat=True)) or _("geen")
        raise InputError(
            _("Onbekende bron '%(v)s'. Bronnen om te synchroniseren: %(keuzes)s.") % {"v": name, "keuzes": names}
        )
    return source


def synced_sources():
    return Source.objects.exclude(kind=Source.Kind.FILE)


def due_sources(now) -> list[Source]:
    """Sources with a schedule whose interval has passed since their last sync (or that never synced)."""
    return [
        source
        for source in synced_sources().filter(every__isnull=False)
        if source.last_sync_at is None or now - source.last_sync_at >= source.every
    ]


def failing_sources():
    """Sources whose last syncs failed in a row, for the start page."""
    return synced_sources().filter(failures__gte=Source.FAILING_AFTER)
