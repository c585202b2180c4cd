"""An identity provider that does not answer: the sign-in button leads to a Dutch page that says so (503)."""

import socket

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings

from leerlus.core import oidc


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens here once the socket is closed


def test_a_provider_that_does_not_answer_gives_a_page_that_says_so(db):
    issuer = f"http://127.0.0.1:{_closed_port()}/realms/gemeente"
    with override_settings(OIDC_ISSUER=issuer, OIDC_LABEL="Gemeente Testdorp", OIDC_TIMEOUT=2, OIDC_RP_CLIENT_ID="x"):
        request = RequestFactory().get("/oidc/authenticate/")
        request.user = AnonymousUser()
        response = oidc.SignInView.as_view()(request)
    assert response.status_code == 503
    page = response.content.decode()
    assert "Inloggen lukt niet" in page
    assert "De inlogdienst van Gemeente Testdorp is nu niet bereikbaar" in page
