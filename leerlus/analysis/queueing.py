"""Waiting in a staffed service channel, in closed form: Erlang C, and Erlang A where people give up.

Written here rather than taken from a library: pyworkforce, the maintained Erlang package, needs
Python 3.12 and OR-Tools. Erlang C uses the Erlang B recursion (no factorials, so no overflow at
hundreds of agents); Erlang A (M/M/c+M, Palm's model) solves the birth-death chain of the number
of contacts in the channel, truncated where the remaining probability is negligible.
Tested against published Erlang C values and against the discrete-event simulation.
"""

from dataclasses import dataclass

import numpy as np
from scipy.linalg import expm


@dataclass(frozen=True)
class Channel:
    name: str
    contacts_per_hour: float
    handle_seconds: float
    agents: int
    patience_seconds: float | None = None  # mean time before a waiting contact gives up; None: nobody does


@dataclass(frozen=True)
class Outcome:
    name: str
    service_level: float  # share of all contacts answered within the target time
    asa_seconds: float  # average speed of answer: mean wait of the answered contacts
    occupancy: float  # share of agent time spent handling
    abandon_rate: float  # share of contacts that gave up waiting
    queue_length: float  # mean number waiting
    method: str  # erlang_c, erlang_a or simulation


def erlang_c_wait_probability(agents: int, load: float) -> float:
    """Probability that a contact has to wait, for `load` erlangs offered to `agents` agents."""
    if load >= agents:
        return 1.0
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return agents * blocking / (agents - load * (1 - blocking))


def erlang_c(channel: Channel, answer_within: float) -> Outcome:
    """M/M/c: everybody waits as long as it takes. With load ≥ agents the queue grows without end."""
    rate = channel.contacts_per_hour / 3600
    load = rate * channel.handle_seconds
    if load >= channel.agents:
        return Outcome(channel.name, 0.0, float("inf"), 1.0, 0.0, float("inf"), "erlang_c")
    waits = erlang_c_wait_probability(channel.agents, load)
    spare = channel.agents - load
    return Outcome(
        name=channel.name,
        service_level=float(1 - waits * np.exp(-spare * answer_within / channel.handle_seconds)),
        asa_seconds=waits * channel.handle_seconds / spare,
        occupancy=load / channel.agents,
        abandon_rate=0.0,
        queue_length=waits * load / spare,
        method="erlang_c",
    )


def erlang_a(channel: Channel, answer_within: float, tail: float = 1e-12) -> Outcome:
    """M/M/c+M: contacts give up after an exponential patience. Stable at any load."""
    rate, service = channel.contacts_per_hour / 3600, 1 / channel.handle_seconds
    give_up, agents = 1 / channel.patience_seconds, channel.agents
    weights = [1.0]
    n = 0
    while True:  # unnormalised probabilities of n contacts in the channel
        n += 1
        weights.append(weights[-1] * rate / (min(n, agents) * service + max(n - agents, 0) * give_up))
        if n > agents and weights[-1] < tail * sum(weights):
            break
    p = np.array(weights) / sum(weights)
    ahead = np.arange(len(p)) - agents  # contacts already waiting when one arrives (arrivals see time averages)
    waiting = ahead >= 0
    queue_length = float((ahead[waiting] * p[waiting]).sum())
    abandon_rate = give_up * queue_length / rate
    # A contact arriving with m waiting ahead moves up at rate c·mu + m·theta and gives up at theta.
    positions = int(ahead.max()) + 1
    advance = agents * service + np.arange(positions) * give_up
    served = np.cumprod(advance / (advance + give_up))  # P(answered | m ahead)
    mean_wait = np.cumsum(1 / (advance + give_up))  # expected wait, given the path ends in an answer
    within = _answered_within(advance, give_up, answer_within)
    answered = float((p[waiting] * served).sum()) + float(p[~waiting].sum())
    return Outcome(
        name=channel.name,
        service_level=float(p[~waiting].sum() + (p[waiting] * within).sum()),
        asa_seconds=float((p[waiting] * served * mean_wait).sum()) / answered,
        occupancy=rate * (1 - abandon_rate) * channel.handle_seconds / agents,
        abandon_rate=abandon_rate,
        queue_length=queue_length,
        method="erlang_a",
    )


def _answered_within(advance: np.ndarray, give_up: float, seconds: float) -> np.ndarray:
    """P(answered within `seconds` | m ahead), for every m: one matrix exponential of the queue positions."""
    size = len(advance)
    generator = np.zeros((size + 1, size + 1))  # states: positions 0..size-1, then answered; giving up leaks
    for m in range(size):
        generator[m, m] = -(advance[m] + give_up)
        generator[m, m - 1 if m else size] = advance[m]
    return expm(generator * seconds)[:size, size]


def outcome(channel: Channel, answer_within: float) -> Outcome:
    """Erlang A where patience is known (Erlang C overstates the non-linearity), Erlang C otherwise."""
    return erlang_a(channel, answer_within) if channel.patience_seconds else erlang_c(channel, answer_within)
