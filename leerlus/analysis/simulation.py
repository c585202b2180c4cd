"""Service channels as a discrete-event simulation (SimPy): checks the formulas in steady state, and
covers what formulas cannot — failure demand that comes back as repeat contacts, callbacks offered
to people who wait too long, and people who give up on one channel and try another."""

from dataclasses import dataclass

import numpy as np
import simpy

from leerlus.analysis.queueing import Channel, Outcome

LIVE, CALLBACK = 0, 1  # request priorities: a callback waits until no live contact does


@dataclass(frozen=True)
class Behaviour:
    """What people and the organisation do beyond the queue, per channel."""

    repeat_share: float = 0.0  # share of answered contacts that come back (the failure was not solved)
    repeat_after_seconds: float = 3600.0  # mean time before they come back
    callback_after_seconds: float | None = None  # who waits this long is offered a callback instead
    shift_to: str | None = None  # the channel that people who give up try next
    shift_share: float = 0.0  # share of those who give up that do


def simulate(channel: Channel, answer_within: float, **options) -> Outcome:
    """One channel alone, without extra behaviour."""
    return simulate_system([channel], answer_within, **options)[0]


def simulate_system(
    channels: list[Channel],
    answer_within: float,
    *,
    behaviour: dict[str, Behaviour] | None = None,
    hours: float = 500,
    warmup_hours: float = 10,
    seed: int = 0,
) -> list[Outcome]:
    """Poisson arrivals, exponential handling and patience, first come first served per channel.

    Every contact counts, also repeats and shifted ones; a contact answered by callback is answered,
    but not within the target time, and its wait is not part of the average speed of answer.
    """
    behaviour = behaviour or {}
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    start, end = warmup_hours * 3600, (warmup_hours + hours) * 3600
    by_name = {c.name: c for c in channels}
    agents = {c.name: simpy.PriorityResource(env, capacity=c.agents) for c in channels}
    seen = {c.name: dict(arrived=0, live=0, in_time=0, gave_up=0, waited=0.0, queued=0, busy=0.0) for c in channels}

    def handle(name: str, counted: bool):
        handling = rng.exponential(by_name[name].handle_seconds)
        if counted:
            seen[name]["busy"] += handling
        yield env.timeout(handling)
        ways = behaviour.get(name, Behaviour())
        if rng.random() < ways.repeat_share:
            env.process(come_back(name, rng.exponential(ways.repeat_after_seconds)))

    def come_back(name: str, after: float):
        yield env.timeout(after)
        env.process(contact(name, env.now))

    def called_back(name: str, counted: bool):
        with agents[name].request(priority=CALLBACK) as request:
            yield request
            yield from handle(name, counted)

    def contact(name: str, arrived: float):
        channel, ways = by_name[name], behaviour.get(name, Behaviour())
        counted = start <= arrived < end
        stats = seen[name]
        if counted:
            stats["arrived"] += 1
            stats["queued"] += sum(1 for r in agents[name].queue if r.priority == LIVE)  # arrivals see the time average
        patience = rng.exponential(channel.patience_seconds) if channel.patience_seconds else float("inf")
        offer = ways.callback_after_seconds if ways.callback_after_seconds is not None else float("inf")
        with agents[name].request(priority=LIVE) as request:
            result = yield request | env.timeout(min(patience, offer))
            if request in result:
                wait = env.now - arrived
                if counted:
                    stats["live"] += 1
                    stats["in_time"] += wait <= answer_within
                    stats["waited"] += wait
                yield from handle(name, counted)
                return
        if offer < patience:
            env.process(called_back(name, counted))
            return
        stats["gave_up"] += counted
        if ways.shift_to in by_name and rng.random() < ways.shift_share:
            env.process(contact(ways.shift_to, env.now))

    def arrivals(name: str):
        mean_gap = 3600 / by_name[name].contacts_per_hour
        while True:
            yield env.timeout(rng.exponential(mean_gap))
            env.process(contact(name, env.now))

    for channel in channels:
        env.process(arrivals(channel.name))
    env.run(until=end)
    outcomes = []
    for channel in channels:
        stats = seen[channel.name]
        arrived = max(stats["arrived"], 1)
        outcomes.append(
            Outcome(
                name=channel.name,
                service_level=stats["in_time"] / arrived,
                asa_seconds=stats["waited"] / max(stats["live"], 1),
                occupancy=stats["busy"] / (channel.agents * (end - start)),
                abandon_rate=stats["gave_up"] / arrived,
                queue_length=stats["queued"] / arrived,
                method="simulation",
            )
        )
    return outcomes
