"""The what-if page: live channels from the signals, scenarios side by side, the same JSON as the CLI."""

import json
import re
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from leerlus.cli import cli
from leerlus.intake.services import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_phone(tmp_path, client):
    """Eight weeks of phone calls, busiest on Monday at nine; a few chats."""
    lines = ["received_at,channel,service,text"]
    for week in range(8):
        monday = date(2026, 3, 2) + timedelta(weeks=week)
        for minute in range(0, 60, 2):  # 30 calls in the Monday 9:00 hour
            lines.append(f"{monday} 09:{minute:02d},telefoon,Paspoort,vraag")
        lines.append(f"{monday + timedelta(days=1)} 14:00,chat,Afval,vraag over de container")
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines) + "\n")
    import_file(path)
    client.force_login(get_user_model().objects.create_user("kcc", password="x"))
    return client


def test_the_page_starts_from_the_busiest_hour_and_compares_scenarios(busy_phone):
    html = busy_phone.get("/systeem/wat-als/").content.decode()
    assert re.search(r"name=\"telefoon-contacts_per_hour\" value=\"([^\"]*)\"", html).group(1) == "30,0"
    assert "Twee medewerkers extra" in html and "Een CRM bespaart 30 seconden per contact" in html
    assert html.count("<svg") == 2 and "Met 10% minder contacten daalt de gemiddelde wachttijd" in html
    assert "Open volgens de signalen: ma 9–10 uur." in html  # the opening hours as the signals show them


def test_edited_values_are_used_and_bad_ones_named(busy_phone):
    fewer = busy_phone.get("/systeem/wat-als/", {"format": "json", "telefoon-agents": "3"}).json()
    more = busy_phone.get("/systeem/wat-als/", {"format": "json", "telefoon-agents": "6"}).json()
    assert fewer["channels"][0]["asa_seconds"] > more["channels"][0]["asa_seconds"]
    bad = busy_phone.get("/systeem/wat-als/", {"telefoon-agents": "veel"})
    assert "&#x27;veel&#x27; bij Telefoon: medewerkers is geen getal zoals wij het schrijven" in bad.content.decode()
    dutch = busy_phone.get("/systeem/wat-als/", {"format": "scenario", "telefoon-contacts_per_hour": "1.200,5"}).json()
    assert dutch["channels"][0]["contacts_per_hour"] == 1200.5


def test_the_page_json_equals_leerlus_simulate_on_its_scenario_file(busy_phone, tmp_path):
    query = {"telefoon-agents": "5", "answer_within": "30"}
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(busy_phone.get("/systeem/wat-als/", {**query, "format": "scenario"}).json()))
    result = CliRunner().invoke(cli, ["simulate", "--scenario", str(scenario), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == busy_phone.get("/systeem/wat-als/", {**query, "format": "json"}).json()


def test_the_sentence_the_table_and_the_cli_say_the_same_occupancy(busy_phone, tmp_path):
    """Too few agents for the calls: the sentence once said "200% van de tijd bezig" beside a table with 0,90."""
    query = {"telefoon-agents": "1"}  # 30 calls of 4 minutes an hour: twice what one agent can take
    html = busy_phone.get("/systeem/wat-als/", query).content.decode()
    sentence = re.search(r"Bij Telefoon zijn de medewerkers nu (\S+) van de tijd bezig", html).group(1)
    now = re.search(r'<th scope="row">Nu</th><td>Telefoon</td>(.*?)</tr>', html, re.S).group(1)
    in_time, wait, occupancy, abandon, queue = re.findall(r'<td class="num">(.*?)</td>', now)
    assert sentence == occupancy and re.fullmatch(r"\d+%", occupancy) and int(occupancy[:-1]) <= 100
    assert re.fullmatch(r"\d+%", in_time) and re.fullmatch(r"\d+%", abandon)

    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(busy_phone.get("/systeem/wat-als/", {**query, "format": "scenario"}).json()))
    text = CliRunner().invoke(cli, ["simulate", "--scenario", str(scenario)]).stdout
    assert f"Telefoon     binnen de tijd {in_time}, " in text and f"bezetting {occupancy}, afhakers {abandon}" in text


def test_the_english_page_shows_english_formats(busy_phone):
    busy_phone.cookies["django_language"] = "en"
    html = busy_phone.get("/systeem/wat-als/", {"telefoon-agents": "2"}).content.decode()
    assert re.search(r"name=\"telefoon-contacts_per_hour\" value=\"30,0\"", html)  # typed back the Dutch way
    assert "Phone" in html and re.search(r"are busy \d+% of the time", html)
