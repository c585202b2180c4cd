"""The job kinds and their handlers: each feature app registers its own in its `jobs.py`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from leerlus.errors import InputError


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # Dutch, lazy: what a person reads on the Taken page
    handler: Callable


KINDS: dict[str, Kind] = {}


def register(kind: str, label):
    """Decorator: `@register("brief", _("Maandbrief als PDF"))` over `def handler(job: JobContext) -> dict`."""

    def decorate(handler):
        KINDS[kind] = Kind(kind, label, handler)
        return handler

    return decorate


def kind_of(name: str) -> Kind:
    if name not in KINDS:
        raise InputError(
            _("Onbekende soort taak '%(v)s'. Kies uit: %(keuzes)s.") % {"v": name, "keuzes": ", ".join(KINDS)}
        )
    return KINDS[name]
