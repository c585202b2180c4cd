"""Production settings (LEERLUS_SECURE=1): Django's deployment check is clean and the server insists on HTTPS."""

import http.client
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import LEERLUS, _free_port

DJANGO_ADMIN = str(Path(sys.executable).with_name("django-admin"))
ROOT = Path(__file__).resolve().parent.parent  # this checkout's leerlus, also when django-admin is installed elsewhere


SIGN_IN_THROUGH_PROVIDER = {
    "LEERLUS_OIDC_ISSUER": "https://login.gemeente.example/realms/medewerkers",
    "LEERLUS_OIDC_CLIENT_ID": "leerlus",
    "LEERLUS_OIDC_CLIENT_SECRET": "geheim",
    "LEERLUS_OIDC_ROLE_GROUPS": "beheerder=GG-Leerlus-Beheer,lezer=*",
    "LEERLUS_LOCAL_LOGIN": "0",
}


@pytest.mark.parametrize("sign_in", [{}, SIGN_IN_THROUGH_PROVIDER], ids=["local", "identity-provider"])
def test_the_deployment_check_finds_nothing_with_the_production_setting(leerlus_home, sign_in):
    env = {**leerlus_home.env, "DJANGO_SETTINGS_MODULE": "leerlus.settings", "PYTHONPATH": str(ROOT), **sign_in}
    secure = subprocess.run(
        [DJANGO_ADMIN, "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "LEERLUS_SECURE": "1"},
        capture_output=True,
        text=True,
    )
    assert secure.returncode == 0, secure.stderr
    assert "no issues" in secure.stdout
    laptop = subprocess.run([DJANGO_ADMIN, "check", "--deploy"], env=env, capture_output=True, text=True)
    assert "SESSION_COOKIE_SECURE" in laptop.stderr  # the embedded default is plain HTTP, and the check says so


def test_behind_a_proxy_plain_http_is_redirected_and_cookies_are_secure(leerlus_home):
    port = _free_port()
    server = subprocess.Popen(
        [LEERLUS, "serve", "--port", str(port)],
        env={**leerlus_home.env, "LEERLUS_SECURE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        plain = _get(port, "/inloggen/")
        assert plain.status == 301 and plain.getheader("Location") == f"https://127.0.0.1:{port}/inloggen/"
        proxied = _get(port, "/inloggen/", {"X-Forwarded-Proto": "https"})
        assert proxied.status == 200
        assert "max-age=31536000" in proxied.getheader("Strict-Transport-Security")
        assert "; Secure" in proxied.getheader("Set-Cookie") and "HttpOnly" not in proxied.getheader("Set-Cookie")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get(port: int, path: str, headers: dict | None = None):
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path, headers=headers or {})
            return connection.getresponse()
        except OSError:
            time.sleep(0.2)
    raise AssertionError("de server startte niet")
