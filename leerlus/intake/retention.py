"""Retention: after the organisation's periods, a signal's free text is wiped (anonymised) and later the signal
is deleted. Run daily as a job and by `leerlus retention`.

The day counts stay: they hold no personal data, and the analysis needs the history. Each run is recorded in
the audit trail with its numbers. Writes go in chunks of ids, so a long run never holds the database.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.audit.models import AuditEntry
from leerlus.audit.recorder import record
from leerlus.core.models import Signal
from leerlus.core.selectors import current_organisation
from leerlus.intake.schemas import RetentionOut

CHUNK = 5_000
WIPED = {"text": "", "location": "", "department": "", "external_id": ""}


def _cutoff(days: int | None, today):
    """Signals received before this moment have passed the period; None when there is no period."""
    if not days:
        return None
    return timezone.make_aware(datetime.combine(today - timedelta(days=days), time.min))


def _not_yet_wiped(signals):
    return signals.exclude(text="", location="", department="", external_id="")


def apply_retention(*, dry_run: bool = False, today=None, progress=lambda done, total: None) -> RetentionOut:
    organisation = current_organisation()
    today = today or timezone.localdate()
    anonymise_days = organisation.anonymise_after_days if organisation else None
    delete_days = organisation.delete_after_days if organisation else None
    anonymise_before, delete_before = _cutoff(anonymise_days, today), _cutoff(delete_days, today)
    to_delete = Signal.objects.filter(received_at__lt=delete_before) if delete_before else Signal.objects.none()
    to_wipe = Signal.objects.none()
    if anonymise_before:
        to_wipe = _not_yet_wiped(Signal.objects.filter(received_at__lt=anonymise_before))
        if delete_before:
            to_wipe = to_wipe.filter(received_at__gte=delete_before)
    deleted, anonymised = to_delete.count(), to_wipe.count()
    if not dry_run:
        _in_chunks(to_delete, lambda ids: Signal.objects.filter(id__in=ids).delete(), deleted, progress)
        _in_chunks(to_wipe, lambda ids: Signal.objects.filter(id__in=ids).update(**WIPED), anonymised, progress)
        if deleted or anonymised:
            record(
                AuditEntry.Action.DELETE,
                "core.signal",
                _("bewaartermijn: %(d)s signalen verwijderd, %(a)s geanonimiseerd") % {"d": deleted, "a": anonymised},
            )
    return RetentionOut(
        dry_run=dry_run,
        anonymise_after_days=anonymise_days,
        delete_after_days=delete_days,
        anonymise_before=anonymise_before.date() if anonymise_before else None,
        delete_before=delete_before.date() if delete_before else None,
        anonymised=anonymised,
        deleted=deleted,
    )


def _in_chunks(signals, write, total: int, progress) -> None:
    done, last = 0, 0
    while ids := list(signals.filter(id__gt=last).order_by("id").values_list("id", flat=True)[:CHUNK]):
        with transaction.atomic():
            write(ids)
        done, last = done + len(ids), ids[-1]
        progress(done, total)
