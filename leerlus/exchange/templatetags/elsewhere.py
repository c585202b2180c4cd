"""The exchange adds its part to playground pages (which know nothing of other municipalities):
`{% tried_elsewhere problem %}` on a problem page and `{% lessons_elsewhere query %}` in the lessons library."""

from django import template

from leerlus.exchange import selectors

register = template.Library()


@register.inclusion_tag("exchange/tried_elsewhere.html")
def tried_elsewhere(problem) -> dict:
    return {"matches": selectors.tried_elsewhere(problem)}


@register.inclusion_tag("exchange/lessons_elsewhere.html")
def lessons_elsewhere(query) -> dict:
    shown = query.get("origin") != "eigen"
    lessons = selectors.lessons_elsewhere(words=query.get("q", ""), outcome=query.get("outcome", "")) if shown else []
    return {"shown": shown, "lessons": lessons}
