"""Named sources: a saved wizard mapping applied again by `leerlus import --source`."""

import json
from datetime import date

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
