"""Sign-in through the organisation's identity provider (OpenID Connect, mozilla-django-oidc): each sign-in creates or
updates the account and its person, with the role the provider's groups give; no token is kept."""

import functools
import hashlib
import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.views import LogoutView
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from leerlus.core.models import Department, Person
from leerlus.core.provider_roles import groups_in, parse_role_groups, role_for

BACKEND = "leerlus.core.oidc.ProviderBackend"
logger = logging.getLogger(__name__)


class SignInRefused(Exception):
    """A sign-in through the provider that cannot go on; the message says why, in Dutch, for the person signing in."""

    status = 403

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ProviderUnavailable(SignInRefused):
    status = 503


def provider_label() -> str:
    """The button's text on the login page."""
    if settings.OIDC_LABEL:
        return _("Inloggen via %(idp)s") % {"idp": settings.OIDC_LABEL}
    return _("Inloggen met uw organisatie-account")


def _provider_name() -> str:
    return settings.OIDC_LABEL or _("uw organisatie")


@functools.cache  # once per process; a failure is not cached, so the next sign-in tries again
def provider_configuration() -> dict:
    """The provider's discovery document (endpoints, keys), checked to belong to LEERLUS_OIDC_ISSUER."""
    try:
        address = settings.OIDC_ISSUER + "/.well-known/openid-configuration"
        response = requests.get(address, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError):
        raise ProviderUnavailable(
            _("De inlogdienst van %(idp)s is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.")
            % {"idp": _provider_name()}
        ) from None
    if str(document.get("issuer", "")).rstrip("/") != settings.OIDC_ISSUER:
        raise SuspiciousOperation("The discovery document names another issuer than LEERLUS_OIDC_ISSUER.")
    return document


def subject_of(claims: dict) -> str:
    """What leerlus keeps of the provider's fixed identifier: a SHA-256 of the issuer and `sub`."""
    return hashlib.sha256(f"{settings.OIDC_ISSUER} {claims['sub']}".encode()).hexdigest()


class ProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with leerlus's people: the account is found by the provider's `sub`, named by
    preferred_username (or e-mail), and gets its role and department anew at each sign-in."""

    get_user = ModelBackend.get_user  # a session of an account made inactive in Beheer ends (mozilla's does not check)

    def __init__(self, *args, **kwargs):
        # Django makes a backend for every login, also a local one: the provider is only asked at a real sign-in.
        self.UserModel = get_user_model()

    def authenticate(self, request, nonce=None, code_verifier=None, **kwargs):
        if request is None or nonce is None:  # a local login (username and password), not the provider's callback
            return None
        provider = provider_configuration()
        self.OIDC_OP_TOKEN_ENDPOINT = provider["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = provider["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = provider["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except requests.RequestException as error:  # a refused client secret, a token or key endpoint that is down
            status = getattr(error.response, "status_code", None)
            logger.warning("Identity provider refused or did not answer: %s, status %s", type(error).__name__, status)
            raise ProviderUnavailable(
                _(
                    "Inloggen via %(idp)s lukt nu niet. Probeer het later opnieuw; blijft het misgaan, "
                    "meld het dan aan de beheerder."
                )
                % {"idp": _provider_name()}
            ) from None

    def verify_token(self, token, **kwargs):
        """The signature and nonce (mozilla-django-oidc), and also that the token is from our issuer, for us."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud", [])
        audience = [audience] if isinstance(audience, str) else audience
        if str(payload.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER or self.OIDC_RP_CLIENT_ID not in audience:
            raise SuspiciousOperation("The ID token is from another issuer or for another client.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The claims of the ID token and the userinfo endpoint together (Entra ID puts the groups and
        preferred_username only in the ID token); both must be about the same `sub`."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub", payload.get("sub")) != payload.get("sub"):
            raise SuspiciousOperation("The userinfo endpoint answered about another subject than the ID token.")
        return {**payload, **userinfo}

    def verify_claims(self, claims):
        """Refuses, with a page that says why, someone in no mapped group or without a name leerlus can use."""
        if not claims.get("sub") or not _username(claims):
            raise SignInRefused(
                _("%(idp)s gaf geen gebruikersnaam of e-mailadres door. Vraag de beheerder van %(idp)s dat te regelen.")
                % {"idp": _provider_name()}
            )
        if _role(claims) is None:
            raise SignInRefused(
                _(
                    "Uw account bij %(idp)s hoort bij geen groep die toegang geeft tot leerlus. "
                    "Vraag uw beheerder om u aan een van de groepen voor leerlus toe te voegen."
                )
                % {"idp": _provider_name()}
            )
        return True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(person__provider_subject=subject_of(claims))

    def create_user(self, claims):
        username = _username(claims)
        if self.UserModel.objects.filter(username__iexact=username).exists():
            raise SignInRefused(
                _(
                    "Er bestaat al een ander account met gebruikersnaam '%(u)s'. Vraag een beheerder dat account te "
                    "verwijderen of een andere naam te geven; daarna kunt u inloggen via %(idp)s."
                )
                % {"u": username, "idp": _provider_name()}
            )
        user = self.UserModel(username=username)
        user.set_unusable_password()  # this account signs in through the provider only
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        """Role, department, name and e-mail as the provider says today: a changed group counts at the next login."""
        role = _role(claims)
        person = Person.objects.filter(user=user).select_related("department").first() if user.pk else None
        user.email = str(claims.get("email") or user.email)
        user.first_name = str(claims.get("given_name") or "")[:150]
        user.last_name = str(claims.get("family_name") or "")[:150]
        user.is_staff = user.is_superuser = role == Person.Role.BEHEERDER
        department = _department(claims, person)
        user.save()
        name = str(claims.get("name") or f"{user.first_name} {user.last_name}".strip() or user.username)[:200]
        Person.objects.update_or_create(
            user=user,
            defaults={"name": name, "role": role, "department": department, "provider_subject": subject_of(claims)},
        )
        return user


def _username(claims: dict) -> str:
    return str(claims.get("preferred_username") or claims.get("email") or "").strip()[:150]


def _role(claims: dict) -> str | None:
    return role_for(groups_in(claims, settings.OIDC_GROUPS_CLAIM), parse_role_groups(settings.OIDC_ROLE_GROUPS))


def _department(claims: dict, person: Person | None) -> Department:
    """The department the provider names (LEERLUS_OIDC_DEPARTMENT_CLAIM) when leerlus knows it; else the person's
    own; for someone new LEERLUS_OIDC_DEPARTMENT, or the first department."""
    named = str(claims.get(settings.OIDC_DEPARTMENT_CLAIM) or "").strip() if settings.OIDC_DEPARTMENT_CLAIM else ""
    found = Department.objects.filter(name__iexact=named).first() if named else None
    if found or person:
        return found or person.department
    departments = Department.objects.order_by("pk")
    default = settings.OIDC_DEPARTMENT and departments.filter(name__iexact=settings.OIDC_DEPARTMENT).first()
    default = default or departments.first()
    if default is None:
        raise SignInRefused(_("leerlus is nog niet ingericht. Vraag de beheerder eerst `leerlus setup` te draaien."))
    return default


class RefusalPage(View):
    """Renders a SignInRefused as a page in the app's layout with a way back to the login page."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except SignInRefused as refusal:
            context = {"title": _("Inloggen lukt niet"), "detail": refusal.message}
            return render(request, "core/sign_in_refused.html", context, status=refusal.status)


class SignInView(RefusalPage, OIDCAuthenticationRequestView):
    """/oidc/authenticate/: on to the provider's login page (authorization code flow with PKCE)."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the endpoint is looked up at the request, not when the view is made

    def get(self, request):
        self.OIDC_OP_AUTH_ENDPOINT = provider_configuration()["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class CallbackView(RefusalPage, OIDCAuthenticationCallbackView):
    """/oidc/callback/: the provider sends the browser back here with a code (the redirect URI to register)."""

    def login_failure(self):
        raise SignInRefused(_("Inloggen via %(idp)s is niet gelukt. Probeer het opnieuw.") % {"idp": _provider_name()})


class SignOutView(LogoutView):
    """Ends the leerlus session; someone who came through the provider then goes to its end_session_endpoint."""

    def post(self, request, *args, **kwargs):
        through_provider = request.session.get(BACKEND_SESSION_KEY) == BACKEND
        response = super().post(request, *args, **kwargs)
        try:
            end_session = provider_configuration().get("end_session_endpoint") if through_provider else None
        except ProviderUnavailable:
            end_session = None  # signed out of leerlus all the same
        if not end_session:
            return response
        back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
        query = urlencode({"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": back})
        return redirect(f"{end_session}?{query}")
