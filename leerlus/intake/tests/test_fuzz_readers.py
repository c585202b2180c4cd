"""Fuzzing each reader with hypothesis: random rows mixed between good ones never stop an import or cost a good row."""

import csv
import itertools
import json

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerlus.core.models import Signal
from leerlus.demo.hostile import HEADER, good_record
from leerlus.intake.services import import_file

pytestmark = pytest.mark.django_db
GOOD = 30
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TAGS = itertools.count()

# A quote or a line break may legally join the next lines into one CSV field, so CSV noise has none.
line_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters='"\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029')
)
cell_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=50)
# NaN and Infinity are not JSON (Python writes them, ijson stops there): the array would break at that record.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(HEADER) | st.text(), inner, max_size=4),
    max_leaves=20,
)
noise_cells = st.lists(cell_text | st.integers() | st.floats(allow_nan=False) | st.datetimes() | st.none(), max_size=6)


def _interleaved(noise: list, tag: str) -> tuple[list, list]:
    """Good records with the noise spread between them (the first row is always good)."""
    good = [good_record(i, tag) for i in range(GOOD)]
    mixed: list = []
    for i, record in enumerate(good):
        mixed.append(record)
        mixed.extend(noise[i::GOOD])
    return good, mixed


def _assert_every_good_row_imported(path, tag: str) -> None:
    summary = import_file(path)  # no exception escapes
    assert Signal.objects.filter(text__startswith=f"goede vraag {tag} ").count() == GOOD
    assert summary.read == summary.imported + summary.duplicates + summary.rejected


@FUZZ
@given(noise=st.lists(line_text, max_size=20))
def test_csv_reader(tmp_path, noise):
    tag = f"csv{next(TAGS)}"
    _good, mixed = _interleaved(noise, tag)
    path = tmp_path / f"{tag}.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for row in mixed:
            if isinstance(row, dict):
                out.writerow([row[c] for c in HEADER])
            else:
                f.write(row + "\r\n")
    _assert_every_good_row_imported(path, tag)


@FUZZ
@given(noise=st.lists(json_values.map(json.dumps) | line_text, max_size=20))
def test_json_lines_reader(tmp_path, noise):
    tag = f"jsonl{next(TAGS)}"
    _good, mixed = _interleaved(noise, tag)
    path = tmp_path / f"{tag}.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in mixed) + "\n", encoding="utf-8")
    _assert_every_good_row_imported(path, tag)


@FUZZ
@given(noise=st.lists(json_values, max_size=20))
def test_json_array_reader(tmp_path, noise):
    tag = f"json{next(TAGS)}"
    _good, mixed = _interleaved([("noise", value) for value in noise], tag)
    path = tmp_path / f"{tag}.json"
    path.write_text(json.dumps([r[1] if isinstance(r, tuple) else r for r in mixed]), encoding="utf-8")
    _assert_every_good_row_imported(path, tag)


@FUZZ
@given(noise=st.lists(noise_cells, max_size=20))
def test_xlsx_reader(tmp_path, noise):
    tag = f"excel{next(TAGS)}"  # not "xlsx12": four consonants and two digits are a licence plate
    _good, mixed = _interleaved([("noise", cells) for cells in noise], tag)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in mixed:
        sheet.append(row[1] if isinstance(row, tuple) else [row[c] for c in HEADER])
    path = tmp_path / f"{tag}.xlsx"
    workbook.save(path)
    _assert_every_good_row_imported(path, tag)
