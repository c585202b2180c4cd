"""The signals list: filters, keyset paging, and its JSON twin equal to `leerlus signals --json`."""

import json

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from leerlus.cli import cli
from leerlus.intake.services import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def signals(tmp_path):
    path = tmp_path / "export.csv"
    lines = ["received_at,channel,service,text"]
    for i in range(120):
        channel = "telefoon" if i % 3 else "website"
        lines.append(f"2025-03-{1 + i % 28:02d} {8 + i % 10:02d}:{i % 60:02d},{channel},Paspoort,vraag nummer {i}")
    lines.append("2025-04-01 09:00,email,Afval,de container is niet geleegd")
    path.write_text("\n".join(lines) + "\n")
    import_file(path)


@pytest.fixture
def logged_in(client):
    client.force_login(get_user_model().objects.create_user("kcc", password="x"))
    return client


def test_paging_visits_every_signal_once(logged_in, signals):
    seen, moments, cursor = [], [], None
    while True:
        page = logged_in.get(
            "/signalen/", {"format": "json", "limit": 25, **({"after": cursor} if cursor else {})}
        ).json()
        seen += [s["id"] for s in page["signals"]]
        moments += [s["received_at"] for s in page["signals"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 121
    assert moments == sorted(moments, reverse=True)  # newest first, across pages


def test_filters_by_channel_words_and_period(logged_in, signals):
    page = logged_in.get("/signalen/", {"format": "json", "channel": "email", "words": "container geleegd"}).json()
    assert [s["text"] for s in page["signals"]] == ["de container is niet geleegd"]
    march = logged_in.get(
        "/signalen/", {"format": "json", "since": "2025-03-28", "until": "2025-03-28", "limit": 100}
    ).json()
    assert march["signals"] and all(s["received_at"].startswith("2025-03-28") for s in march["signals"])


def test_bad_filter_is_a_dutch_message(logged_in, signals):
    response = logged_in.get("/signalen/", {"channel": "fax"})
    assert "Onbekend kanaal &#x27;fax&#x27;. Kies uit: telefoon" in response.content.decode()
    assert logged_in.get("/signalen/", {"channel": "fax", "format": "json"}).status_code == 400


def test_page_json_equals_the_command_line(logged_in, signals):
    web = logged_in.get("/signalen/", {"format": "json", "channel": "website", "limit": 10}).json()
    result = CliRunner().invoke(cli, ["signals", "--channel", "website", "--limit", "10", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == web


def test_start_page_draws_both_charts(logged_in, signals):
    html = logged_in.get("/").content.decode()
    assert "121 signalen uit alle kanalen" in html
    assert html.count("<svg") == 2 and "Telefoon" in html and "Paspoort" in html
