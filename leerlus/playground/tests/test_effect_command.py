"""`leerlus effect` on imported signals: a planted −35% on one channel's series is recovered."""

import csv
import json

import pytest
from click.testing import CliRunner

from leerlus.analysis import synthetic
from leerlus.cli import cli
from leerlus.intake.services import import_file

pytestmark = pytest.mark.django_db
EFFECT_KEYS = ["relative_effect", "ci_low", "ci_high", "absolute_per_day", "method", "control"]


@pytest.fixture
def imported(tmp_path):
    """Phone calls about waste drop 35% from day 240; two untouched series and one that takes over the calls."""
    phone, controls = synthetic.experiment_series(effect=-0.35, start=240, level=40,
                                                            control_levels=(60, 30), seed=4)
    path = tmp_path / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["datum", "kanaal", "onderwerp", "tekst"])
        website, counter = controls.values()
        series = [("telefoon", "Afval", phone), ("website", "Paspoort", website), ("balie", "Parkeren", counter)]
        for channel, service, counts in series:
            for day, n in counts.items():
                for i in range(int(n)):
                    out.writerow([f"{day.date()} {8 + i % 9:02d}:{i % 60:02d}", channel, service, f"vraag {i}"])
        for day, n in phone.items():  # the calls that moved to WhatsApp: same service, so never a control
            extra = int(n * 0.5) if day >= phone.index[240] else 0
            for i in range(2 + extra):
                out.writerow([f"{day.date()} 12:{i % 60:02d}", "whatsapp", "Afval", f"app {i}"])
    import_file(path)
    return phone.index[240].date()


def run(*args):
    return CliRunner().invoke(cli, ["effect", *args])


def test_a_planted_minus_35_percent_is_recovered_with_untouched_controls(imported):
    result = run("--channel", "telefoon", "--service", "Afval", "--start", str(imported), "--json")
    assert result.exit_code == 0, result.output
    estimate = json.loads(result.stdout)
    assert list(estimate)[:6] == EFFECT_KEYS
    assert abs(estimate["relative_effect"] - (-0.35)) <= 0.08
    assert estimate["ci_low"] <= -0.35 <= estimate["ci_high"]
    assert estimate["absolute_per_day"] < 0
    assert estimate["control"] and not any("whatsapp" in c or "Afval" in c for c in estimate["control"])
    assert estimate["method"] in ("its-control", "sts-control")


def test_human_output_and_too_little_data(imported):
    result = run("--channel", "telefoon", "--service", "Afval", "--start", str(imported))
    assert result.exit_code == 0 and "95%-interval" in result.stdout
    late = run("--channel", "telefoon", "--service", "afval", "--start", "2025-10-20", "--json")
    assert late.exit_code == 0
    assert json.loads(late.stdout)["reason"] == "Te weinig gegevens: nog 6 dagen na de start nodig."  # data until 27 October


def test_bad_input_ends_with_status_2_and_names_the_choices(imported):
    wrong_channel = run("--channel", "fax", "--start", str(imported))
    assert wrong_channel.exit_code == 2 and "Onbekend kanaal 'fax'. Kies uit: telefoon" in wrong_channel.stderr
    wrong_service = run("--service", "Hondenbelasting", "--start", str(imported))
    assert wrong_service.exit_code == 2 and "Onbekende dienst 'Hondenbelasting'" in wrong_service.stderr
    nothing = run("--start", str(imported))
    assert nothing.exit_code == 2 and "Kies een kanaal, een dienst of allebei." in nothing.stderr
