"""Every page in a real Chromium with the Content-Security-Policy in force: the browser refuses nothing, so no page
needs an inline script or a file from elsewhere, and each answer carries the policy."""

import pytest

from tests.conftest import DESKTOP
from tests.test_accessibility import PAGES, READY, _open


@pytest.fixture(scope="module")
def page_with_policy(browser, demo_server):
    """A logged-in demo beheerder's page that records every refusal of the policy."""
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(demo_server + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("demo")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(demo_server + "/")
    page.close()
    refused = []
    context.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    return context, refused


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
