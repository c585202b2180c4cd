"""The feedback widget in a real Chromium, on a municipality's page served from another origin (a second loopback
port, with a strict Content-Security-Policy of its own) against a real `leerlus serve` with its worker: used by
keyboard only, its thanks announced, each answer stored once and redacted; a site not on the list is refused, a
robot in the honeypot stores nothing, a client that sends too often gets 429. axe-core checks the widget and the
form without JavaScript."""

import json
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.conftest import LEERLUS, _free_port, new_installation, serving
from tests.test_accessibility import _axe_violations

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Paspoort aanvragen - Gemeente Voorbeeldstad</title></head>
<body><main><h1>Paspoort aanvragen</h1><p>U vraagt een paspoort aan bij de balie.</p>
<div data-leerlus-feedback></div></main>
<script src="{leerlus}/widget/v1/leerlus-feedback.js" defer></script></body></html>"""

STORED = """
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "leerlus.settings"
django.setup()
from leerlus.core.models import Signal
print(json.dumps(list(Signal.objects.filter(source="paginafeedback").values("text", "location", "channel"))))
"""


@contextmanager
def municipality_site(leerlus: str):
    """A municipality's pages on a port of their own: /nl/… and /en/…, with a policy that allows only leerlus."""

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            body = PAGE.format(lang="en" if self.path.startswith("/en/") else "nl", leerlus=leerlus).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            policy = f"default-src 'none'; script-src {leerlus}; connect-src {leerlus}"
            self.send_header("Content-Security-Policy", policy)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """leerlus with its worker (its periodic round every second), a listed site and one that is not on the list."""
    env = new_installation(tmp_path_factory.mktemp("widget-home"), "widget") | {"LEERLUS_JOB_STALE_SECONDS": "2"}
    port = _free_port()
    leerlus = f"http://127.0.0.1:{port}"
    with municipality_site(leerlus) as listed, municipality_site(leerlus) as unlisted:
        subprocess.run([LEERLUS, "widget", "allow", listed], env=env, check=True, capture_output=True)
        with serving(env, port):
            yield {"env": env, "leerlus": leerlus, "listed": listed, "unlisted": unlisted}


def _stored(env: dict, expected: int) -> list[dict]:
    """The widget's signals once the worker has moved `expected` of them (or what there is after 60 s)."""
    for _ in range(120):
        done = subprocess.run([sys.executable, "-c", STORED], env=env, capture_output=True, text=True, check=True)
        signals = json.loads(done.stdout)
        if len(signals) >= expected:
            return signals
        time.sleep(0.5)
    return signals


def _open(browser, url: str, violations: list | None = None):
    context = browser.new_context()
    page = context.new_page()
    if violations is not None:
        page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else 0)
    page.goto(url)
    return page


def test_keyboard_only_answer_is_announced_and_stored_once_redacted(browser, sites):
    violations = []
    page = _open(browser, sites["listed"] + "/nl/paspoort?bsn=111222333#aanvragen", violations)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Ja")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Nee")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Wat zocht u?")).to_be_focused()
    page.keyboard.type("Ik zocht de openingstijden, mail mij op jan.jansen@example.nl")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Versturen")).to_be_focused()
    page.keyboard.press("Enter")
    status = page.get_by_role("status")
    expect(status).to_have_text("Bedankt voor uw reactie.")
    expect(status).to_be_focused()
    assert violations == []  # the page's own policy let the script, its styles and its request through
    assert page.context.cookies() == []
    stored = _stored(sites["env"], 1)
    assert stored == [
        {
            "text": "Nee — Ik zocht de openingstijden, mail mij op [EMAIL]",
            "location": sites["listed"] + "/nl/paspoort",
            "channel": "website",
        }
    ]
    page.context.close()


def test_a_double_click_stores_once_and_english_pages_get_english(browser, sites):
    before = len(_stored(sites["env"], 0))
    page = _open(browser, sites["listed"] + "/en/passport")
    expect(page.get_by_role("group", name="Did this page help you?")).to_be_visible()
    page.get_by_role("button", name="No").click()
    page.get_by_label("What were you looking for?").fill("Opening hours")
    page.get_by_role("button", name="Send").dblclick()
    expect(page.get_by_role("status")).to_have_text("Thank you for your response.")
    stored = _stored(sites["env"], before + 1)
    time.sleep(2)  # a second signal would have been moved by now
    assert len(_stored(sites["env"], 0)) == len(stored) == before + 1
    page.context.close()


def test_a_filled_honeypot_stores_nothing(browser, sites):
    before = len(_stored(sites["env"], 0))
    page = _open(browser, sites["listed"] + "/nl/robot")
    page.get_by_role("button", name="Nee").click()
    page.locator("input[name=website]").fill("http://goedkope-horloges.example", force=True)
    page.get_by_label("Wat zocht u?").fill("Goedkope horloges")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("status")).to_have_text("Bedankt voor uw reactie.")
    time.sleep(3)  # two rounds of the worker
    assert len(_stored(sites["env"], 0)) == before
    page.context.close()


def test_a_site_not_on_the_list_is_refused(browser, sites):
    before = len(_stored(sites["env"], 0))
    page = _open(browser, sites["unlisted"] + "/nl/paspoort")
    page.get_by_role("button", name="Ja").click()
    expect(page.get_by_role("status")).to_have_text("Versturen lukte niet. Probeer het later nog eens.", timeout=15_000)
    request = urllib.request.Request(
        sites["leerlus"] + "/widget/v1/feedback",
        data=json.dumps({"page": sites["unlisted"] + "/x", "useful": True, "key": str(uuid.uuid4())}).encode(),
        headers={"Origin": sites["unlisted"], "Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    time.sleep(2)
    assert len(_stored(sites["env"], 0)) == before
    page.context.close()


def test_the_widget_and_the_form_without_javascript_pass_axe(browser, sites):
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    page.goto(sites["listed"] + "/nl/paspoort")
    page.get_by_role("button", name="Nee").click()
    assert _axe_violations(page) == []
    page.goto(f"{sites['leerlus']}/widget/v1/feedback?page={sites['listed']}/nl/paspoort")
    assert _axe_violations(page) == []
    page.get_by_label("Nee").check()
    page.get_by_label("Wat zocht u?").fill("De openingstijden van het stadhuis")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Bedankt voor uw reactie")
    assert _axe_violations(page) == []
    context.close()


def test_too_many_from_one_address_get_429_with_problem_details(tmp_path):
    env = new_installation(tmp_path / "home", "widget_rate") | {"LEERLUS_WIDGET_RATE": "3/m"}
    site = "https://www.voorbeeldstad.nl"
    subprocess.run([LEERLUS, "widget", "allow", site], env=env, check=True, capture_output=True)
    with serving(env) as leerlus:
        answers = []
        for _ in range(4):
            body = {"page": site + "/afval", "useful": True, "key": str(uuid.uuid4())}
            request = urllib.request.Request(
                leerlus + "/widget/v1/feedback",
                data=json.dumps(body).encode(),
                headers={"Origin": site, "Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    answers.append((answer.status, answer.headers["Content-Type"], None))
            except urllib.error.HTTPError as error:
                answers.append((error.code, error.headers["Content-Type"], json.loads(error.read())["status"]))
    assert [a[0] for a in answers] == [202, 202, 202, 429]
    assert answers[-1][1:] == ("application/problem+json", 429)
