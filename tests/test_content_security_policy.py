"""Every page in a real Chromium with the Content-Security-Policy in force: the browser refuses nothing, so no page
needs an inline script or a file from elsewhere, and each answer carries the policy."""

import pytest
from playwright.sync_api import sync_playwright

from tests.test_accessibility import DESKTOP, PAGES, READY, _open
from tests.test_browser import CHROMIUM_FLAGS


@pytest.fixture(scope="module")
def page_with_policy(demo_server):
    """A logged-in demo beheerder's page that records every refusal of the policy."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        context = browser.new_context(**DESKTOP)
        page = context.new_page()
        page.goto(demo_server + "/inloggen/")
        page.get_by_label("Gebruikersnaam").fill("demo")
        page.get_by_label("Wachtwoord").fill("demo")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(demo_server + "/")
        page.close()
        refused = []
        context.on(
            "console", lambda message: refused.append(message.text) if "Content Security" in message.text else None
        )
        yield context, refused
        browser.close()


@pytest.mark.parametrize("name", [name for name in PAGES if name != "inloggen"])
def test_the_policy_refuses_nothing(page_with_policy, demo_server, name):
    context, refused = page_with_policy
    refused.clear()
    page = _open(context, demo_server, name)
    if name not in READY:
        page.wait_for_load_state("networkidle")
    policy = page.evaluate("async () => (await fetch(location.href)).headers.get('content-security-policy')")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    page.close()
    assert refused == [], f"{name}: {refused}"
