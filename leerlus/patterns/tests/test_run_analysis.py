"""`leerlus analyse` and `leerlus patterns` on imported signals; the pattern pages and their actions."""

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.utils.html import escape

from leerlus.cli import cli
from leerlus.core.models import Person, Signal
from leerlus.intake.services import import_file
from leerlus.patterns.models import Pattern

pytestmark = pytest.mark.django_db
PATTERN_KEYS = {
    "id",
    "kind",
    "start",
    "end",
    "channel",
    "service",
    "terms",
    "magnitude",
    "score",
    "summary",
    "examples",
    "incident",
}


def run(*args) -> dict:
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def beheerder(client):
    user = get_user_model().objects.create_user("innovatie", password="x", is_superuser=True)
    client.force_login(user)
    return client


def test_analyse_finds_every_kind_and_patterns_follow_the_contract(analysed):
    summary = analysed.first_analysis  # the first run is full without --full
    assert summary["full"] and summary["classified"] == summary["signals"] == len(analysed.frame)
    assert summary["new_patterns"] == summary["patterns"]  # on a first run every pattern is new, none twice
    document = run("patterns")
    assert document["data_until"] == str(analysed.frame["received_at"].max())
    kinds = {p["kind"] for p in document["patterns"]}
    assert kinds == {"spike", "level_shift", "trend", "emerging_topic", "ripple"}
    for pattern in document["patterns"]:
        expected = PATTERN_KEYS | ({"cause", "effect", "lag_days"} if pattern["kind"] == "ripple" else set())
        assert set(pattern) == expected
        assert pattern["summary"] and isinstance(pattern["magnitude"], float)
    # the portal release on the website, followed by phone calls: about permits or in the portal's words
    ripple = next(p for p in document["patterns"] if p["kind"] == "ripple" and p["cause"]["channel"] == "website")
    assert ripple["effect"]["channel"] == "telefoon" and 1 <= ripple["lag_days"] <= 5
    assert ripple["cause"]["service"] == "Vergunning" or "omgevingsloket" in ripple["cause"]["terms"]
    assert set(ripple["cause"]) == set(ripple["effect"]) == {"channel", "service", "terms"}
    assert [p["start"] for p in document["patterns"]] == sorted(
        (p["start"] for p in document["patterns"]), reverse=True
    )
    only_ripples = run("patterns", "--kind", "ripple")
    assert {p["kind"] for p in only_ripples["patterns"]} == {"ripple"}


def test_signals_carry_their_classification(analysed):
    signals = run("signals", "--limit", "1000")["signals"]
    classified = [s for s in signals if s["service_origin"] == "classified"]
    assert classified and all(s["service"] for s in classified)
    assert {s["demand"] for s in signals} <= {"failure", "value"} and all(s["sentiment"] for s in signals)
    assert any(s["topic"] is not None for s in signals)


def test_incremental_run_classifies_only_new_signals(analysed, tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "received_at,channel,service,text\n"
        + "".join(
            f"{analysed.frame['received_at'].max()} 1{i % 6}:00,telefoon,,vraag over mijn afvalpas nummer {i}\n"
            for i in range(7)
        )
    )
    import_file(extra)
    summary = run("analyse")
    assert not summary["full"] and summary["classified"] == 7
    assert not Signal.objects.filter(analysed=False).exists()


def test_patterns_page_json_equals_the_command_line(analysed, beheerder):
    web = beheerder.get("/patronen/", {"format": "json", "kind": "level_shift"}).json()
    assert web == run("patterns", "--kind", "level_shift")
    assert beheerder.get("/patronen/", {"format": "json", "kind": "golf"}).status_code == 400


def test_a_dismissed_pattern_keeps_its_reason_and_is_not_raised_again(analysed, beheerder):
    spike = Pattern.objects.filter(kind="spike").first()
    page = beheerder.post(f"/patronen/{spike.pk}/", {"action": "dismiss", "reason": ""})
    assert "Geef een reden op" in page.content.decode()
    beheerder.post(f"/patronen/{spike.pk}/", {"action": "dismiss", "reason": "Storing in de telefooncentrale"})
    run("analyse", "--full")
    spike.refresh_from_db()
    assert spike.status == "afgewezen" and spike.dismiss_reason == "Storing in de telefooncentrale"
    assert spike.pk not in [p["id"] for p in run("patterns")["patterns"]]
    assert Pattern.objects.filter(kind="spike", start=spike.start).count() == 1
    assert escape(spike.summary) in beheerder.get("/patronen/", {"dismissed": "1"}).content.decode()


def test_acknowledge_a_ripple(analysed, beheerder):
    ripple = Pattern.objects.filter(kind="ripple").first()
    beheerder.post(f"/patronen/{ripple.pk}/", {"action": "acknowledge"})
    ripple.refresh_from_db()
    assert ripple.status == "erkend"
    html = beheerder.get(f"/patronen/{ripple.pk}/").content.decode()
    assert "Oorzaak en gevolg" in html and "<svg" in html


def test_a_lezer_cannot_dismiss(analysed, client):
    user = get_user_model().objects.create_user("lezer", password="x")
    Person.objects.create(name="Lezer", department_id=_department().pk, user=user, role=Person.Role.LEZER)
    client.force_login(user)
    pattern = Pattern.objects.first()
    assert client.post(f"/patronen/{pattern.pk}/", {"action": "dismiss", "reason": "x"}).status_code == 403
    assert "Afwijzen" not in client.get(f"/patronen/{pattern.pk}/").content.decode()


def _department():
    from leerlus.core.models import Department, Organisation

    organisation = Organisation.objects.create(name="Gemeente Test", it_budget=1_000_000, playground_share=0.05)
    return Department.objects.create(organisation=organisation, name="KCC", world="uitvoering")


def test_an_incremental_run_finds_new_words_and_keeps_earlier_news(analysed, tmp_path):
    portal = [p for p in run("patterns", "--kind", "emerging_topic")["patterns"] if "omgevingsloket" in p["terms"]]
    last = pd.Timestamp(analysed.frame["received_at"].max())
    extra = tmp_path / "nieuw.csv"
    extra.write_text(
        "received_at,channel,service,text\n"
        + "".join(
            f"{(last + pd.Timedelta(days=1 + i // 4)).date()} 10:{i:02d},chat,Burgerzaken,"
            f"de afspraakmodule hapert bij het kiezen van een tijdslot {i}\n"
            for i in range(40)
        )
    )
    import_file(extra)
    summary = run("analyse")
    assert not summary["full"] and summary["classified"] == 40
    emerging = run("patterns", "--kind", "emerging_topic")["patterns"]
    assert any("afspraakmodule" in p["terms"] for p in emerging)
    assert [p for p in emerging if "omgevingsloket" in p["terms"]] == portal


def test_the_alarm_budget_set_in_beheer_decides_how_much_is_reported(analysed):
    """A municipality that accepts fewer false alarms gets fewer (never more) patterns, the planted storm still among them."""  # noqa: E501
    from leerlus.core.models import Organisation

    organisation = Organisation.objects.create(name="Gemeente Proefdorp", alarm_budget=10.0)
    run("analyse", "--full")
    generous = run("patterns")["patterns"]
    organisation.alarm_budget = 0.1
    organisation.save()
    run("analyse", "--full")
    strict = run("patterns")["patterns"]
    assert len(strict) < len(generous)
    assert any(p["kind"] == "spike" and p["service"] == "Afval" for p in strict)
