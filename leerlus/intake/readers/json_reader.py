"""JSON exports: an array of objects (streamed with ijson), JSON Lines (one object a line), or one saved page of
an API that lists its records under "results" (`{count, next, previous, results: [...]}`, as Open Klant and KISS do).

For JSON Lines the line number is the line in the file; for an array it is the position of the
object in the array (the first object is 2, as if the array had a header line like a CSV).

Records are built here from ijson's plain events rather than by `ijson.items`: items keeps a path
string per open level, so a 200 KB file of nested brackets took 11 GB; here a record deeper than
MAX_DEPTH is skipped (counted, not kept) and rejected, and the records after it are read on. A file
that breaks off (a truncated array) keeps every complete record before the break.
"""

import json
from itertools import chain, islice
from pathlib import Path

import ijson
from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.readers.base import (
    MAX_DEPTH,
    Table,
    bom_encoding,
    open_utf8,
    refuse_binary,
    too_large,
    without_surrogates,
)
from leerlus.intake.rejections import RowError

SAMPLE_BYTES = 64 * 1024
LOOK_AHEAD = 1000  # the fields are those that occur in the first thousand records
STARTS = {"start_map": dict, "start_array": list}
ENDS = frozenset(("end_map", "end_array"))


class JsonReader:
    name = "json"

    def read(self, path: Path) -> Table:
        with open(path, "rb") as f:
            sample = f.read(SAMPLE_BYTES)
        encoding = bom_encoding(sample)
        text = sample.decode(encoding or "utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
        refuse_binary(path, text.encode("utf-8", "replace"), "JSON")
        if text.startswith("["):
            records = self._array(path, encoding, under_results=False)
        elif _is_results_page(text):
            records = self._array(path, encoding, under_results=True)
        else:
            records = self._lines(path, encoding)
        head = list(islice(records, LOOK_AHEAD))
        if not any(isinstance(record, dict) for _line, record in head):
            if any(isinstance(record, RowError) for _line, record in head):
                raise InputError(_("Het bestand '%(f)s' is geen geldige JSON.") % {"f": path.name})
            if not head:
                raise InputError(_("Het bestand '%(f)s' bevat geen enkel record.") % {"f": path.name})
            raise InputError(_("Het bestand '%(f)s' bevat geen JSON-objecten met velden.") % {"f": path.name})
        columns = list(dict.fromkeys(key for _line, record in head if isinstance(record, dict) for key in record))
        return Table(columns=columns, rows=self._aligned(chain(head, records), columns))

    @staticmethod
    def _aligned(records, columns):
        for line, record in records:
            if isinstance(record, dict):
                values = [record.get(c) for c in columns]
                yield line, too_large(values) or values
            elif isinstance(record, RowError):
                yield line, record
            else:
                yield line, None

    @staticmethod
    def _array(path: Path, encoding: str | None, under_results: bool):
        """(position, record) per value of the list of records; a record too deep, or the break, as a RowError."""
        position = 1
        with open_utf8(path, encoding) as handle:
            try:
                for position, record in enumerate(_records(ijson.basic_parse(handle), under_results), start=2):  # noqa: B007
                    yield position, record
            except ijson.JSONError:
                yield position + 1, RowError("file_broken")

    @staticmethod
    def _lines(path: Path, encoding: str | None):
        with open(path, encoding=encoding or "utf-8-sig", errors="replace") as f:
            for line, text in enumerate(f, start=1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except RecursionError:
                    yield line, RowError("too_deep", limit=MAX_DEPTH)
                    continue
                except json.JSONDecodeError:
                    if line == 1:
                        raise InputError(
                            _("Het bestand '%(f)s' is geen JSON-array en geen JSON Lines.") % {"f": path.name}
                        ) from None
                    yield line, None
                    continue
                except ValueError:  # a number Python will not convert (over 4,300 digits)
                    yield line, RowError("row_unreadable")
                    continue
                yield line, _without_surrogates(record) if isinstance(record, dict) else record


def _without_surrogates(record: dict) -> dict:
    return {
        without_surrogates(key): without_surrogates(value) if value.__class__ is str else value
        for key, value in record.items()
    }


def _records(events, under_results: bool):
    """The values of the top-level array (or of the "results" array of the top-level object), built from events.

    A record nested deeper than MAX_DEPTH is skipped without being kept and given as a RowError."""
    in_list = False
    top_level = ignored = skipped = 0  # open levels: around the list, in a value outside it, in a skipped record
    key = None
    building: list[list] = []  # [container, last key] per open level of the record being built
    for event, value in events:
        if skipped:
            skipped += 1 if event in STARTS else -1 if event in ENDS else 0
            if not skipped:
                yield RowError("too_deep", limit=MAX_DEPTH)
        elif building:
            if event == "map_key":
                building[-1][1] = value
            elif event in STARTS:
                if len(building) >= MAX_DEPTH:
                    skipped, building = len(building) + 1, []
                else:
                    building.append([STARTS[event](), None])
            else:
                done = building.pop()[0] if event in ENDS else value
                if not building:
                    yield done
                elif building[-1][0].__class__ is dict:
                    building[-1][0][building[-1][1]] = done
                else:
                    building[-1][0].append(done)
        elif in_list:
            if event == "end_array":
                in_list = False
            elif event in STARTS:
                building = [[STARTS[event](), None]]
            else:
                yield value
        elif ignored:
            ignored += 1 if event in STARTS else -1 if event in ENDS else 0
        elif event == "map_key" and top_level == 1:
            key = value
        elif event in STARTS:
            # the list of records: the top-level array, or the array under "results" in the top-level object
            if event == "start_array" and (key == "results" and top_level == 1 if under_results else top_level == 0):
                in_list = True
            elif under_results and top_level == 0:
                top_level = 1
            else:
                ignored = 1


def _is_results_page(start: str) -> bool:
    """An object whose first line is not a whole record (pretty-printed), or one that holds a "results" list."""
    first_line = start.split("\n", 1)[0]
    try:
        record = json.loads(first_line)
    except ValueError:
        return start.startswith("{") and '"results"' in start
    except RecursionError:
        return False
    return isinstance(record, dict) and isinstance(record.get("results"), list)
