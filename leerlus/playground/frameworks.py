"""The kaders check: which agreed frameworks a proposal stays inside, and which it breaks with what figures.

A proposal inside every kader takes the fast route (approved at once); one outside goes to the
decision-maker with this list. Each kader is one small function so that each can be tested on both
sides of its boundary.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from leerlus.core.models import Department

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


Breach = dict  # {"code": the kader's name, **the figures its sentence needs}; stored as JSON on the experiment


def team_size(p: Proposal, k, envelope) -> Breach | None:
    n = len(p.team_departments)
    if k.min_team <= n <= k.max_team:
        return None
    return {"code": "team_size", "n": n, "min": k.min_team, "max": k.max_team}


def departments(p: Proposal, k, envelope) -> Breach | None:
    n = len(set(p.team_departments))
    if n >= k.min_departments:
        return None
    return {"code": "departments", "n": n, "min": k.min_departments}


def worlds(p: Proposal, k, envelope) -> Breach | None:
    missing = [w for w in WORLDS if w not in p.team_worlds]
    if not k.all_worlds or not missing:
        return None
    return {"code": "worlds", "missing": missing}


def duration(p: Proposal, k, envelope) -> Breach | None:
    limit = p.start + relativedelta(months=k.max_months)
    if p.end <= limit:
        return None
    return {"code": "duration", "end": p.end.isoformat(), "limit": limit.isoformat(), "months": k.max_months}


def budget(p: Proposal, k, envelope) -> Breach | None:
    if p.budget <= k.max_budget:
        return None
    return {"code": "budget", "budget": str(p.budget), "max": str(k.max_budget)}


def playground_envelope(p: Proposal, k, envelope: Envelope) -> Breach | None:
    total = envelope.committed + p.budget
    if total <= envelope.size:
        return None
    figures = {"total": str(total), "size": str(envelope.size), "share": str(envelope.share)}
    return {"code": "playground_envelope", **figures}


def conditions(p: Proposal, k, envelope) -> Breach | None:
    if not k.conditions.strip() or p.conditions_met:
        return None
    return {"code": "conditions", "conditions": k.conditions.strip()}


KADERS = (team_size, departments, worlds, duration, budget, playground_envelope, conditions)


CODES = tuple(check.__name__ for check in KADERS)


def broken_frameworks(proposal: Proposal, frameworks, envelope: Envelope) -> list[Breach]:
    """The kaders this proposal breaks, each with its figures (framework_sentences.py says them); empty: the fast
    route."""
    return [breach for check in KADERS if (breach := check(proposal, frameworks, envelope))]
