"""Every page in a real Chromium on a desktop, and forms with mistakes: axe-core finds no WCAG 2.1 A/AA violation.

The same pages on a phone and at 200% zoom are in tests/test_accessibility_small_screens.py, so that the two
xdist workers share the checks."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

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
    "auditlog": "/auditlog/",
    "beheer": "/beheer/",
    "inloggen": "/inloggen/",
    "inrichten-organisatie": "/inrichten/organisatie/",
    "inrichten-afdelingen": "/inrichten/afdelingen/",
    "inrichten-mensen": "/inrichten/mensen/",
    "inrichten-import": "/inrichten/import/",
    "wachtwoord-instellen": "/wachtwoord-instellen/MQ/verlopen-link/",
}
READY = {"api-docs": ".opblock"}  # Swagger UI draws the page after it has read the OpenAPI file


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
