"""The import wizard in a real Chromium against a real `leerlus serve` (with its worker) in a fresh data directory:
upload a meldingen export, map a channel code, watch the progress, read the summary."""

import os
import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.conftest import LEERLUS, new_installation, serving
from tests.test_accessibility import _axe_violations

ROWS = 60_000  # enough rows that the import takes a moment, so the progress page is seen before the summary
CODES = ["citizen-ios", "citizen-android", "website", "telephone", "handler-android"]


def _export() -> bytes:
    """A Fixi-style export (synthetic): one row with an unreadable date, every other row valid."""
    lines = ["id,categoryName,teamName,source,created,regionName"]
    for i in range(ROWS):
        created = "gisteren" if i == 7 else f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:00"
        lines.append(f"{i},Zwerfafval {i % 5},Wijkbeheer {i % 3},{CODES[i % len(CODES)]},{created},Wijk {i % 7}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def wizard_server(tmp_path_factory):
    """A fresh installation with one beheerder (a superuser), served with its worker; yields the base URL."""
    env = new_installation(tmp_path_factory.mktemp("wizard-home"), "wizard")
    subprocess.run([LEERLUS, "jobs", "--json"], env=env, check=True, capture_output=True, timeout=300)  # migrates
    subprocess.run(
        [os.path.join(os.path.dirname(LEERLUS), "django-admin"), "createsuperuser", "--noinput"]
        + ["--username", "anna", "--email", "anna@example.nl"],
        env={**env, "DJANGO_SETTINGS_MODULE": "leerlus.settings", "DJANGO_SUPERUSER_PASSWORD": "geheim-wachtwoord"},
        check=True,
        capture_output=True,
        timeout=120,
    )
    with serving(env) as url:
        yield url, env


def test_upload_map_a_channel_watch_the_progress_and_read_the_summary(browser, wizard_server):
    url, env = wizard_server
    page = browser.new_page(bypass_csp=True)  # axe is injected as an inline script
    page.goto(url + "/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Importeren").click()

    page.get_by_label("Bestand", exact=True).set_input_files(
        files=[{"name": "meldingen.csv", "mimeType": "text/csv", "buffer": _export()}]
    )
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolommen koppelen")
    expect(page.get_by_label("Export van")).to_have_value("fixi")  # recognised from the columns
    expect(page.get_by_label("Kanaal (channel)")).to_have_value("source")
    page.get_by_role("button", name="Verder: kanalen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kanalen koppelen")
    expect(page.get_by_label("citizen-ios")).to_have_value("app")  # suggested from the word parts
    expect(page.get_by_label("handler-android")).to_have_value("intern")
    page.get_by_label("handler-android").select_option("balie")  # this municipality decides otherwise
    page.get_by_role("button", name="Importeren").click()

    expect(page.locator("progress")).to_have_count(1)  # the progress page, before the import is done
    expect(page.get_by_role("heading", level=1)).to_have_text("Import klaar", timeout=120_000)
    facts = dict(zip(page.locator("dt").all_inner_texts(), page.locator("dd").all_inner_texts(), strict=True))
    assert facts == {
        "Gelezen": "60.000",
        "Nieuw opgeslagen": "59.999",
        "Al aanwezig (dubbel)": "0",
        "Afgewezen": "1",
    }
    expect(page.get_by_role("table", name="Afgewezen rijen per reden")).to_contain_text("Datum in kolom created")
    assert _axe_violations(page) == []  # the summary, as WCAG 2.1 AA asks
    with page.expect_download() as download:
        page.get_by_role("link", name="Alle afgewezen regels downloaden (CSV)").click()
    assert re.match(r"^regel,code,reden\r?\n9,date_unreadable,", open(download.value.path()).read())

    done = subprocess.run(
        [LEERLUS, "signals", "--channel", "balie", "--limit", "1000", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert '"channel": "balie"' in done.stdout and "handler" not in done.stdout
