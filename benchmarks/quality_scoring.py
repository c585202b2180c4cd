"""Scores the cards of one analysis against the planted truth of a scenario municipality.

A card is an incident that is not marked expected. A card matches an event when its period
[start, end or start + 13 days] overlaps [event.start − 3 days, (event.end or event.start + 27
days) + 7 days] and it shares a service or a word with the event; a card about no service matches
on a shared channel, and a card with no channel and no service (about all signals) on time alone.
A card about another service does not match on its channel alone. An event is found when at least
one card matches it. A card that matches no event is false, except that a card matching a yearly
season in its first year is forgiven (nobody can know a season before it came once).
"""

from datetime import date, timedelta

import holidays
import numpy as np
import pandas as pd

from leerlus.analysis.effect import EffectEstimator
from leerlus.analysis.scenario import PlantedEvent

CARD_DAYS = 14  # a card without an end counts as its first two weeks
EVENT_DAYS = 28  # an event without an end counts as its first four weeks
BEFORE, AFTER = timedelta(days=3), timedelta(days=7)
DAYS_PER_MONTH = 30.44


def cards(incidents) -> list:
    """The incidents a person reads as news."""
    return [incident for incident in incidents if incident.expected is None]


def card_period(card) -> tuple[date, date]:
    return card.start, card.end or card.start + timedelta(days=CARD_DAYS - 1)


def event_window(event: PlantedEvent) -> tuple[date, date]:
    return event.start - BEFORE, (event.end or event.start + timedelta(days=EVENT_DAYS - 1)) + AFTER


def overlaps(period: tuple[date, date], window: tuple[date, date]) -> bool:
    return period[0] <= window[1] and window[0] <= period[1]


def matches(card, event: PlantedEvent) -> bool:
    if not overlaps(card_period(card), event_window(event)):
        return False
    if set(card.services) & set(event.services) or set(card.terms) & set(event.terms):
        return True
    if card.services:
        return False  # a card about another service is not about this event, whatever its channel
    return not card.channels or bool(set(card.channels) & set(event.channels))


def score(found_cards: list, truth: list[PlantedEvent], days: int) -> dict:
    """Recall per event kind, false cards (per month), forgiven cards and cards per event."""
    news = [e for e in truth if e.news]
    first_seasons = [e for e in truth if e.kind == "season" and e.first_year_season]
    repeat_seasons = [e for e in truth if e.kind == "season" and not e.first_year_season]
    quiet = [e for e in truth if e.kind == "quiet"]
    per_event = {e.name: 0 for e in news}
    false, forgiven, false_repeat_season, false_quiet = [], 0, 0, 0
    for card in found_cards:
        hits = [e for e in news if matches(card, e)]
        for event in hits:
            per_event[event.name] += 1
        if hits:
            continue
        if any(matches(card, e) for e in first_seasons):
            forgiven += 1
            continue
        false.append(card)
        false_repeat_season += any(matches(card, e) for e in repeat_seasons)
        false_quiet += any(overlaps(card_period(card), (e.start, e.end)) for e in quiet)
    recall: dict[str, list[int]] = {}
    for event in news:
        found, total = recall.get(event.kind, [0, 0])
        recall[event.kind] = [found + (per_event[event.name] > 0), total + 1]
    counts = list(per_event.values())
    return {
        "cards": len(found_cards),
        "recall": recall,
        "cards_per_event": per_event,
        "cards_per_event_mean": round(float(np.mean(counts)), 2),
        "cards_per_event_max": max(counts),
        "false_cards": len(false),
        "false_per_month": round(len(false) / (days / DAYS_PER_MONTH), 2),
        "forgiven_first_season": forgiven,
        "false_repeat_season": false_repeat_season,
        "false_in_quiet_periods": false_quiet,
        "false_examples": [describe(card) for card in sorted(false, key=lambda c: -c.score)[:5]],
    }


def describe(card) -> str:
    where = " · ".join([*card.channels, *card.services]) or "alle signalen"
    until = f"..{card.end}" if card.end and card.end != card.start else (".." if card.end is None else "")
    return f"{card.kind} {card.start}{until} {where} [{', '.join(card.terms[:3])}] score {card.score:g}"


def effect_check(frame: pd.DataFrame, event: PlantedEvent) -> dict:
    """The effect estimate of `event` on its metric against the other channels × other services, as the
    experiment page makes it (leerlus.playground.measurement), next to the planted truth."""
    channel, service = event.metric
    days = pd.date_range(frame["day"].min(), frame["day"].max(), freq="D")
    daily = frame.groupby(["channel", "service", "day"]).size()

    def series(c, s):
        return daily.loc[(c, s)].rename(index=pd.Timestamp).reindex(days, fill_value=0).astype(float)

    pairs = [pair for pair in daily.index.droplevel("day").unique() if pair[0] != channel and pair[1] != service]
    largest = sorted(pairs, key=lambda pair: -daily.loc[pair].sum())[:12]
    controls = {f"{c} / {s}": series(c, s) for c, s in largest}
    closed = frozenset(holidays.country_holidays("NL", years=range(days[0].year, days[-1].year + 1)))
    estimate = (
        EffectEstimator(holidays=closed).fit(series(channel, service), controls, pd.Timestamp(event.start)).estimate_
    )
    if estimate.relative_effect is None:
        return {"truth": event.magnitude, "estimate": None}
    return {
        "truth": event.magnitude,
        "estimate": round(estimate.relative_effect, 3),
        "ci_low": round(estimate.ci_low, 3),
        "ci_high": round(estimate.ci_high, 3),
        "error_points": round(100 * (estimate.relative_effect - event.magnitude), 1),
        "covered": bool(estimate.ci_low <= event.magnitude <= estimate.ci_high),
        "method": estimate.method,
    }
