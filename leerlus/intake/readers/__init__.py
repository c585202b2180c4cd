"""The registry of file readers. Each reader turns one source format into a Table."""

from pathlib import Path

from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.readers.base import Reader, Table
from leerlus.intake.readers.csv_reader import CsvReader
from leerlus.intake.readers.json_reader import JsonReader
from leerlus.intake.readers.xlsx_reader import XlsxReader

READERS: dict[str, Reader] = {r.name: r for r in (CsvReader(), XlsxReader(), JsonReader())}
EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
}


def reader_for(path: Path, file_format: str | None) -> Reader:
    """The reader named by --format, else the one the file extension suggests."""
    name = file_format or EXTENSIONS.get(path.suffix.lower())
    if name not in READERS:
        raise InputError(
            _("Onbekend formaat '%(v)s'. Kies uit: %(keuzes)s.")
            % {"v": file_format or path.suffix, "keuzes": ", ".join(READERS)}
        )
    return READERS[name]


__all__ = ["READERS", "Reader", "Table", "reader_for"]
