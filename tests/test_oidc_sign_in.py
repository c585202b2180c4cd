"""Sign-in through a real OpenID Connect provider (django-oidc-provider in its own server) in a real Chromium:
the provider's groups decide the role, anew at each sign-in, and someone in no mapped group gets a page saying so."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import LEERLUS, _free_port, new_installation, serving
from tests.oidc_provider.run import CLIENT_ID, CLIENT_SECRET, PASSWORD
from tests.test_browser import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The provider on a free port, with a client whose redirect URI is leerlus's /oidc/callback/ on another;
    it starts while leerlus is set up."""
    port, leerlus_port = _free_port(), _free_port()
    env = {**os.environ, "OP_HOME": str(tmp_path_factory.mktemp("provider")), "PYTHONPATH": str(ROOT)}
    callback = f"http://127.0.0.1:{leerlus_port}/oidc/callback/"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.run", "serve", str(port), callback],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    issuer = f"http://127.0.0.1:{port}/openid"

    def set_groups(username, *groups):
        command = [sys.executable, "-m", "tests.oidc_provider.run", "groups", username, *groups]
        subprocess.run(command, env=env, check=True)

    yield {"issuer": issuer, "leerlus_port": leerlus_port, "set_groups": set_groups}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def leerlus(provider, tmp_path_factory):
    """A set-up leerlus that signs people in through the provider; yields its URL and a `leerlus` runner."""
    home = tmp_path_factory.mktemp("leerlus")
    secret = home.parent / "client-secret"
    secret.write_text(CLIENT_SECRET + "\n")
    env = {
        **new_installation(home, "oidc"),
        "PYTHONPATH": str(ROOT),  # this checkout's leerlus, also when the command was installed from another
        "LEERLUS_OIDC_ISSUER": provider["issuer"],
        "LEERLUS_OIDC_CLIENT_ID": CLIENT_ID,
        "LEERLUS_OIDC_CLIENT_SECRET_FILE": str(secret),
        "LEERLUS_OIDC_LABEL": "Testdorp-account",
        "LEERLUS_OIDC_SCOPES": "openid email profile groups",
        "LEERLUS_OIDC_ROLE_GROUPS": "beheerder=GG-Leerlus-Beheer,teamlid=GG-Leerlus-Team|GG-KCC",
    }
    password = home.parent / "password"
    password.write_text("een-lang-lokaal-wachtwoord\n")

    def run(*args):
        done = subprocess.run([LEERLUS, *args], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    run(
        "setup",
        "--organisation",
        "Gemeente Testdorp",
        "--admin",
        "lokaal",
        "--email",
        "lokaal@testdorp.nl",
        "--password-file",
        str(password),
    )
    run.env = env
    with serving(env, port=provider["leerlus_port"]) as url:
        _wait_until_it_answers(provider["issuer"] + "/.well-known/openid-configuration")  # it started meanwhile
        yield url, run


def _wait_until_it_answers(address):
    for _ in range(300):
        try:
            urllib.request.urlopen(address, timeout=1)
            return
        except OSError:
            time.sleep(0.2)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def _sign_in(browser, url, username):
    """Through the button on leerlus's login page and the provider's own login form; returns the page and the
    Content-Security-Policy refusals the browser reported."""
    page = browser.new_context().new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    page.goto(url + "/inloggen/")
    page.get_by_role("link", name="Inloggen via Testdorp-account").click()
    page.get_by_label("User").fill(username)
    page.get_by_label("Secret").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page, refused


def test_a_provider_account_lands_as_its_role_and_a_group_change_counts_at_the_next_sign_in(browser, leerlus, provider):
    url, run = leerlus
    page, refused = _sign_in(browser, url, "anna")
    expect(page).to_have_url(url + "/")
    expect(page.locator(".account")).to_contain_text("anna (beheerder)")

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(re.escape(provider["issuer"] + "/end-session")))
    page.goto(url + "/")
    expect(page).to_have_url(re.compile(re.escape(url + "/inloggen/")))
    assert refused == []

    provider["set_groups"]("anna", "GG-KCC")
    page, _refused = _sign_in(browser, url, "anna")
    expect(page.locator(".account")).to_contain_text("anna (teamlid)")
    people = [p for p in json.loads(run("user", "list", "--json"))["people"] if p["username"] == "anna"]
    assert [(p["name"], p["role"], p["through_provider"], p["can_log_in"]) for p in people] == [
        ("Anna de Boer", "teamlid", True, True)
    ]


def test_someone_in_no_mapped_group_is_refused_with_a_page_that_says_why(browser, leerlus):
    url, _run = leerlus
    page, _refused = _sign_in(browser, url, "carl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen lukt niet")
    expect(page.get_by_role("alert")).to_contain_text("hoort bij geen groep die toegang geeft tot leerlus")
    page.goto(url + "/")
    expect(page).to_have_url(re.compile(re.escape(url + "/inloggen/")))


def test_the_login_page_offers_both_ways_and_a_local_account_still_signs_in(browser, leerlus):
    url, _run = leerlus
    page = browser.new_context().new_page()
    page.goto(url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("lokaal")
    page.get_by_label("Wachtwoord").fill("een-lang-lokaal-wachtwoord")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.locator(".account")).to_contain_text("lokaal (beheerder)")


def test_with_local_login_off_only_the_provider_signs_in(browser, leerlus):
    _url, run = leerlus
    with serving({**run.env, "LEERLUS_LOCAL_LOGIN": "0"}) as url:
        page = browser.new_context().new_page()
        page.goto(url + "/inloggen/")
        expect(page.get_by_role("link", name="Inloggen via Testdorp-account")).to_be_visible()
        expect(page.get_by_label("Wachtwoord")).to_have_count(0)
        page.goto(url + "/beheer/login/")  # Django's own admin form: a right local password no longer works
        page.get_by_label("Gebruikersnaam").fill("lokaal")
        page.get_by_label("Wachtwoord").fill("een-lang-lokaal-wachtwoord")
        page.locator("#login-form [type=submit]").click()
        expect(page.locator(".errornote")).to_be_visible()
        page.goto(url + "/")
        expect(page).to_have_url(re.compile(re.escape(url + "/inloggen/")))
