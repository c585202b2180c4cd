"""A suggested channel for each value a file uses, also for codes nobody mapped yet.

Known values (the vocabulary, built-in aliases, the municipality's own aliases) are taken as they
are. An unknown code is split into word parts ("citizen-ios" → citizen, ios) and the first part
that says something decides: a part naming a staff member or a municipal app user ("handler",
"medewerker", "tic") makes it an internal signal; a device or app word ("ios", "android") makes
it the app. Nothing recognisable: "onbekend", for a person to decide.
"""

import re

from leerlus.core.channels import BUILTIN_ALIASES, CHANNELS, normalise_label
from leerlus.core.models import ChannelAlias

# Word parts seen in real exports (Fixi, Signalen) that are no channel name on their own.
WORD_HINTS = {
    "handler": "intern",
    "admin": "intern",
    "tic": "intern",
    "boa": "intern",
    "toezicht": "intern",
    "buitendienst": "intern",
    "interne": "intern",
    "collega": "intern",
    "medewerkers": "intern",
    "ios": "app",
    "android": "app",
    "iphone": "app",
    "ipad": "app",
    "buitenbeter": "app",
    "meldingen app": "app",
    "eform": "website",
    "e-form": "website",
    "webform": "website",
    "verbeterdebuurt": "website",
    "mijnomgeving": "website",
    "telefonisch": "telefoon",
    "webcare": "social",
}
_PARTS = re.compile(r"[^\w]+|_")


def known_channels() -> dict[str, str]:
    """Every value that already resolves to a channel, as the importer resolves it."""
    known = {c: c for c in CHANNELS}
    known.update(BUILTIN_ALIASES)
    known.update({normalise_label(a.value): a.channel for a in ChannelAlias.objects.all()})
    return known


def suggest_channel(value: str, known: dict[str, str]) -> tuple[str, bool]:
    """(channel, already known): the channel this value becomes, or the best guess from its word parts."""
    label = normalise_label(value)
    if label in known:
        return known[label], True
    if label in WORD_HINTS:
        return WORD_HINTS[label], False
    parts = [p for p in _PARTS.split(label) if p]
    for part in parts:
        channel = WORD_HINTS.get(part) or known.get(part)
        if channel:
            return channel, False
    return "onbekend", False
