"""Channel labels where a page shows channel codes: {{ s.channel|channel }} → 'Sociale media', {{ codes|channels }}."""

from django import template

from leerlus.core.channels import channel_label

register = template.Library()
register.filter("channel", channel_label)


@register.filter
def channels(codes) -> str:
    """A list of channel codes as the labels a person reads, separated by commas."""
    return ", ".join(channel_label(code) for code in codes or ())
