"""Named sources: a saved wizard mapping applied again by `leerlus import --source`."""

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from leerlus.cli import cli
from leerlus.core.models import Signal
from leerlus.intake.models import Source
from leerlus.intake.sources import save_source
from leerlus.intake.wizard import Mapping

pytestmark = pytest.mark.django_db


def test_import_with_a_saved_source_uses_its_columns_date_and_channel(write_csv):
    save_source(
        "Voorbeeldteksten",
        Mapping(fields={"text": "Tekst", "service": "Label"}, default_channel="website", default_date="2025-03-01"),
    )
    path = write_csv([["Tekst", "Label"], ["Het stinkt hier", "Afval"], ["Lamp kapot", "Verlichting"]])
    result = CliRunner().invoke(cli, ["import", str(path), "--source", "Voorbeeldteksten", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["imported"] == 2
    assert set(Signal.objects.values_list("channel", "received_on")) == {("website", date(2025, 3, 1))}
    assert Source.objects.get().last_used_at is not None


def test_an_unknown_source_names_the_saved_ones(write_csv):
    save_source("KISS maand", Mapping(fields={"text": "tekst"}))
    result = CliRunner().invoke(cli, ["import", str(write_csv([["tekst"], ["x"]])), "--source", "Fixi"])
    assert result.exit_code == 2
    assert "Onbekende bron 'Fixi'" in result.output and "KISS maand" in result.output


def test_a_saved_api_page_with_results_is_read_like_an_array(tmp_path):
    """KISS and Open Klant answer {count, next, previous, results}; a saved page imports as it is."""
    from leerlus.intake.services import import_file

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "kiss_contactmomentendetails.json"
    records = json.loads(fixture.read_text())
    page = tmp_path / "pagina.json"
    page.write_text(json.dumps({"count": 3, "next": None, "previous": None, "results": records}, indent=2))
    column_map = {"startdatum": "received_at", "vraag": "service", "specifiekeVraag": "text"}
    summary = import_file(page, default_channel="telefoon", column_map=column_map)
    assert (summary.read, summary.imported) == (3, 3)
