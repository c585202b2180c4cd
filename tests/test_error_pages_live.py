"""The error pages through a real `leerlus serve` (waitress, DEBUG off), as a browser and an API client get them."""

import json
import urllib.error
import urllib.request


def _fetch(url: str, **headers) -> urllib.error.HTTPError:
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)
    except urllib.error.HTTPError as refused:
        return refused
    raise AssertionError(f"{url} answered without an error")


def test_an_unknown_address_is_the_dutch_404_page_and_an_unknown_api_address_problem_json(demo_server):
    page = _fetch(demo_server + "/bestaat-niet/")
    html = page.read().decode()
    assert page.code == 404 and page.headers["Content-Type"].startswith("text/html")
    assert "Pagina niet gevonden" in html and '<html lang="nl">' in html and "Naar de startpagina" in html

    api = _fetch(demo_server + "/api/v1/bestaat-niet", Authorization="Bearer leerlus_verzonnen")
    assert api.code == 404 and api.headers["Content-Type"] == "application/problem+json"
    assert json.loads(api.read())["status"] == 404
