"""The sentences about an incident, written by the app from its numbers and codes: in the reader's language."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerlus.core.channels import CHANNELS
from leerlus.patterns.models import Incident, KnownEvent


def incident_summary(incident: Incident, series: int) -> str:
    """For example "Piek bij telefoon en WhatsApp over Afval op 2 juni 2025 ('storm, boom, omgewaaid'), 4
    signaalreeksen."; `series` is the number of series its patterns were seen in."""
    parts = {
        "kind": incident.get_kind_display().capitalize(),
        "when": _when(incident),
        "channels": joined([channel_name(c) for c in incident.channels]),
        "services": joined(incident.services),
    }
    if incident.channels and incident.services:
        text = _("%(kind)s bij %(channels)s over %(services)s %(when)s") % parts
    elif incident.channels:
        text = _("%(kind)s bij %(channels)s %(when)s") % parts
    elif incident.services:
        text = _("%(kind)s over %(services)s %(when)s") % parts
    else:
        text = _("%(kind)s %(when)s") % parts
    if incident.terms:
        text += " ('" + ", ".join(incident.terms[:3]) + "')"
    return text + ngettext(", %(n)s signaalreeks.", ", %(n)s signaalreeksen.", series) % {"n": series}


def expected_in_words(incident: Incident, event: KnownEvent | None) -> str:
    """Why the analysis expected it, for example "aangekondigd: aanslagen verstuurd"; empty when it did not."""
    if incident.expected_reason == Incident.ExpectedReason.ANNOUNCED and event is not None:
        return _("aangekondigd: %(event)s (%(day)s)") % {"event": event.description, "day": day_words(event.day)}
    return str(incident.get_expected_reason_display()) if incident.expected_reason else ""


def _when(incident: Incident) -> str:
    if incident.end is None:
        return _("sinds %(day)s") % {"day": day_words(incident.start)}
    if incident.end == incident.start:
        return _("op %(day)s") % {"day": day_words(incident.start)}
    return _("van %(start)s tot en met %(end)s") % {"start": day_words(incident.start), "end": day_words(incident.end)}


def day_words(day: date) -> str:
    return date_format(day, "j F Y")


def channel_name(code: str) -> str:
    """The channel's name inside a sentence: "telefoon", but "WhatsApp"."""
    name = str(CHANNELS.get(code, code))
    return name if any(letter.isupper() for letter in name[1:]) else name.lower()


def joined(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s en %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}
