"""The REST API, version 1: token authentication, one error form (problem+json), each app's router mounted.

The OpenAPI description is served at /api/v1/openapi.json (and readable at /api/v1/docs, with the
Swagger files that django-ninja ships, so nothing is fetched from the internet); docs/openapi.json
is the committed copy that a test compares with the code.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from leerlus.audit.context import Actor, set_actor
from leerlus.audit.models import AuditEntry
from leerlus.core.tokens import person_for_token
from leerlus.errors import InputError
from leerlus.intake.api import router as signals_router  # the core's list with the intake's push
from leerlus.patterns.api import router as patterns_router
from leerlus.playground.api import router as playground_router
from leerlus.presentation.problems import problem


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>`; the request then acts as the key's person, with their role."""

    def authenticate(self, request, token):
        person = person_for_token(token)
        if person is not None:
            username = person.user.get_username() if person.user_id else person.name
            set_actor(Actor(username, AuditEntry.Channel.API, request.META.get("REMOTE_ADDR", "")))
        return person


class Docs(Swagger):
    """ninja's Swagger page in our own template: the page's language, and colours with enough contrast.

    Without deep links, as those put a link inside each operation's button (a link in a button is
    unreachable for a keyboard and confusing for a screen reader).
    """

    template = "web/api_docs.html"
    default_settings = {**Swagger.default_settings, "deepLinking": False}


api = NinjaAPI(
    title="leerlus",
    version="1",
    description="Signalen, patronen en incidenten; vraagstukken, experimenten, logboek en lessen.",
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs=Docs(),
)
api.add_router("/", signals_router)
api.add_router("/", patterns_router)
api.add_router("/", playground_router)


@api.exception_handler(InputError)
def bad_input(request, error):
    return problem(400, _("Ongeldige invoer"), str(error), errors=error.messages)


@api.exception_handler(Http404)
def not_found(request, error):
    return problem(404, _("Niet gevonden"), _("Er is geen object met dit nummer op dit adres."))


@api.exception_handler(PermissionDenied)
def forbidden(request, error):
    return problem(403, _("Niet toegestaan"), str(error))


@api.exception_handler(ValidationError)
def invalid(request, error):
    return problem(422, _("Ongeldige invoer"), _("Het verzoek past niet bij het schema."), errors=error.errors)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, error):
    return problem(401, _("Niet aangemeld"), _("Stuur een geldige sleutel mee: Authorization: Bearer <sleutel>."))


@api.exception_handler(HttpError)
def http_error(request, error):
    return problem(error.status_code, str(error))


def _not_allowed_as_problem(view):
    """ninja answers a method that a path does not take with a bare 405; this API answers problem+json."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        refused = problem(
            405,
            _("Methode niet toegestaan"),
            _("Dit adres neemt %(methode)s niet aan; wel: %(toegestaan)s.")
            % {"methode": request.method, "toegestaan": response["Allow"]},
        )
        refused["Allow"] = response["Allow"]
        return refused

    return answer


def urls():
    """The API's routes for `leerlus.urls`, each answering a method it does not take with problem+json."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _not_allowed_as_problem(pattern.callback)
    return patterns, app_name, namespace
