"""The early warning across four real installations: a rise planted in the same week in the passport signals of three
of them (A, B, C; D has none) is shown on B as one incident, "ook bij" naming the other two. Each installation
imports and analyses its own export with the real command line; A, C and D publish through `leerlus serve`, and B
subscribes and pulls over HTTP."""

import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import numpy as np
import pandas as pd

from leerlus.analysis.synthetic import OFFICE_WEEK, ONLINE_WEEK, daily_counts
from tests.conftest import LEERLUS, empty_installation, load_demo, run_django, serving_all
from tests.test_exchange_live import _leerlus

FIRST_DAY, DAYS = date(2026, 1, 5), 210
RISE_DAY = 189  # a Monday: three days at five times the usual phone calls about passports, with new words
RISE_WORDS = ["storing", "afsprakensysteem"]
# name, the name of its passport service (A uses another name with the same UPL name), planted rise
INSTALLATIONS = {
    "a": ("Gemeente Katwijk", "Paspoort en ID-kaart", True),
    "b": ("Gemeente Oegstgeest", "Paspoort", True),
    "c": ("Gemeente Leiden", "Paspoort", True),
    "d": ("Gemeente Noordwijk", "Paspoort", False),
}
OPT_IN = "from leerlus.core.models import Organisation\nOrganisation.objects.update(publish_signals=True)\n"
PAGES = """
from django.contrib.auth import get_user_model
from django.test import Client
from leerlus.core.models import Person
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="beheer"))
print(client.get("/incidenten/%d/").content.decode())
print("=====")
print(client.get("/").content.decode())
"""


def _export(passport: str, rise: bool, seed: int) -> pd.DataFrame:
    """30 weeks of signals about four services; with `rise`, phoned passport signals spike on RISE_DAY."""
    plan = [
        ("telefoon", passport, OFFICE_WEEK, 30, "paspoort afspraak pasfoto verlopen balie"),
        ("website", passport, ONLINE_WEEK, 20, "paspoort afspraak identiteitskaart aanvragen"),
        ("telefoon", "Afval en containers", OFFICE_WEEK, 25, "container grofvuil ophaaldag kliko"),
        ("email", "Parkeervergunning", ONLINE_WEEK, 15, "parkeervergunning bezoekers zone"),
    ]
    rng = np.random.default_rng(seed)
    rows = []
    for number, (channel, service, week, level, words) in enumerate(plan):
        planted = rise and number == 0
        spikes = [(RISE_DAY + d, 5.0) for d in range(3)] if planted else []
        index, counts = daily_counts(
            days=DAYS, level=level, first_day=FIRST_DAY, week=week, spikes=spikes, seed=seed * 10 + number
        )
        for day_number, (day, count) in enumerate(zip(index, counts.astype(int))):
            pool = words.split() + (RISE_WORDS if planted and day_number >= RISE_DAY else [])
            rows += [(day.date().isoformat(), channel, service, " ".join(rng.choice(pool, 4))) for _ in range(count)]
    return pd.DataFrame(rows, columns=["received_at", "channel", "service", "text"])


def _installation(key: str, tmp_path_factory, tmp_path) -> dict:
    """Sets up one municipality, imports and analyses its export, and opts in to the early warning."""
    name, passport, rise = INSTALLATIONS[key]
    env = empty_installation(tmp_path_factory, tmp_path / key, f"early_{key}")
    env["LEERLUS_EXCHANGE_ALLOW_PRIVATE"] = "1"  # the others are served on loopback
    export, password = tmp_path / f"{key}.csv", tmp_path / f"{key}.password"
    _export(passport, rise, seed=ord(key)).to_csv(export, index=False)
    password.write_text("een-lang-wachtwoord-42")
    setup = ["setup", "--organisation", name, "--admin", "beheer", "--email", "b@example.nl"]
    for args in ([*setup, "--password-file", str(password)], ["import", str(export)], ["analyse"]):
        subprocess.run([LEERLUS, *args], env=env, check=True, capture_output=True, timeout=300)
    run_django(env, OPT_IN)
    return env


def test_a_rise_in_three_of_four_municipalities_is_one_incident_on_b_naming_the_other_two(tmp_path_factory, tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        envs = dict(
            zip(INSTALLATIONS, pool.map(lambda key: _installation(key, tmp_path_factory, tmp_path), INSTALLATIONS))
        )
    with serving_all([envs[key] for key in "acd"], worker=False) as urls:  # the feeds are made per request
        for url in urls:
            _leerlus(envs["b"], "exchange", "subscribe", f"{url}/uitwisseling/lessen.json")
        pulled = _leerlus(envs["b"], "exchange", "pull")
    assert pulled["errors"] == [] and pulled["signal_feeds"] == 3

    warnings = _leerlus(envs["b"], "exchange", "warnings")
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning["municipalities"] == ["Gemeente Katwijk", "Gemeente Leiden"]
    assert warning["services"] == ["Paspoort"]
    rise = FIRST_DAY + timedelta(days=RISE_DAY)
    assert rise - timedelta(days=rise.weekday()) <= date.fromisoformat(warning["start"]) <= rise + timedelta(days=6)
    assert {seen["services"][0] for seen in warning["elsewhere"]} == {"Paspoort en ID-kaart", "Paspoort"}

    incident_page, start_page = run_django(envs["b"], PAGES % warning["incident"]).split("=====")
    assert "Ook bij: Gemeente Katwijk, Gemeente Leiden" in incident_page and "Noordwijk" not in incident_page
    assert "ook bij: Gemeente Katwijk, Gemeente Leiden" in start_page


def test_the_demo_shows_one_incident_also_seen_at_its_two_neighbours(tmp_path_factory):
    env = load_demo(tmp_path_factory, "early_warning")
    warnings = _leerlus(env, "exchange", "warnings")
    assert [(w["services"], w["municipalities"]) for w in warnings] == [
        (["Afval en containers"], ["Gemeente Elderveen", "Gemeente Noordermeer"])
    ]
