"""The kaders check: which agreed frameworks a proposal stays inside, and in Dutch which it breaks.

A proposal inside every kader takes the fast route (approved at once); one outside goes to the
decision-maker with this list. Each kader is one small function so that each can be tested on both
sides of its boundary.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerlus.core.models import Department
from leerlus.presentation.formatting import day, money, number

WORLDS = [world for world, _label in Department.World.choices]


@dataclass(frozen=True)
class Proposal:
    team_departments: list[str]  # the department of each team member, one entry per member
    team_worlds: list[str]  # the world of each team member
    budget: Decimal
    start: date
    end: date
    conditions_met: bool


@dataclass(frozen=True)
class Envelope:
    """The playground's money: its yearly size and what approved, running and evaluated experiments hold."""

    size: Decimal
    committed: Decimal
    share: Decimal


def team_size(p: Proposal, k, envelope) -> str | None:
    n = len(p.team_departments)
    if k.min_team <= n <= k.max_team:
        return None
    return ngettext(
        "Het team heeft %(n)d lid; de kaders vragen %(min)d tot %(max)d.",
        "Het team heeft %(n)d leden; de kaders vragen %(min)d tot %(max)d.",
        n,
    ) % {
        "n": n,
        "min": k.min_team,
        "max": k.max_team,
    }


def departments(p: Proposal, k, envelope) -> str | None:
    n = len(set(p.team_departments))
    if n >= k.min_departments:
        return None
    return ngettext(
        "Het team komt uit %(n)d afdeling; de kaders vragen er minstens %(min)d.",
        "Het team komt uit %(n)d afdelingen; de kaders vragen er minstens %(min)d.",
        n,
    ) % {
        "n": n,
        "min": k.min_departments,
    }


def worlds(p: Proposal, k, envelope) -> str | None:
    missing = [w for w in WORLDS if w not in p.team_worlds]
    if not k.all_worlds or not missing:
        return None
    return _("In het team ontbreekt %(m)s; techniek, beleid en uitvoering horen er vanaf dag één bij.") % {
        "m": _(" en ").join(str(Department.World(w).label).lower() for w in missing)
    }


def duration(p: Proposal, k, envelope) -> str | None:
    limit = p.start + relativedelta(months=k.max_months)
    if p.end <= limit:
        return None
    return ngettext(
        "Het experiment loopt tot %(end)s; binnen de kaders eindigt het uiterlijk %(limit)s (%(m)d maand).",
        "Het experiment loopt tot %(end)s; binnen de kaders eindigt het uiterlijk %(limit)s (%(m)d maanden).",
        k.max_months,
    ) % {
        "end": day(p.end),
        "limit": day(limit),
        "m": k.max_months,
    }


def budget(p: Proposal, k, envelope) -> str | None:
    if p.budget <= k.max_budget:
        return None
    return _("Het budget van %(b)s is hoger dan %(max)s per experiment.") % {
        "b": money(p.budget),
        "max": money(k.max_budget),
    }


def playground_envelope(p: Proposal, k, envelope: Envelope) -> str | None:
    total = envelope.committed + p.budget
    if total <= envelope.size:
        return None
    return _(
        "Samen met de goedgekeurde en lopende experimenten komt het budget op %(t)s; de proeftuin heeft "
        "%(s)s per jaar (%(p)s%% van het IT-budget)."
    ) % {"t": money(total), "s": money(envelope.size), "p": number(envelope.share * 100)}


def conditions(p: Proposal, k, envelope) -> str | None:
    if not k.conditions.strip() or p.conditions_met:
        return None
    return _("Het team heeft niet bevestigd dat het voldoet aan de voorwaarden: %(c)s") % {"c": k.conditions.strip()}


KADERS = (team_size, departments, worlds, duration, budget, playground_envelope, conditions)


def broken_frameworks(proposal: Proposal, frameworks, envelope: Envelope) -> list[str]:
    """The kaders this proposal breaks, each as one Dutch sentence; empty means the fast route."""
    return [message for check in KADERS if (message := check(proposal, frameworks, envelope))]
