"""Fixtures shared by the apps' tests: the planted municipality of `analysis.synthetic`, imported."""

import holidays
import pytest

from leerlus.analysis import synthetic
from leerlus.intake.services import import_file

CLOSED = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))


@pytest.fixture
def planted(tmp_path):
    """The planted municipality of `analysis.synthetic`, imported like any export (no service on 1 in 10 rows)."""
    frame = synthetic.signals(per_day=80, holidays=CLOSED).drop(columns=["id", "topic"])
    frame.loc[frame.index % 10 == 0, "service"] = ""
    frame = frame.rename(columns={"day": "received_at"})
    path = tmp_path / "export.csv"
    frame.to_csv(path, index=False)
    import_file(path)
    return frame
