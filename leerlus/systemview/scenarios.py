"""What-if scenarios for service channels: read a scenario file, compute every channel, side by side.

The file: {"answer_within_seconds": T, "channels": [{"name", "contacts_per_hour", "handle_seconds",
"agents", "patience_seconds" (optional)}], "scenarios": [{"name", "changes": [{"channel",
"contacts_per_hour_factor", "handle_seconds_change", "agents_change", "patience_seconds"}]}]}
("scenarios" and every change field are optional). A channel may also say what formulas cannot
compute — "repeat_share", "repeat_after_seconds", "callback_after_seconds", "shift_to",
"shift_share" — and then the whole set is simulated.
"""

import json
from dataclasses import replace
from pathlib import Path

from django.utils.translation import gettext as _

from leerlus.analysis.queueing import Channel, outcome
from leerlus.analysis.simulation import Behaviour, simulate_system
from leerlus.errors import InputError
from leerlus.systemview.schemas import Scenario, SimulationDocument

CHANNEL_FIELDS = ("contacts_per_hour", "handle_seconds", "agents")
BEHAVIOUR_FIELDS = ("repeat_share", "repeat_after_seconds", "callback_after_seconds", "shift_to", "shift_share")


def read_scenario(path: Path) -> dict:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(_("Bestand '%(f)s' bestaat niet.") % {"f": path}) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(_("'%(f)s' is geen geldige JSON: %(e)s") % {"f": path, "e": str(error)[:80]}) from None
    if not isinstance(document, dict) or not isinstance(document.get("channels"), list) or not document["channels"]:
        raise InputError(_("Het scenario heeft een lijst 'channels' met minstens één kanaal nodig."))
    return document


def channels_of(document: dict) -> list[Channel]:
    channels = []
    for number, item in enumerate(document["channels"], start=1):
        missing = [f for f in ("name", *CHANNEL_FIELDS) if f not in item]
        if missing:
            raise InputError(_("Kanaal %(n)s mist: %(velden)s.") % {"n": number, "velden": ", ".join(missing)})
        patience = item.get("patience_seconds")
        channel = Channel(
            str(item["name"]),
            _number(item, "contacts_per_hour"),
            _number(item, "handle_seconds"),
            int(_number(item, "agents")),
            _number(item, "patience_seconds") if patience is not None else None,
        )
        channels.append(channel)
    return channels


def behaviours_of(document: dict) -> dict[str, Behaviour]:
    """The extra behaviour of the channels that have any (only the simulation can compute it)."""
    names = {str(item.get("name")) for item in document["channels"]}
    behaviours = {}
    for item in document["channels"]:
        given = {field: item[field] for field in BEHAVIOUR_FIELDS if item.get(field) is not None}
        if not given:
            continue
        for share in ("repeat_share", "shift_share"):
            if share in given and not (isinstance(given[share], (int, float)) and 0 <= given[share] < 1):
                raise InputError(
                    _("'%(veld)s' van kanaal '%(k)s' moet een deel tussen 0 en 1 zijn.")
                    % {"veld": share, "k": item["name"]}
                )
        if "shift_to" in given and (given["shift_to"] not in names or given["shift_to"] == item["name"]):
            raise InputError(
                _("'shift_to' van kanaal '%(k)s' moet een ander kanaal uit het bestand zijn: %(keuzes)s.")
                % {"k": item["name"], "keuzes": ", ".join(sorted(names - {item["name"]}))}
            )
        for seconds in ("repeat_after_seconds", "callback_after_seconds"):
            if seconds in given:
                _number(item, seconds)
        behaviours[str(item["name"])] = Behaviour(**given)
    return behaviours


def _number(item: dict, field: str) -> float:
    value = item[field]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise InputError(
            _("'%(veld)s' van kanaal '%(k)s' moet een getal groter dan 0 zijn, niet %(v)s.")
            % {"veld": field, "k": item.get("name", "?"), "v": json.dumps(value)}
        )
    return float(value)


def changed(channels: list[Channel], changes: list[dict]) -> list[Channel]:
    """The channels after a scenario's changes."""
    by_name = {c.name: c for c in channels}
    for change in changes:
        name = change.get("channel")
        if name not in by_name:
            raise InputError(
                _("Onbekend kanaal '%(v)s' in een scenario. Kies uit: %(keuzes)s.")
                % {"v": name, "keuzes": ", ".join(by_name)}
            )
        by_name[name] = with_change(by_name[name], change)
    return list(by_name.values())


def with_change(channel: Channel, change: dict) -> Channel:
    """One channel after one change (factor on contacts, seconds and agents added, a new patience)."""
    channel = replace(
        channel,
        contacts_per_hour=channel.contacts_per_hour * change.get("contacts_per_hour_factor", 1.0),
        handle_seconds=channel.handle_seconds + change.get("handle_seconds_change", 0),
        agents=channel.agents + int(change.get("agents_change", 0)),
        patience_seconds=change.get("patience_seconds", channel.patience_seconds),
    )
    if channel.handle_seconds <= 0 or channel.agents <= 0 or channel.contacts_per_hour <= 0:
        raise InputError(_("Na de wijziging heeft kanaal '%(k)s' geen geldige waarden meer.") % {"k": channel.name})
    return channel


def run(document: dict, *, simulation: bool = False, hours: float = 200) -> SimulationDocument:
    """The outcome of every channel, and of every scenario."""
    target = document.get("answer_within_seconds", 20)
    if isinstance(target, bool) or not isinstance(target, (int, float)) or target < 0:
        raise InputError(_("'answer_within_seconds' moet een getal van 0 of meer zijn."))
    behaviours = behaviours_of(document)

    def compute(channels):
        if simulation or behaviours:
            outcomes = simulate_system(channels, target, behaviour=behaviours, hours=hours)
        else:
            outcomes = [outcome(c, target) for c in channels]
        return outcomes

    base = channels_of(document)
    scenarios = [
        Scenario(name=s.get("name", f"scenario {i}"), channels=compute(changed(base, s.get("changes", []))))
        for i, s in enumerate(document.get("scenarios") or [], start=1)
    ]
    return SimulationDocument(channels=compute(base), scenarios=scenarios or None)
