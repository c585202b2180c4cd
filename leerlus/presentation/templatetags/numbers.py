"""Template filters for numbers as a municipal reader expects them: relative changes as signed percentages."""

from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.2324 → '+23%', -0.104 → '−10%' (a real minus sign); empty for no value."""
    if value is None or value == "":
        return ""
    number = round(100 * float(value))
    return f"+{number}%" if number > 0 else (f"−{-number}%" if number < 0 else "0%")
