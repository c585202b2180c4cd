"""Every page in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation, and nothing scrolls sideways."""

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.test_browser import CHROMIUM_FLAGS

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# 200% zoom: WCAG's reflow criterion takes a 1280 px wide screen at 400%; at 200% the page gets
# 640 CSS px of width. We choose a 640x400 CSS px viewport with device scale factor 2, which is
# what Chromium lays out when a 1280x800 window is zoomed to 200%.
PHONE = {"viewport": {"width": 390, "height": 844}}  # and then 320 px, the narrowest phone we support
ZOOMED = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}

# A page's name (for the test id) and how to reach it: a path, or a page and the links to follow from it.
PAGES = {
    "start": "/",
    "signalen": "/signalen/",
    "patronen": "/patronen/",
    "patroon": ("/patronen/", ".pattern a"),
    "incidenten": "/incidenten/",
    "incident": ("/incidenten/", ".incident a"),
    "bekende-gebeurtenissen": "/incidenten/bekende-gebeurtenissen/",
    "proeftuin": "/proeftuin/",
    "vraagstuk": ("/proeftuin/", "a[href^='/proeftuin/vraagstukken/']"),
    "experiment": ("/proeftuin/", "a[href^='/proeftuin/experimenten/']:not([href*='nieuw'])"),
    "nieuw-experiment": (
        "/proeftuin/",
        "a[href^='/proeftuin/vraagstukken/']",
        "a[href^='/proeftuin/experimenten/nieuw/']",
    ),
    "lessen": "/proeftuin/lessen/",
    "kaders": "/proeftuin/kaders/",
    "startplan": "/proeftuin/startplan/",
    "ritme": "/ritme/",
    "maandbrief": "/ritme/maandbrief/",
    "gesprekskit": "/ritme/gesprekskit/",
    "sturingscheck": "/ritme/sturingscheck/",
    "taken": "/taken/",
    "taak": ("/taken/", "td a[href^='/taken/']"),
    "systeemkaart": "/systeem/kaart/",
    "wat-als": "/systeem/wat-als/",
    "niet-gevonden": "/bestaat-niet/",
    "api-docs": "/api/v1/docs",
    "importeren": "/signalen/importeren/",
    "beheer": "/beheer/",
    "inloggen": "/inloggen/",
    "inrichten-organisatie": "/inrichten/organisatie/",
    "inrichten-afdelingen": "/inrichten/afdelingen/",
    "inrichten-mensen": "/inrichten/mensen/",
    "inrichten-import": "/inrichten/import/",
    "wachtwoord-instellen": "/wachtwoord-instellen/MQ/verlopen-link/",
}
READY = {"api-docs": ".opblock"}  # Swagger UI draws the page after it has read the OpenAPI file


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def logged_in(browser, demo_server):
    """The demo beheerder's cookies, logged in once for the whole module."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_server + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("demo")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(demo_server + "/")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="module")
def contexts(browser, logged_in):
    """One browser context per screen, each logged in (the login page is opened logged out)."""
    opened = {}

    def context(screen: str, name: str):
        key = (screen, name == "inloggen")
        if key not in opened:
            settings = {"phone": PHONE, "zoomed": ZOOMED, "desktop": DESKTOP}[screen]
            # bypass_csp: axe is injected as an inline script, which the pages' policy refuses (as it should);
            # tests/test_content_security_policy.py checks the pages with the policy in force.
            opened[key] = browser.new_context(**settings, storage_state=None if key[1] else logged_in, bypass_csp=True)
        return opened[key]

    yield context
    for context in opened.values():
        context.close()


def _open(context, base_url: str, name: str):
    page = context.new_page()
    target = PAGES[name]
    if isinstance(target, tuple):
        path, *links = target
        for link in links:
            page.goto(base_url + path)
            path = page.locator(link).first.get_attribute("href")
        target = path
    response = page.goto(base_url + target)
    assert response.status == (404 if name == "niet-gevonden" else 200), name
    if name in READY:
        page.wait_for_selector(READY[name])
    return page


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


def _sideways_scroll(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations_on_a_desktop(contexts, demo_server, name):
    page = _open(contexts("desktop", name), demo_server, name)
    assert _axe_violations(page) == []
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_a_phone_neither_scrolls_sideways_nor_fails_axe(contexts, demo_server, name):
    page = _open(contexts("phone", name), demo_server, name)
    assert _sideways_scroll(page) <= 0
    assert _axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert _sideways_scroll(page) <= 0
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scroll_at_200_percent_zoom(contexts, demo_server, name):
    page = _open(contexts("zoomed", name), demo_server, name)
    assert _sideways_scroll(page) <= 0
    page.close()


def test_on_a_phone_the_menu_hides_behind_a_button(contexts, demo_server):
    page = _open(contexts("phone", "start"), demo_server, "start")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Signalen")).to_be_hidden()
    assert page.locator("header").bounding_box()["height"] < 100  # the header used to take 515 of 844 px
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Signalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen")
    page.close()


def test_a_form_with_mistakes_shows_them_all_and_passes_axe(contexts, demo_server):
    page = _open(contexts("phone", "kaders"), demo_server, "kaders")
    page.locator("form.stacked").evaluate("form => form.noValidate = true")  # as a browser without checks would
    page.get_by_label("Kleinste team").fill("")
    page.get_by_label("Maximale looptijd in maanden").fill("")
    page.get_by_role("button", name="Kaders opslaan").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link")).to_have_count(2)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Kleinste team")).to_be_focused()
    expect(page.get_by_label("Kleinste team")).to_have_attribute("aria-invalid", "true")
    assert _axe_violations(page) == []
    page.close()


def test_an_inrichten_step_with_mistakes_shows_them_all_and_passes_axe(contexts, demo_server):
    page = _open(contexts("phone", "inrichten-organisatie"), demo_server, "inrichten-organisatie")
    page.locator("form.stacked").evaluate("form => form.noValidate = true")
    page.get_by_label("IT-budget per jaar, in euro's").fill("12.5")
    page.get_by_label("Aandeel proeftuin, in procent van het IT-budget").fill("20")
    page.get_by_role("button", name="Opslaan en verder").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(page.get_by_label("IT-budget per jaar, in euro's")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[aria-current='step']")).to_have_text("1. Organisatie")
    assert _axe_violations(page) == []
    page.close()


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_import_wizard_steps_pass_axe(contexts, demo_server, screen):
    """Upload, columns (with the redacted preview) and channels; stopped before the import changes the demo."""
    page = _open(contexts(screen, "importeren"), demo_server, "importeren")
    page.get_by_label("Bestand", exact=True).set_input_files(
        files=[{"name": "export.csv", "mimeType": "text/csv", "buffer": WIZARD_CSV}]
    )
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolommen koppelen")
    assert _axe_violations(page) == [] and _sideways_scroll(page) <= 0
    page.get_by_role("button", name="Verder: kanalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kanalen koppelen")
    assert _axe_violations(page) == [] and _sideways_scroll(page) <= 0
    page.get_by_role("button", name="Stoppen en bestand wissen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestand importeren")
    page.close()


WIZARD_CSV = (
    b"datum,kanaal,onderwerp,tekst\n"
    b"2025-03-01,citizen-ios,Afval,Container vol bij het station\n"
    b"2025-03-02,telefoon,Paspoort,Bel mij terug op 06-12345678\n"
)
