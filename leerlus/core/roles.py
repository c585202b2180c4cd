"""Roles (beheerder, teamlid, lezer) and their enforcement on the server: a lezer changes nothing."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from leerlus.core.models import Person

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
ALWAYS_ALLOWED_PATHS = ("/inloggen/", "/uitloggen/", "/i18n/")


def role_of(user) -> str | None:
    """The user's role; a superuser without a person record counts as beheerder."""
    if not user.is_authenticated:
        return None
    person = Person.objects.filter(user=user).only("role").first()
    if person:
        return person.role
    return Person.Role.BEHEERDER if user.is_superuser else Person.Role.LEZER


def can_change(user) -> bool:
    return role_of(user) in (Person.Role.BEHEERDER, Person.Role.TEAMLID)


def require_writer(person: Person) -> None:
    """Refuses a lezer: the API's writing operations call this with the person the key belongs to."""
    if person.role == Person.Role.LEZER:
        raise PermissionDenied(_("U heeft de rol lezer en kunt niets wijzigen."))


def beheerder_only(reason):
    """A view decorator: logged in and a beheerder; anyone else gets the 403 page that gives this reason."""

    def decorate(view):
        @wraps(view)
        @login_required
        def checked(request, *args, **kwargs):
            if role_of(request.user) != Person.Role.BEHEERDER:
                raise PermissionDenied(str(reason))
            return view(request, *args, **kwargs)

        return checked

    return decorate


class ReadOnlyForLezerMiddleware:
    """Refuses every writing request (POST, PUT, PATCH, DELETE) from a lezer: the 403 page says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in SAFE_METHODS
            and request.user.is_authenticated
            and not request.path.startswith(ALWAYS_ALLOWED_PATHS)
            and not can_change(request.user)
        ):
            raise PermissionDenied(_("U heeft de rol lezer en kunt niets wijzigen."))
        return self.get_response(request)


def role_context(request):
    """Makes `role` and `can_change` available in every template."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = role_of(user)
    return {"role": role, "can_change": role in (Person.Role.BEHEERDER, Person.Role.TEAMLID)}
