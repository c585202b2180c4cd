"""JSON exports: an array of objects (streamed with ijson), JSON Lines (one object a line), or one saved page of
an API that lists its records under "results" (`{count, next, previous, results: [...]}`, as Open Klant and KISS do).

For JSON Lines the line number is the line in the file; for an array it is the position of the
object in the array (the first object is 2, as if the array had a header line like a CSV).
"""

import json
from itertools import chain, islice
from pathlib import Path

import ijson
from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.readers.base import Table, refuse_binary

SAMPLE_BYTES = 64 * 1024
LOOK_AHEAD = 1000  # the fields are those that occur in the first thousand records


class JsonReader:
    name = "json"

    def read(self, path: Path) -> Table:
        with open(path, "rb") as f:
            sample = f.read(SAMPLE_BYTES)
        refuse_binary(path, sample, "JSON")
        start = sample.lstrip(b"\xef\xbb\xbf \t\r\n")
        if start.startswith(b"["):
            records = self._array(path, "item")
        elif _is_results_page(start):
            records = self._array(path, "results.item")
        else:
            records = self._lines(path)
        head = list(islice(records, LOOK_AHEAD))
        if not head:
            raise InputError(_("Het bestand '%(f)s' bevat geen enkel record.") % {"f": path.name})
        if not isinstance(head[0][1], dict):
            raise InputError(_("Het bestand '%(f)s' bevat geen JSON-objecten met velden.") % {"f": path.name})
        columns = list(dict.fromkeys(key for _line, record in head if isinstance(record, dict) for key in record))
        return Table(columns=columns, rows=self._aligned(chain(head, records), columns))

    @staticmethod
    def _aligned(records, columns):
        for line, record in records:
            if isinstance(record, dict):
                yield line, [record.get(c) for c in columns]
            else:
                yield line, None

    @staticmethod
    def _array(path: Path, prefix: str):
        with open(path, "rb") as f:
            try:
                yield from enumerate(ijson.items(f, prefix, use_float=True), start=2)
            except ijson.JSONError as error:
                raise InputError(
                    _("Het bestand '%(f)s' is geen geldige JSON: %(e)s") % {"f": path.name, "e": error}
                ) from None

    @staticmethod
    def _lines(path: Path):
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            for line, text in enumerate(f, start=1):
                if not text.strip():
                    continue
                try:
                    yield line, json.loads(text)
                except json.JSONDecodeError:
                    if line == 1:
                        raise InputError(
                            _("Het bestand '%(f)s' is geen JSON-array en geen JSON Lines.") % {"f": path.name}
                        ) from None
                    yield line, None


def _is_results_page(start: bytes) -> bool:
    """An object whose first line is not a whole record (pretty-printed), or one that holds a "results" list."""
    first_line = start.split(b"\n", 1)[0]
    try:
        record = json.loads(first_line)
    except ValueError:
        return start.startswith(b"{") and b'"results"' in start
    return isinstance(record, dict) and isinstance(record.get("results"), list)
