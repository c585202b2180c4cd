"""Writes signals: `import_file` streams a file through redaction into the database."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
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
from leerlus.intake.rejections import RejectedLinesFile, RejectionTally, described, rejected_rows
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


@dataclass(frozen=True)
class ImportProgress:
    """How far an import is: rows read so far, the estimated rows in the file (or None), the stage."""

    read: int
    total: int | None
    stage: str  # "reading" or "counting"

    def stage_label(self) -> str:
        return _("lezen en opschonen") if self.stage == "reading" else _("dagtellingen bijwerken")


def import_file(
    path: Path,
    *,
    file_format: str | None = None,
    default_channel: str | None = None,
    default_date: date | None = None,
    column_map: dict[str, str] | None = None,
    channel_map: dict[str, str] | None = None,
    user=None,
    display_name: str | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
) -> ImportSummary:
    """Imports every valid row of one file; returns what was read, kept, skipped and why.

    Idempotent: a row already stored (same external id, else same content and occurrence in the
    file) is counted as a duplicate. A bad row is reported with its line number and a reason code
    and never stops the others; every rejected line is also written to a CSV file next to the batch.
    A file that cannot give any row raises InputError before anything is written. Stopped half-way
    (a cancelled job, a crash), the rows written so far stay, and the same import again adds exactly
    the missing ones.
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
        default_date=default_date,
        column_map=column_map,
        channel_map=channel_map,
        user=user,
        progress=progress,
        started=started,
        reopen=lambda: reader.read(path),
        total=estimated_rows(path) if reader.name == "csv" else None,
    )


def estimated_rows(path: Path) -> int:
    """The number of lines after the header: the rows of a CSV file, unless texts span several lines."""
    lines = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


def import_table(
    table: Table,
    name: str,
    file_format: str,
    *,
    default_channel: str | None = None,
    default_date: date | None = None,
    column_map: dict[str, str] | None = None,
    channel_map: dict[str, str] | None = None,
    user=None,
    progress: Callable[[ImportProgress], None] | None = None,
    started: float | None = None,
    reopen: Callable[[], Table] | None = None,
    total: int | None = None,
) -> ImportSummary:
    """Imports the rows of a table that a reader (or the demo) produced; see `import_file`.

    With `reopen` (a way to read the table again from the start) the rows are cleaned in a worker
    process while this one writes.
    """
    started = started or time.perf_counter()
    plan = ColumnPlan.from_columns(table.columns, column_map or {}, name)
    plan.check(table.columns, name, has_default_channel=bool(default_channel), has_default_date=bool(default_date))
    channels = ChannelResolver(channel_map or {})
    default = channels.resolve_option(default_channel) if default_channel else None
    check_default_date(default_date)
    channels.remember_aliases()
    batch = ImportBatch.objects.create(file_name=name[:255], file_format=file_format, user=user)
    cleaner = RowCleaner(
        plan, channels, default, batch.id, datetimes_as_text=connection.vendor == "sqlite", default_date=default_date
    )
    run = _Run(batch, cleaner, total, progress)
    chunks = cleaned_in_worker(reopen, cleaner) if reopen else cleaned_chunks(table, cleaner)
    try:
        for chunk in chunks:
            run.add(chunk)
    except BaseException:
        run.close(started, complete=False)  # what was written stays, with its counts: a re-run adds the rest
        raise
    return run.close(started, complete=True)


def check_default_date(day: date | None) -> None:
    """A date for the whole file cannot lie in the future."""
    if day and day > date.today() + timedelta(days=1):
        raise InputError(_("De datum %(d)s voor het hele bestand ligt in de toekomst.") % {"d": day.isoformat()})


class _Run:
    """One import in progress: writes chunks, tallies rejected rows, and records the batch at the end."""

    def __init__(self, batch: ImportBatch, cleaner: RowCleaner, total: int | None, progress):
        self.batch, self.cleaner, self.total, self.progress = batch, cleaner, total, progress
        self.services = ServiceResolver()
        self.tally = RejectionTally()
        self.rejected_lines = RejectedLinesFile(batch.id)
        self.errors: list[dict] = []
        self.read = self.imported = 0

    def add(self, chunk) -> None:
        self.imported += write_chunk(self.services.ids(chunk.rows)) if chunk.rows else 0
        self.cleaner.first_moment, self.cleaner.last_moment = chunk.first_moment, chunk.last_moment
        for line, code, params in chunk.errors:
            self.tally.add(line, code, params)
            self.rejected_lines.write(line, code, params)
            self.errors.append({"line": line, "code": code, "params": params})
        self.read = chunk.read
        if self.progress:
            total = self.total if self.total and self.total >= self.read else None
            self.progress(ImportProgress(self.read, total, "reading"))

    def close(self, started: float, complete: bool) -> ImportSummary:
        self.rejected_lines.close()
        if self.progress and complete:
            self.progress(ImportProgress(self.read, self.read, "counting"))
        if self.cleaner.days():
            refresh_daily_counts(*self.cleaner.days())
        groups = self.tally.groups_to_store()
        summary = ImportSummary(
            read=self.read,
            imported=self.imported,
            duplicates=self.read - len(self.errors) - self.imported,
            rejected=len(self.errors),
            errors=rejected_rows(self.errors),
            redacted=dict(sorted(self.cleaner.redactor.counts.items())),
            seconds=round(time.perf_counter() - started, 3),
            rejected_by_reason=described(groups),
            batch=self.batch.id,
            rejected_file=str(self.rejected_lines.path) if self.rejected_lines.written else None,
        )
        ImportBatch.objects.filter(pk=self.batch.pk).update(
            read=summary.read,
            imported=summary.imported,
            duplicates=summary.duplicates,
            rejected=summary.rejected,
            redacted=summary.redacted,
            errors=self.errors[:MAX_STORED_ERRORS],
            rejected_by_reason=groups,
            rejected_file=self.rejected_lines.stored_name(),
            seconds=summary.seconds,
        )
        return summary


def batch_summary(batch: ImportBatch) -> ImportSummary:
    """The summary of an earlier import, from what its batch recorded (the first 1000 rejected lines)."""
    path = batch.rejected_path()
    return ImportSummary(
        read=batch.read,
        imported=batch.imported,
        duplicates=batch.duplicates,
        rejected=batch.rejected,
        errors=rejected_rows(batch.errors),
        redacted=batch.redacted,
        seconds=batch.seconds,
        rejected_by_reason=described(batch.rejected_by_reason),
        batch=batch.id,
        rejected_file=str(path) if path else None,
    )
