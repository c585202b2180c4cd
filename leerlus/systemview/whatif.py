"""The what-if page's computations: channels from the signals, the standard scenarios, the load curve.

The scenarios are those of the source text: a chatbot or WhatsApp bot that answers part of the
standard questions, a CRM that saves handling time, more staff, a release that adds status calls.
"""

from dataclasses import replace
from math import ceil

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from leerlus.analysis.queueing import Channel, erlang_c, outcome
from leerlus.core.channels import channel_label
from leerlus.presentation.formatting import number, percent
from leerlus.systemview.selectors import DEFAULTS

SCENARIOS = {
    "bot": (
        gettext_lazy("Een WhatsApp-bot beantwoordt 15% van de standaardvragen"),
        {"contacts_per_hour_factor": 0.85},
    ),
    "crm": (gettext_lazy("Een CRM bespaart 30 seconden per contact"), {"handle_seconds_change": -30}),
    "staff": (gettext_lazy("Twee medewerkers extra"), {"agents_change": 2}),
    "release": (gettext_lazy("Een portaalrelease brengt 20% extra statusvragen"), {"contacts_per_hour_factor": 1.2}),
}
CURVE_POINTS = 16


def starting_channels(busiest: dict[str, float]) -> list[Channel]:
    """Each live channel with its busiest hour, typical times, and just enough staff for 80% in time."""
    channels = []
    for name, per_hour in sorted(busiest.items(), key=lambda item: -item[1]):
        handle, patience = DEFAULTS[name]
        if per_hour <= 0 or patience is None:
            continue
        load = per_hour * handle / 3600
        agents = max(1, ceil(load))
        while outcome(Channel(name, per_hour, handle, agents, patience), 60).service_level < 0.8:
            agents += 1
        channels.append(Channel(name, per_hour, handle, agents, patience))
    return channels


def document(channels: list[Channel], answer_within: float) -> dict:
    """The scenario file (as for `leerlus simulate`) of the page: the standard scenarios on the busiest channel."""
    return {
        "answer_within_seconds": answer_within,
        "channels": [
            {
                "name": c.name,
                "contacts_per_hour": c.contacts_per_hour,
                "handle_seconds": c.handle_seconds,
                "agents": c.agents,
                "patience_seconds": c.patience_seconds,
            }
            for c in channels
        ],
        "scenarios": [
            {"name": str(label), "changes": [{"channel": channels[0].name, **change}]}
            for label, change in SCENARIOS.values()
        ]
        if channels
        else [],
    }


def load_steps(channel: Channel) -> list[float]:
    """From half of today's load to just past the point where the agents would be fully busy."""
    occupancy = channel.contacts_per_hour * channel.handle_seconds / 3600 / channel.agents
    top = max(1.15, 1.1 / occupancy)
    return [0.5 + (top - 0.5) * i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS)]


def load_curve(channel: Channel, answer_within: float) -> dict[str, dict[float, float]]:
    """Mean wait (seconds) from half of today's load to past capacity: with patience (Erlang A) and without."""
    curves = {_("met afhakers (Erlang A)"): {}, _("iedereen wacht (Erlang C)"): {}}
    for step in load_steps(channel):
        busier = replace(channel, contacts_per_hour=channel.contacts_per_hour * step)
        curves[_("met afhakers (Erlang A)")][step] = outcome(busier, answer_within).asa_seconds
        if busier.contacts_per_hour * busier.handle_seconds / 3600 < 0.97 * busier.agents:  # beyond, it has no end
            waits = erlang_c(replace(busier, patience_seconds=None), answer_within).asa_seconds
            curves[_("iedereen wacht (Erlang C)")][step] = waits
    return curves


def explanation(channel: Channel, answer_within: float) -> str:
    """A plain reading of the non-linearity: what 10% less load does to the wait. The occupancy is the
    table's (Erlang A: those who hang up are not served), so the sentence and the table say the same."""
    current = outcome(channel, answer_within)
    now = current.asa_seconds
    quieter = outcome(replace(channel, contacts_per_hour=channel.contacts_per_hour * 0.9), answer_within).asa_seconds
    change = 1 - quieter / now if now else 0.0
    return _(
        "Bij %(kanaal)s zijn de medewerkers nu %(bezetting)s van de tijd bezig. Met 10%% minder contacten "
        "daalt de gemiddelde wachttijd van %(nu)s naar %(straks)s seconden: %(daling)s korter. Hoe dichter een "
        "kanaal bij zijn capaciteit zit, hoe sterker een kleine verandering doorwerkt — daarom kan een "
        "eenvoudige bot meer doen dan een dure investering die niets aan de drukte verandert."
    ) % {
        "kanaal": channel_label(channel.name),
        "bezetting": percent(current.occupancy),
        "nu": number(now),
        "straks": number(quieter),
        "daling": percent(change),
    }


DAYS = (
    pgettext_lazy("weekdag", "ma"),
    pgettext_lazy("weekdag", "di"),
    pgettext_lazy("weekdag", "wo"),
    pgettext_lazy("weekdag", "do"),
    pgettext_lazy("weekdag", "vr"),
    pgettext_lazy("weekdag", "za"),
    pgettext_lazy("weekdag", "zo"),
)


def week_profile(
    channel: Channel, demand: dict[tuple[int, int], float], answer_within: float
) -> list[tuple[str, float, float]]:
    """The share answered in time in every open hour of the week with today's staff: (hour, contacts, share)."""
    peak = max(demand.values())
    rows = []
    for (day, hour), contacts in sorted(demand.items()):
        busy = replace(channel, contacts_per_hour=channel.contacts_per_hour * contacts / peak)
        rows.append(
            (f"{DAYS[day]} {hour}:00", round(busy.contacts_per_hour, 1), outcome(busy, answer_within).service_level)
        )
    return rows


def opening_hours(demand: dict[tuple[int, int], float]) -> str:
    """The open hours as the signals show them, per day: "ma 8–17, di 8–17, …"."""
    days: dict[int, list[int]] = {}
    for day, hour in demand:
        days.setdefault(day, []).append(hour)
    return ", ".join(f"{DAYS[day]} {min(hours)}–{max(hours) + 1}" for day, hours in sorted(days.items()))
