"""Helpers for import tests: write small export files in several encodings and formats."""

import csv
import json

import pytest


@pytest.fixture
def write_csv(tmp_path):
    def write(rows, name="export.csv", delimiter=",", encoding="utf-8"):
        path = tmp_path / name
        with open(path, "w", newline="", encoding=encoding) as f:
            csv.writer(f, delimiter=delimiter).writerows(rows)
        return path

    return write


@pytest.fixture
def write_json(tmp_path):
    def write(records, name="export.json", lines=False):
        path = tmp_path / name
        if lines:
            path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
        else:
            path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    return write
