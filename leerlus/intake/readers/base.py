"""What a reader gives back (the column names and a stream of numbered rows), and the limits every reader keeps.

A row is either its values or a `RowError`: a row that cannot be read (a field over the size limit, nesting
too deep) is rejected with its line number like any other bad row, and the rows after it are read on.
"""

import codecs
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.rejections import RowError

# (line number in the file, values in column order, or the RowError that rejects the row); the header is line 1.
NumberedRow = tuple[int, Sequence[Any] | RowError]

FIELD_CHARACTERS = 1024 * 1024  # one field (a cell, a value) holds at most this many characters
MAX_DEPTH = 32  # nesting of a JSON record: a flat record is 1 deep

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13}) + b"\x7f"
BINARY_SHARE = 0.01  # more control bytes than this in the sample and a file is not text


@dataclass
class Table:
    columns: list[str]
    rows: Iterator[NumberedRow]


class Reader(Protocol):
    name: str

    def read(self, path: Path) -> Table: ...


def bom_encoding(sample: bytes) -> str | None:
    """The encoding that the file's byte-order mark names: UTF-8 or UTF-16 (little or big endian)."""
    for bom, encoding in BOMS:
        if sample.startswith(bom):
            return encoding
    return None


def refuse_binary(path: Path, sample: bytes, expected: str) -> None:
    """Stops at once when a text format turns out to be empty or binary.

    A few NUL bytes in a text (an export bug) do not make it binary: they are removed from the values. UTF-16
    is recognised by its byte-order mark before this check."""
    if not sample.strip():
        raise InputError(_("Het bestand '%(f)s' is leeg.") % {"f": path.name})
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    if controls > BINARY_SHARE * len(sample):
        raise InputError(
            _("Het bestand '%(f)s' is geen %(soort)s maar een binair bestand.") % {"f": path.name, "soort": expected}
        )


def too_large(values) -> RowError | None:
    """The rejection of a row with a text field over the size limit."""
    for value in values:
        if value.__class__ is str and len(value) > FIELD_CHARACTERS:
            return RowError("field_too_large", limit=FIELD_CHARACTERS // 1024)
    return None


def without_surrogates(text: str) -> str:
    """A lone surrogate (a broken \\ud800 escape in JSON) cannot be stored: it becomes U+FFFD, the rest stays."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


class Utf8Stream(io.RawIOBase):
    """A text file in another encoding (UTF-16) read as UTF-8 bytes, for parsers that take only UTF-8 (ijson)."""

    def __init__(self, path: Path, encoding: str):
        self._text = open(path, encoding=encoding, errors="replace")  # noqa: SIM115 - closed in close()
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while len(self._pending) < len(buffer):
            block = self._text.read(64 * 1024)
            if not block:
                break
            self._pending += block.encode("utf-8")
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size

    def close(self) -> None:
        self._text.close()
        super().close()


def open_utf8(path: Path, encoding: str | None) -> BinaryIO:
    """The file as UTF-8 bytes without a byte-order mark: as it is, or re-encoded from UTF-16."""
    if encoding not in (None, "utf-8-sig"):
        return io.BufferedReader(Utf8Stream(path, encoding))
    handle = open(path, "rb")  # noqa: SIM115 - the caller closes it
    if encoding:
        handle.read(len(codecs.BOM_UTF8))
    return handle
