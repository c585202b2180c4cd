"""`leerlus effect` on imported signals: a planted −35% on one channel's series is recovered."""

import json

import pytest
from click.testing import CliRunner

from leerlus.cli import cli

pytestmark = pytest.mark.django_db
EFFECT_KEYS = ["relative_effect", "ci_low", "ci_high", "absolute_per_day", "method", "control"]


def run(*args):
    return CliRunner().invoke(cli, ["effect", *args])


def test_a_planted_minus_35_percent_is_recovered_with_untouched_controls(imported_once):
    result = run("--channel", "telefoon", "--service", "Afval", "--start", str(imported_once), "--json")
    assert result.exit_code == 0, result.output
    estimate = json.loads(result.stdout)
    assert list(estimate)[:6] == EFFECT_KEYS
    assert abs(estimate["relative_effect"] - (-0.35)) <= 0.08
    assert estimate["ci_low"] <= -0.35 <= estimate["ci_high"]
    assert estimate["absolute_per_day"] < 0
    assert estimate["control"] and not any("whatsapp" in c or "Afval" in c for c in estimate["control"])
    assert estimate["method"] in ("its-control", "sts-control")


def test_human_output_and_too_little_data(imported_once):
    result = run("--channel", "telefoon", "--service", "Afval", "--start", str(imported_once))
    assert result.exit_code == 0 and "95%-interval" in result.stdout
    estimate = json.loads(
        run("--channel", "telefoon", "--service", "Afval", "--start", str(imported_once), "--json").stdout
    )
    shown = f"−{round(-100 * estimate['relative_effect'])}%"  # as the experiment page says it, with a real minus
    assert result.stdout.startswith(f"Relatief effect {shown} (95%-interval −")
    assert "Methode: onderbroken tijdreeks, tegen controlereeksen" in result.stdout or "structureel" in result.stdout
    controls = next(line for line in result.stdout.splitlines() if line.startswith("Methode:"))
    assert "·" in controls and "/" not in controls.partition("controlereeksen:")[2]  # labels, not 'website/Paspoort'
    late = run("--channel", "telefoon", "--service", "afval", "--start", "2025-10-20", "--json")
    assert late.exit_code == 0
    too_late = json.loads(late.stdout)  # data until 27 October
    assert (too_late["reasons"], too_late["days_needed"]) == (["too_few_days_after"], 6)
    text = run("--channel", "telefoon", "--service", "afval", "--start", "2025-10-20")
    assert text.stdout.strip() == "Te weinig gegevens: nog 6 dagen na de start nodig."


def test_bad_input_ends_with_status_2_and_names_the_choices(imported_once):
    wrong_channel = run("--channel", "fax", "--start", str(imported_once))
    assert wrong_channel.exit_code == 2 and "Onbekend kanaal 'fax'. Kies uit: telefoon" in wrong_channel.stderr
    wrong_service = run("--service", "Hondenbelasting", "--start", str(imported_once))
    assert wrong_service.exit_code == 2 and "Onbekende dienst 'Hondenbelasting'" in wrong_service.stderr
    nothing = run("--start", str(imported_once))
    assert nothing.exit_code == 2 and "Kies een kanaal, een dienst of allebei." in nothing.stderr


def test_exclude_leaves_a_series_a_channel_or_a_service_out_of_the_controls(imported_once):
    args = ("--channel", "telefoon", "--service", "Afval", "--start", str(imported_once), "--json")
    assert set(json.loads(run(*args).stdout)["control"]) == {"website / Paspoort", "balie / Parkeren"}
    one = json.loads(run(*args, "--exclude", "website/paspoort").stdout)
    assert one["control"] == ["balie / Parkeren"]
    none = json.loads(run(*args, "--exclude", "balie", "--exclude", "/Paspoort").stdout)
    assert none["control"] == [] and none["method"] in ("its", "sts")


def test_a_bad_exclude_ends_with_status_2_and_says_how_to_write_it(imported_once):
    args = ("--channel", "telefoon", "--service", "Afval", "--start", str(imported_once), "--exclude")
    wrong_channel = run(*args, "fax/Afval")
    assert wrong_channel.exit_code == 2 and "Onbekend kanaal 'fax'. Kies uit: telefoon" in wrong_channel.stderr
    wrong_service = run(*args, "/Hondenbelasting")
    assert wrong_service.exit_code == 2 and "Onbekende dienst 'Hondenbelasting'" in wrong_service.stderr
    empty = run(*args, "/")
    assert empty.exit_code == 2
    assert "Lege controlereeks '/'. Schrijf kanaal/dienst, kanaal of /dienst" in empty.stderr
