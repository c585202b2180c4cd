"""Cleans rows in a second process while this one writes, so that an import keeps both cores busy.

The worker reads and cleans the file (validation, redaction, fingerprints: pure Python, no
database) and hands back chunks of cleaned rows through a bounded queue, so memory stays flat.
A single thread cannot overlap the two halves: SQLite binds parameters under the GIL (a writer
thread was measured slower, see docs/benchmarks.md). A table that cannot be opened twice (the
demo's generator) is cleaned in this process instead.

The worker dies with its parent: it checks before each hand-over that the process that started it
still lives, and waits on a full queue in short steps, so a `kill -9` of the import leaves nothing
behind that holds the file or (on PostgreSQL) the inherited database connection.
"""

import multiprocessing
import os
import queue
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.cleaning import RowCleaner
from leerlus.intake.readers import Table
from leerlus.intake.rejections import RowError

CHUNK_ROWS = 10_000
QUEUE_CHUNKS = 4  # at most this many chunks wait for the writer
PARENT_CHECK_SECONDS = 1.0
MAX_ROWS = 20_000_000  # rows read from one file; beyond this the file is split by whoever exports it


@dataclass
class Chunk:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line, code, params) per rejected row
    read: int = 0  # rows read so far, for progress
    first_moment: float = float("inf")  # of the rows cleaned so far, so that a stopped import can count its days
    last_moment: float = float("-inf")


@dataclass(frozen=True)
class Finished:
    redactions: dict
    first_moment: float
    last_moment: float


@dataclass(frozen=True)
class Failed:
    reason: str


def cleaned_chunks(table: Table, cleaner: RowCleaner) -> Iterator[Chunk]:
    """Cleans the rows of `table` here, chunk by chunk; the last chunk may be empty.

    Nothing a row holds stops the import: a value the cleaner did not foresee rejects its row
    (row_unreadable), and a reader that breaks off mid-file ends the rows there (file_broken) with
    every row before the break kept. After MAX_ROWS rows the rest is left (too_many_rows).
    """
    chunk = Chunk()
    line = 1
    try:
        for line, values in table.rows:  # noqa: B007
            chunk.read += 1
            try:
                chunk.rows.append(cleaner.clean(values))
            except RowError as error:
                chunk.errors.append((line, error.code, error.params))
            except Exception:  # noqa: BLE001 - one unforeseen value must not cost the other rows
                chunk.errors.append((line, "row_unreadable", {}))
            if len(chunk.rows) >= CHUNK_ROWS:
                chunk.first_moment, chunk.last_moment = cleaner.first_moment, cleaner.last_moment
                yield chunk
                chunk = Chunk(read=chunk.read)
            if chunk.read >= MAX_ROWS:
                chunk.errors.append((line + 1, "too_many_rows", {"limit": f"{MAX_ROWS:,}".replace(",", ".")}))
                break
    except Exception:  # noqa: BLE001 - the reader broke off (a damaged file): keep what came before
        chunk.errors.append((line + 1, "file_broken", {}))
    chunk.first_moment, chunk.last_moment = cleaner.first_moment, cleaner.last_moment
    yield chunk


def cleaned_in_worker(open_table: Callable[[], Table], cleaner: RowCleaner) -> Iterator[Chunk]:
    """The same chunks, cleaned in a forked worker; the cleaner's counts come back at the end."""
    context = multiprocessing.get_context("fork")
    chunks = context.Queue(maxsize=QUEUE_CHUNKS)
    worker = context.Process(target=_work, args=(open_table, cleaner, chunks, os.getpid()), daemon=True)
    worker.start()
    finished = False
    try:
        while True:
            try:
                message = chunks.get(timeout=1)
            except queue.Empty:
                if not worker.is_alive():
                    raise InputError(_("Het inlezen is onverwacht gestopt.")) from None
                continue
            if isinstance(message, Failed):
                raise InputError(message.reason)
            if isinstance(message, Finished):
                cleaner.redactor.counts.update(message.redactions)
                cleaner.first_moment, cleaner.last_moment = message.first_moment, message.last_moment
                finished = True
                return
            yield message
    finally:
        if not finished:  # stopped early (a failure or a cancelled job): the worker's chunks are not wanted
            worker.terminate()
        worker.join(timeout=5)
        if worker.is_alive():
            worker.kill()


def _work(open_table, cleaner: RowCleaner, chunks, parent: int) -> None:
    """In the worker: never touches the database (the connection belongs to the parent)."""

    def hand_over(message) -> None:
        while True:
            if os.getppid() != parent:  # the parent died (kill -9): nobody will read, so stop at once
                os._exit(1)
            try:
                chunks.put(message, timeout=PARENT_CHECK_SECONDS)
                return
            except queue.Full:
                continue

    try:
        for chunk in cleaned_chunks(open_table(), cleaner):
            hand_over(chunk)
        hand_over(Finished(dict(cleaner.redactor.counts), cleaner.first_moment, cleaner.last_moment))
    except InputError as error:
        hand_over(Failed(str(error)))
    except Exception as error:  # noqa: BLE001 - the parent must hear of it, or it waits for ever
        hand_over(Failed(_("Fout bij het lezen van het bestand: %(v)s") % {"v": type(error).__name__}))
