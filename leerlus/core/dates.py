"""Dates typed into a form: ISO (jjjj-mm-dd, what a date field sends), refused with a Dutch message."""

from datetime import date

from django.utils.translation import gettext as _

from leerlus.errors import InputError


def parse_date(value, label: str) -> date:
    try:
        return value if isinstance(value, date) else date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(
            _("%(l)s '%(v)s' is geen datum; gebruik jjjj-mm-dd.") % {"l": label, "v": str(value or "")[:20]}
        ) from None
