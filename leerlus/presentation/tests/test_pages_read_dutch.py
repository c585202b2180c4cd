"""What a reader sees on the pages: grouped counts, channel labels instead of codes, one date style, and English
formats in the English interface."""

from datetime import date

import pytest

from leerlus.core.models import DailyCount
from leerlus.intake.services import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(beheerder, tmp_path):
    DailyCount.objects.create(day=date(2026, 3, 2), channel="social", count=73_000)
    DailyCount.objects.create(day=date(2026, 3, 9), channel="enquete", count=262)
    path = tmp_path / "export.csv"
    path.write_text("received_at,channel,service,text\n2026-03-03 14:05,social,Afval,container vol\n")
    import_file(path)
    return beheerder


def test_the_start_page_groups_thousands_and_names_channels(counted):
    html = counted.get("/").content.decode()
    assert "73.263 signalen uit alle kanalen." in html  # 73,000 + 262 counted, 1 imported
    assert "Sociale media" in html and "Enquête" in html
    assert ">social<" not in html and ">enquete<" not in html
    assert "2 maart 2026" in html and "73.000" in html  # the chart's table


def test_the_signal_list_shows_the_label_and_a_dutch_moment(counted):
    html = counted.get("/signalen/").content.decode()
    assert "<td>3 maart 2026 14:05</td><td>Sociale media</td>" in html


def test_the_english_interface_shows_english_formats(counted):
    counted.cookies["django_language"] = "en"
    html = counted.get("/").content.decode()
    assert "73,263 signals from all channels." in html and "March 2, 2026" in html
    assert "Social media" in html
