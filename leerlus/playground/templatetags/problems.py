"""`{% problems_of_pattern pattern %}`: the playground adds its part to a pattern page; patterns know no problems."""

from django import template

from leerlus.playground.models import Problem

register = template.Library()
CHOICES = 50  # the newest problems offered in the list


@register.inclusion_tag("playground/pattern_problems.html", takes_context=True)
def problems_of_pattern(context, pattern) -> dict:
    return {
        "pattern": pattern,
        "linked": pattern.problems.all(),
        "problems": Problem.objects.all()[:CHOICES],
        "can_change": context.get("can_change"),
        "form": context.get("form") or {},
        "csrf_token": context.get("csrf_token"),
    }
