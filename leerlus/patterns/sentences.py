"""The sentences about a pattern and an incident, written from their figures and codes in the reader's language."""

from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerlus.core.channels import CHANNELS
from leerlus.patterns.models import Incident, KnownEvent, Pattern

NONE_BEFORE = 0.5  # signals per day; below this a change is "new", not a percentage of next to nothing


def incident_summary(incident: Incident, series: int) -> str:
    """For example "Piek bij telefoon en WhatsApp over Afval op 2 juni 2025 ('storm, boom, omgewaaid'), 4
    signaalreeksen."; `series` is the number of series its patterns were seen in."""
    parts = {
        "kind": incident.get_kind_display().capitalize(),
        "when": _when(incident.start, incident.end),
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


def pattern_summary(pattern: Pattern) -> str:
    """For example "Sinds 2 juni 2025 komen er 40% meer signalen binnen bij telefoon over Afval: gemiddeld 12,5
    per dag, was 8,9."; patterns stored before they kept their figures get the sentence without them."""
    return SUMMARIES[pattern.kind](pattern, pattern.figures)


def _spike(pattern: Pattern, figures: dict) -> str:
    parts = {
        "when": _when(pattern.start, pattern.end),
        "where": where(pattern.channel, pattern.service.name if pattern.service_id else None, _topic(pattern)),
        "pct": _percent(pattern.magnitude),
    }
    if "after" not in figures:
        return _("Piek %(when)s %(where)s (+%(pct)s).") % parts
    after = round(figures["after"])
    parts |= {"after": number_format(after, 0, force_grouping=True), "before": _count(figures["before"], 0)}
    if figures["before"] < NONE_BEFORE:
        return (
            ngettext(
                "Piek %(when)s %(where)s: %(after)s signaal per dag waar er vrijwel geen verwacht werden.",
                "Piek %(when)s %(where)s: %(after)s signalen per dag waar er vrijwel geen verwacht werden.",
                after,
            )
            % parts
        )
    return (
        ngettext(
            "Piek %(when)s %(where)s: %(after)s signaal per dag waar er %(before)s verwacht werden (+%(pct)s).",
            "Piek %(when)s %(where)s: %(after)s signalen per dag waar er %(before)s verwacht werden (+%(pct)s).",
            after,
        )
        % parts
    )


def _level_shift(pattern: Pattern, figures: dict) -> str:
    parts = {
        "day": day_words(pattern.start),
        "where": where(pattern.channel, pattern.service.name if pattern.service_id else None, _topic(pattern)),
        "pct": _percent(pattern.magnitude),
    }
    if "after" in figures:
        parts |= {"after": _count(figures["after"]), "before": _count(figures["before"])}
        if figures["before"] < NONE_BEFORE:
            return (
                _(
                    "Sinds %(day)s komen er nieuwe signalen binnen %(where)s: gemiddeld %(after)s per dag, waar er "
                    "eerder vrijwel geen waren."
                )
                % parts
            )
        if pattern.magnitude >= 0:
            return (
                _(
                    "Sinds %(day)s komen er %(pct)s meer signalen binnen %(where)s: gemiddeld %(after)s per dag, was "
                    "%(before)s."
                )
                % parts
            )
        return (
            _(
                "Sinds %(day)s komen er %(pct)s minder signalen binnen %(where)s: gemiddeld %(after)s per dag, was "
                "%(before)s."
            )
            % parts
        )
    if pattern.magnitude >= 0:
        return _("Sinds %(day)s komen er %(pct)s meer signalen binnen %(where)s.") % parts
    return _("Sinds %(day)s komen er %(pct)s minder signalen binnen %(where)s.") % parts


def _trend(pattern: Pattern, figures: dict) -> str:
    months = round(len(pattern.series.get("observed", ())) / 30.4)  # a trend spans the whole series
    parts = {
        "where": where(pattern.channel, pattern.service.name if pattern.service_id else None, _topic(pattern)),
        "pct": _percent(pattern.magnitude),
        "months": ngettext("%(n)s maand", "%(n)s maanden", months) % {"n": months},
    }
    if "after" not in figures:
        if pattern.magnitude >= 0:
            return _("Het aantal signalen %(where)s stijgt gestaag: +%(pct)s in %(months)s.") % parts
        return _("Het aantal signalen %(where)s daalt gestaag: -%(pct)s in %(months)s.") % parts
    parts |= {"after": _count(figures["after"]), "before": _count(figures["before"])}
    if figures["before"] < NONE_BEFORE:
        return (
            _(
                "Het aantal signalen %(where)s stijgt gestaag: van vrijwel nul naar %(after)s per dag in %(months)s, "
                "zonder seizoenspatroon."
            )
            % parts
        )
    if pattern.magnitude >= 0:
        return (
            _(
                "Het aantal signalen %(where)s stijgt gestaag: +%(pct)s in %(months)s "
                "(van %(before)s naar %(after)s per dag, zonder seizoenspatroon)."
            )
            % parts
        )
    return (
        _(
            "Het aantal signalen %(where)s daalt gestaag: -%(pct)s in %(months)s "
            "(van %(before)s naar %(after)s per dag, zonder seizoenspatroon)."
        )
        % parts
    )


def _ripple(pattern: Pattern, figures: dict) -> str:
    cause, effect = pattern.cause or {}, pattern.effect or {}
    lag = pattern.lag_days or 0
    parts = {
        "cause": _change_word(figures.get("cause_magnitude")),
        "cause_where": where(cause.get("channel"), cause.get("service"), cause.get("terms", [])[:3]),
        "day": day_words(pattern.start),
        "lag": ngettext("%(n)s dag", "%(n)s dagen", lag) % {"n": lag},
        "effect": _change_word(pattern.magnitude),
        "effect_where": where(effect.get("channel"), effect.get("service"), effect.get("terms", [])[:3]),
        "change": ("+" if pattern.magnitude >= 0 else "-") + _percent(pattern.magnitude),
    }
    if figures.get("before", NONE_BEFORE) < NONE_BEFORE:
        parts["change"] = _("nieuw: %(after)s per dag") % {"after": _count(figures["after"])}
    return (
        _(
            "Na de %(cause)s %(cause_where)s op %(day)s volgde %(lag)s later een %(effect)s %(effect_where)s "
            "(%(change)s)."
        )
        % parts
    )


def _emerging_topic(pattern: Pattern, figures: dict) -> str:
    parts = {"day": day_words(pattern.start), "terms": ", ".join(pattern.terms[:4])}
    if "recent" not in figures:
        return _("Nieuw onderwerp sinds %(day)s: '%(terms)s'.") % parts
    return ngettext(
        "Nieuw onderwerp sinds %(day)s: '%(terms)s' (%(n)s signaal in twee weken, daarvoor vrijwel nooit).",
        "Nieuw onderwerp sinds %(day)s: '%(terms)s' (%(n)s signalen in twee weken, daarvoor vrijwel nooit).",
        figures["recent"],
    ) % (parts | {"n": number_format(figures["recent"], 0, force_grouping=True)})


SUMMARIES = {
    "spike": _spike,
    "level_shift": _level_shift,
    "trend": _trend,
    "ripple": _ripple,
    "emerging_topic": _emerging_topic,
}


def where(channel: str | None, service: str | None, terms) -> str:
    """Where a pattern was seen, inside a sentence: "bij telefoon over Afval", "over 'storm, boom'", or for the
    series across everything "in alle kanalen"."""
    parts = {"channel": channel_name(channel) if channel else "", "service": service, "terms": ", ".join(terms)}
    if channel and service:
        return _("bij %(channel)s over %(service)s") % parts
    if channel and terms:
        return _("bij %(channel)s over '%(terms)s'") % parts
    if service and terms:
        return _("over %(service)s ('%(terms)s')") % parts
    if channel:
        return _("bij %(channel)s") % parts
    if service:
        return _("over %(service)s") % parts
    if terms:
        return _("over '%(terms)s'") % parts
    return _("in alle kanalen")


def series_label(side: dict) -> str:
    """A series named on its own, as in a list: "Telefoon · Afval · 'storm, boom'", or "Alle kanalen"."""
    parts = [str(CHANNELS.get(side["channel"], side["channel"]))] if side.get("channel") else []
    parts += [side["service"]] if side.get("service") else []
    parts += ["'" + ", ".join(side["terms"][:3]) + "'"] if side.get("terms") else []
    return " · ".join(parts) or _("Alle kanalen")


def _topic(pattern: Pattern) -> list[str]:
    """The words of its topic, when it was found in a topic's series (they are its terms then)."""
    return pattern.terms[:3] if pattern.topic is not None else []


def _change_word(magnitude: float | None) -> str:
    if magnitude is None:  # stored before patterns kept their figures
        return _("verandering")
    return _("stijging") if magnitude >= 0 else _("daling")


def _percent(magnitude: float) -> str:
    return number_format(round(abs(magnitude) * 100), 0, force_grouping=True) + "%"


def _count(per_day: float, decimals: int = 1) -> str:
    return number_format(round(per_day, decimals), decimals, force_grouping=True)


def expected_in_words(incident: Incident, event: KnownEvent | None) -> str:
    """Why the analysis expected it, for example "aangekondigd: aanslagen verstuurd"; empty when it did not."""
    if incident.expected_reason == Incident.ExpectedReason.ANNOUNCED and event is not None:
        return _("aangekondigd: %(event)s (%(day)s)") % {"event": event.description, "day": day_words(event.day)}
    return str(incident.get_expected_reason_display()) if incident.expected_reason else ""


def _when(start: date, end: date | None) -> str:
    if end is None:
        return _("sinds %(day)s") % {"day": day_words(start)}
    if end == start:
        return _("op %(day)s") % {"day": day_words(start)}
    return _("van %(start)s tot en met %(end)s") % {"start": day_words(start), "end": day_words(end)}


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
