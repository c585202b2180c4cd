"""Shared for playground tests: an imported export with a planted −35% on phone calls about waste."""

import csv

import pytest

from leerlus.analysis import synthetic
from leerlus.intake.services import import_file


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
