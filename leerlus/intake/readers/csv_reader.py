"""CSV exports: delimiter sniffed; UTF-8, UTF-8 with BOM or cp1252; read as a stream."""

import codecs
import csv
from pathlib import Path

from leerlus.intake.readers.base import Table, refuse_binary

SAMPLE_BYTES = 256 * 1024
DELIMITERS = ",;\t|"
csv.field_size_limit(16 * 1024 * 1024)


def _encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM) when the sample decodes as such, else Windows-1252."""
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
        refuse_binary(path, sample, "CSV")
        encoding = _encoding(sample)
        text_sample = sample.decode(encoding, errors="ignore")
        delimiter = _delimiter(text_sample)
        handle = open(path, encoding=encoding, errors="replace", newline="")
        reader = csv.reader(handle, delimiter=delimiter)
        columns = next(reader, [])
        return Table(columns=columns, rows=self._rows(reader, handle))

    @staticmethod
    def _rows(reader, handle):
        with handle:
            previous_end = reader.line_num
            for values in reader:
                line, previous_end = previous_end + 1, reader.line_num
                if values:
                    yield line, values
