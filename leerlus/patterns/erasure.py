"""Erases one person's signals on request: the rows, their day counts, and the vocabularies learned from them.

A person is found by a piece of their text (redacted the same way as at import, so "mevrouw Jansen,
06-12345678" finds what was stored as "mevrouw [NAAM], [TELEFOON]") or by the external id of their
case (also in its hashed form). The day counts of the start page and of the series are recounted
for the days involved. The classifier and the words-per-day counts were learned from every text,
so they are dropped and an analysis is asked for, which is then a full one that rebuilds them from
the signals that remain. SQLite runs with `secure_delete`, and the write-ahead log is emptied
afterwards, so the erased text is gone from the files, not only from the tables.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from leerlus.analysis.redact import redact
from leerlus.audit.models import AuditEntry
from leerlus.audit.recorder import record
from leerlus.core.models import Signal
from leerlus.core.services import refresh_daily_counts
from leerlus.errors import InputError
from leerlus.intake.cleaning import hashed_external_id
from leerlus.jobs.services import request_analysis
from leerlus.patterns import signal_store
from leerlus.patterns.models import AnalysisState, Pattern


@dataclass(frozen=True)
class Erasure:
    """What `leerlus erase` found and removed (`--json` prints this)."""

    signals: int
    days: list[str]
    dry_run: bool
    analysis_requested: bool


def matching_signals(*, text: str = "", external_id: str = ""):
    """The signals of one person: their text contains `text` (as stored, redacted), or their case has this id."""
    text, external_id = text.strip(), external_id.strip()
    if not text and not external_id:
        raise InputError(_("Geef --text of --external-id op: daarmee worden de signalen van één persoon gevonden."))
    query = Q()
    if text:
        stored = redact(text).strip()
        if len(stored) < 5:
            raise InputError(_("De tekst bij --text is te kort om één persoon te vinden; geef een langer stuk tekst."))
        query |= Q(text__icontains=stored) | Q(text__icontains=text)
    if external_id:
        query |= Q(external_id__in=[external_id, hashed_external_id(external_id)])
    return Signal.objects.filter(query)


def erase_signals(*, text: str = "", external_id: str = "", dry_run: bool = False) -> Erasure:
    """Removes the matching signals (or only counts them with `dry_run`) and everything counted from them."""
    found = list(matching_signals(text=text, external_id=external_id).values_list("id", "received_on"))
    days = sorted({day for _id, day in found})
    if dry_run or not found:
        return Erasure(len(found), [d.isoformat() for d in days], dry_run, False)
    ids = [pk for pk, _day in found]
    with transaction.atomic():
        Signal.objects.filter(id__in=ids).delete()
        for day in days:
            refresh_daily_counts(day, day)
            signal_store.recount_days(day, day)
        for pattern in Pattern.objects.filter(examples__isnull=False).only("id", "examples"):
            kept = [example for example in pattern.examples if example not in ids]
            if kept != pattern.examples:
                Pattern.objects.filter(pk=pattern.pk).update(examples=kept)
        AnalysisState.objects.update(classifier=None, words_per_day=None)
        record(AuditEntry.Action.DELETE, "core.signal", _("gewist op verzoek: %(n)s signalen") % {"n": len(ids)})
    request_analysis()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Erasure(len(found), [d.isoformat() for d in days], False, True)
