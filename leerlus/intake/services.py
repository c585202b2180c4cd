"""Writes signals: `import_file` streams a file through redaction into the database."""

import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _

from leerlus.core.models import Signal
from leerlus.core.services import refresh_daily_counts
from leerlus.errors import InputError
from leerlus.intake.cleaning import INSERT_COLUMNS, ChannelResolver, RowCleaner, ServiceResolver
from leerlus.intake.columns import ColumnPlan
from leerlus.intake.models import MAX_STORED_ERRORS, ImportBatch
from leerlus.intake.pipeline import cleaned_chunks, cleaned_in_worker
from leerlus.intake.readers import Table, reader_for
from leerlus.intake.schemas import ImportSummary

INSERT_SQL = "INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT (dedupe_key) DO NOTHING".format(
    table=Signal._meta.db_table,
    columns=", ".join(INSERT_COLUMNS),
    values=", ".join(["%s"] * len(INSERT_COLUMNS)),
)


def write_chunk(rows: list[tuple]) -> int:
    """Stores one chunk in one transaction; returns how many rows were new."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(INSERT_SQL, rows)
        return cursor.rowcount


def import_file(
    path: Path,
    *,
    file_format: str | None = None,
    default_channel: str | None = None,
    column_map: dict[str, str] | None = None,
    channel_map: dict[str, str] | None = None,
    user=None,
    display_name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Imports every valid row of one file; returns what was read, kept, skipped and why.

    Idempotent: a row already stored (same external id, else same content and occurrence in the
    file) is counted as a duplicate. A bad row is reported with its line number and never stops
    the others. A file that cannot give any row raises InputError before anything is written.
    """
    started = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        raise InputError(_("Bestand '%(f)s' bestaat niet.") % {"f": path})
    reader = reader_for(path, file_format)
    return import_table(
        reader.read(path),
        display_name or path.name,
        reader.name,
        default_channel=default_channel,
        column_map=column_map,
        channel_map=channel_map,
        user=user,
        progress=progress,
        started=started,
        reopen=lambda: reader.read(path),
    )


def import_table(
    table: Table,
    name: str,
    file_format: str,
    *,
    default_channel: str | None = None,
    column_map: dict[str, str] | None = None,
    channel_map: dict[str, str] | None = None,
    user=None,
    progress: Callable[[int], None] | None = None,
    started: float | None = None,
    reopen: Callable[[], Table] | None = None,
) -> ImportSummary:
    """Imports the rows of a table that a reader (or the demo) produced; see `import_file`.

    With `reopen` (a way to read the table again from the start) the rows are cleaned in a worker
    process while this one writes.
    """
    started = started or time.perf_counter()
    plan = ColumnPlan.from_columns(table.columns, column_map or {}, name)
    plan.check(table.columns, name, has_default_channel=bool(default_channel))
    channels = ChannelResolver(channel_map or {})
    default = channels.resolve_option(default_channel) if default_channel else None
    channels.remember_aliases()
    batch = ImportBatch.objects.create(file_name=name[:255], file_format=file_format, user=user)
    cleaner = RowCleaner(plan, channels, default, batch.id, datetimes_as_text=connection.vendor == "sqlite")
    services = ServiceResolver()
    errors, read, imported = [], 0, 0
    chunks = cleaned_in_worker(reopen, cleaner) if reopen else cleaned_chunks(table, cleaner)
    for chunk in chunks:
        imported += write_chunk(services.ids(chunk.rows)) if chunk.rows else 0
        errors += chunk.errors
        read = chunk.read
        if progress:
            progress(read)

    if cleaner.days():
        refresh_daily_counts(*cleaner.days())
    summary = ImportSummary(
        read=read,
        imported=imported,
        duplicates=read - len(errors) - imported,
        rejected=len(errors),
        errors=errors,
        redacted=dict(sorted(cleaner.redactor.counts.items())),
        seconds=round(time.perf_counter() - started, 3),
    )
    ImportBatch.objects.filter(pk=batch.pk).update(
        read=summary.read,
        imported=summary.imported,
        duplicates=summary.duplicates,
        rejected=summary.rejected,
        redacted=summary.redacted,
        errors=errors[:MAX_STORED_ERRORS],
        seconds=summary.seconds,
    )
    return summary
