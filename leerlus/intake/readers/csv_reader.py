"""CSV exports: delimiter sniffed; UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252; read as a stream."""

import codecs
import csv
from pathlib import Path

from leerlus.intake.readers.base import FIELD_CHARACTERS, Table, bom_encoding, refuse_binary
from leerlus.intake.rejections import RowError

SAMPLE_BYTES = 256 * 1024
DELIMITERS = ",;\t|"
csv.field_size_limit(FIELD_CHARACTERS)


def _encoding(sample: bytes) -> str:
    """The byte-order mark's encoding; else UTF-8 when the sample decodes as such, else Windows-1252."""
    named = bom_encoding(sample)
    if named:
        return named
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _delimiter(text: str) -> str:
    header = text.splitlines()[0] if text else ""
    try:
        return csv.Sniffer().sniff(text[: 64 * 1024], delimiters=DELIMITERS).delimiter
    except csv.Error:
        return max(DELIMITERS, key=header.count)


class CsvReader:
    name = "csv"

    def read(self, path: Path) -> Table:
        with open(path, "rb") as f:
            sample = f.read(SAMPLE_BYTES)
        encoding = _encoding(sample)
        text_sample = sample.decode(encoding, errors="ignore")
        refuse_binary(path, text_sample.encode("utf-8", "replace"), "CSV")
        delimiter = _delimiter(text_sample)
        handle = open(path, encoding=encoding, errors="replace", newline="")  # noqa: SIM115 - closed by _rows
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            columns = next(reader, [])
        except csv.Error:
            columns = []
        return Table(columns=columns, rows=self._rows(reader, handle))

    @staticmethod
    def _rows(reader, handle):
        """A field over the limit rejects its row; the csv module then reads on from the next line."""
        with handle:
            previous_end = reader.line_num
            while True:
                try:
                    for values in reader:
                        line, previous_end = previous_end + 1, reader.line_num
                        if values:
                            yield line, values
                    return
                except csv.Error:
                    line, previous_end = previous_end + 1, reader.line_num
                    yield line, RowError("field_too_large", limit=FIELD_CHARACTERS // 1024)
