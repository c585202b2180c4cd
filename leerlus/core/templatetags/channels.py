"""Channel labels where a page shows codes: {{ s.channel|channel }}, {{ codes|channels }}, {{ labels|series }}."""

from django import template

from leerlus.core.channels import channel_label, readable_series

register = template.Library()
register.filter("channel", channel_label)


@register.filter
def channels(codes) -> str:
    """A list of channel codes as the labels a person reads, separated by commas."""
    return ", ".join(channel_label(code) for code in codes or ())


@register.filter
def series(labels) -> str:
    """Series written as 'kanaal/dienst' ('website/Paspoort', '/Afval', 'whatsapp') as a person reads them."""
    return ", ".join(readable_series(label) for label in labels or ())
