"""Template filters for numbers, money, percentages and dates, through the one formatting layer.

{{ total|number }} → 73.262, {{ rate|number:1 }} → 1,5, {{ budget|money }} → € 12.000, {{ share|percent }} → 90%,
{{ effect|change }} → +23%, {{ day|day }} → 3 maart 2026, {{ at|moment }}, {{ "2026-03"|month }}, {{ code|method }}.
"""

from django import template

from leerlus.presentation import formatting
from leerlus.presentation.number_input import input_value

register = template.Library()


@register.filter
def number(value, decimals=0):
    return formatting.number(value, int(decimals))


@register.filter
def percent(value, decimals=0):
    return formatting.percent(value, int(decimals))


@register.filter
def change(value, decimals=0):
    return formatting.change(value, int(decimals))


@register.filter
def signed(value, decimals=1):
    return formatting.signed(value, int(decimals))


@register.filter
def as_input(value, decimals=None):
    """The value of a text box that parse_number reads back: Dutch in either interface language."""
    return input_value(value, None if decimals is None else int(decimals))


@register.filter
def change_from(before, after):
    """{{ before|change_from:after }} → '+23%', or 'nieuw: 8 per dag' from a (nearly) zero baseline."""
    return formatting.change_from(before, after)


register.filter("money", formatting.money)
register.filter("day", formatting.day)
register.filter("moment", formatting.moment)
register.filter("month", formatting.month)
register.filter("method", formatting.method)
