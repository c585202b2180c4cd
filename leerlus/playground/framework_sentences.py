"""The kaders an experiment breaks, in the reader's language: one sentence per stored breach (frameworks.py)."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerlus.core.models import Department
from leerlus.presentation.formatting import day, money, number


def breach_sentence(breach: dict) -> str:
    """A breach with its figures as one sentence; one stored before the figures were kept, as it was written."""
    if "text" in breach:
        return breach["text"]
    return SENTENCES[breach["code"]](breach)


def _team_size(b: dict) -> str:
    return ngettext(
        "Het team heeft %(n)d lid; de kaders vragen %(min)d tot %(max)d.",
        "Het team heeft %(n)d leden; de kaders vragen %(min)d tot %(max)d.",
        b["n"],
    ) % {"n": b["n"], "min": b["min"], "max": b["max"]}


def _departments(b: dict) -> str:
    return ngettext(
        "Het team komt uit %(n)d afdeling; de kaders vragen er minstens %(min)d.",
        "Het team komt uit %(n)d afdelingen; de kaders vragen er minstens %(min)d.",
        b["n"],
    ) % {"n": b["n"], "min": b["min"]}


def _worlds(b: dict) -> str:
    return _("In het team ontbreekt %(m)s; techniek, beleid en uitvoering horen er vanaf dag één bij.") % {
        "m": _(" en ").join(str(Department.World(w).label).lower() for w in b["missing"])
    }


def _duration(b: dict) -> str:
    return ngettext(
        "Het experiment loopt tot %(end)s; binnen de kaders eindigt het uiterlijk %(limit)s (%(m)d maand).",
        "Het experiment loopt tot %(end)s; binnen de kaders eindigt het uiterlijk %(limit)s (%(m)d maanden).",
        b["months"],
    ) % {"end": day(date.fromisoformat(b["end"])), "limit": day(date.fromisoformat(b["limit"])), "m": b["months"]}


def _budget(b: dict) -> str:
    return _("Het budget van %(b)s is hoger dan %(max)s per experiment.") % {
        "b": money(Decimal(b["budget"])),
        "max": money(Decimal(b["max"])),
    }


def _playground_envelope(b: dict) -> str:
    return _(
        "Samen met de goedgekeurde en lopende experimenten komt het budget op %(t)s; de proeftuin heeft "
        "%(s)s per jaar (%(p)s%% van het IT-budget)."
    ) % {"t": money(Decimal(b["total"])), "s": money(Decimal(b["size"])), "p": number(Decimal(b["share"]) * 100)}


def _conditions(b: dict) -> str:
    return _("Het team heeft niet bevestigd dat het voldoet aan de voorwaarden: %(c)s") % {"c": b["conditions"]}


SENTENCES = {
    "team_size": _team_size,
    "departments": _departments,
    "worlds": _worlds,
    "duration": _duration,
    "budget": _budget,
    "playground_envelope": _playground_envelope,
    "conditions": _conditions,
}
