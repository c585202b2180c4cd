"""Every page of tests/test_accessibility.py on a phone and at 200% zoom: nothing scrolls sideways, and on a phone
axe-core finds no WCAG 2.1 A/AA violation; the phone's menu hides behind a button."""

import pytest
from playwright.sync_api import expect

from tests.conftest import ZOOMED_VIEWPORT
from tests.test_accessibility import PAGES, _axe_violations, _open, _sideways_scroll


@pytest.mark.parametrize("name", PAGES)
def test_a_phone_and_200_percent_zoom_neither_scroll_sideways_nor_fail_axe(contexts, demo_server, name):
    """One page load per page: the phone (390 px, then 320 px), then 200% zoom (ZOOMED_VIEWPORT)."""
    page = _open(contexts("phone", name), demo_server, name)
    assert _sideways_scroll(page) <= 0
    assert _axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert _sideways_scroll(page) <= 0, "320 px"
    page.set_viewport_size(ZOOMED_VIEWPORT)
    assert _sideways_scroll(page) <= 0, "200% zoom"
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
