"""The time a running job still needs, as people read it: 'nog ongeveer 3 min'."""

from django import template
from django.utils.translation import gettext as _

from leerlus.presentation.formatting import number

register = template.Library()


@register.filter
def time_left(seconds) -> str:
    if seconds is None:
        return "—"
    if seconds >= 90:
        return _("nog ongeveer %(n)s min") % {"n": number(round(seconds / 60))}
    return _("nog ongeveer %(n)s s") % {"n": number(max(1, round(seconds)))}
