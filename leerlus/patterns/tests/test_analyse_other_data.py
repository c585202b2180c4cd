"""`leerlus analyse` on other data than the planted municipality: none at all, or an export without any text."""

import holidays
import pytest
from click.testing import CliRunner

from leerlus.analysis import synthetic
from leerlus.cli import cli
from leerlus.intake.services import import_file
from leerlus.patterns.tests.test_run_analysis import run

pytestmark = pytest.mark.django_db
CLOSED = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))


def test_analyse_without_signals_says_what_to_do():
    result = CliRunner().invoke(cli, ["analyse"])
    assert result.exit_code == 2 and "Importeer eerst" in result.stderr


def test_a_category_only_export_without_any_text_is_analysed(tmp_path):
    """Many real exports (a meldingen system, KCC registrations) carry a category but no text."""
    frame = synthetic.signals(per_day=80, holidays=CLOSED).drop(columns=["id", "topic", "text"])
    path = tmp_path / "meldingen.csv"
    frame.rename(columns={"day": "received_at"}).to_csv(path, index=False)
    import_file(path)
    summary = run("analyse")
    assert summary["classified"] == len(frame)
    kinds = {p["kind"] for p in run("patterns")["patterns"]}
    assert {"spike", "level_shift"} <= kinds and "emerging_topic" not in kinds
