"""Object ids in an address or a form, checked where the request comes in: never a 500 for 'abc'.

An address that names a missing object (or an id that is no number) is a 404; a form that sends
something else than an id is refused with a message that names the value.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from leerlus.errors import InputError


def chosen_id(value, label: str) -> int | None:
    """The id a form sent for one choice; None when nothing was chosen."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not text.isdigit():
        raise InputError(
            _("%(veld)s '%(v)s' is geen nummer uit de keuzelijst; kies opnieuw.") % {"veld": label, "v": text[:20]}
        )
    return int(text)


def chosen_ids(values, label: str) -> list[int]:
    """The ids a form sent for a multiple choice, empty ones left out."""
    return [number for number in (chosen_id(value, label) for value in values) if number is not None]


def object_or_404(queryset, value):
    """The object the address names by its id; an id that is no number is as missing as an unknown one."""
    text = str(value or "").strip()
    if not text.isdigit():
        raise Http404
    return get_object_or_404(queryset, pk=int(text))
