"""What a reader gives back: the column names and a stream of numbered rows."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.utils.translation import gettext as _

from leerlus.errors import InputError

# (line number in the file, values in column order); the header is line 1.
NumberedRow = tuple[int, Sequence[Any]]


@dataclass
class Table:
    columns: list[str]
    rows: Iterator[NumberedRow]


class Reader(Protocol):
    name: str

    def read(self, path: Path) -> Table: ...


def refuse_binary(path: Path, sample: bytes, expected: str) -> None:
    """Stops at once when a text format turns out to be empty or binary."""
    if not sample.strip():
        raise InputError(_("Het bestand '%(f)s' is leeg.") % {"f": path.name})
    if b"\x00" in sample:
        raise InputError(
            _("Het bestand '%(f)s' is geen %(soort)s maar een binair bestand.") % {"f": path.name, "soort": expected}
        )
