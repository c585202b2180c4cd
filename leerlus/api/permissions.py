"""Who may write through the API: the same roles as on the web (a lezer changes nothing)."""

from django.utils.translation import gettext as _
from ninja.errors import HttpError

from leerlus.core.models import Person


def require_writer(person: Person) -> None:
    if person.role == Person.Role.LEZER:
        raise HttpError(403, _("U heeft de rol lezer en kunt niets wijzigen."))
