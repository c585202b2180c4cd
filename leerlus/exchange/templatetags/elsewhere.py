"""The exchange adds its part to pages that know nothing of other municipalities: `{% tried_elsewhere problem %}` on a
problem page, `{% lessons_elsewhere query %}` in the lessons library, `{% also_seen incident %}` ("ook bij: …") on an
incident page and `{% seen_elsewhere_section %}` on the start page."""

from django import template

from leerlus.exchange import selectors

register = template.Library()


@register.inclusion_tag("exchange/tried_elsewhere.html")
def tried_elsewhere(problem) -> dict:
    return {"matches": selectors.tried_elsewhere(problem)}


@register.inclusion_tag("exchange/lessons_elsewhere.html")
def lessons_elsewhere(query) -> dict:
    return {"shown": query.get("origin") != "eigen", "lessons": selectors.library_elsewhere(query)}


@register.inclusion_tag("exchange/also_seen.html")
def also_seen(incident) -> dict:
    matches = selectors.rises_elsewhere([incident]).get(incident.pk, [])
    return {"matches": matches, "municipalities": selectors.municipalities(matches)}


@register.inclusion_tag("exchange/seen_elsewhere.html")
def seen_elsewhere_section() -> dict:
    return {"seen": selectors.seen_elsewhere()}
