"""The same service channel as a discrete-event simulation (SimPy): checks the formulas in steady
state, and is the place for what formulas cannot do (channel shift, callbacks, repeat contacts)."""

import numpy as np
import simpy

from leerlus.analysis.queueing import Channel, Outcome


def simulate(channel: Channel, answer_within: float, *, hours: float = 500, warmup_hours: float = 10,
             seed: int = 0) -> Outcome:
    """Poisson arrivals, exponential handling and patience, first come first served."""
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=channel.agents)
    start, end = warmup_hours * 3600, (warmup_hours + hours) * 3600
    seen = {"arrived": 0, "answered": 0, "in_time": 0, "gave_up": 0, "waited": 0.0, "queued": 0, "busy": 0.0}

    def contact(arrived: float):
        counted = start <= arrived < end
        if counted:
            seen["arrived"] += 1
            seen["queued"] += len(agents.queue)  # what arrivals see is the time average (PASTA)
        patience = rng.exponential(channel.patience_seconds) if channel.patience_seconds else float("inf")
        with agents.request() as request:
            result = yield request | env.timeout(patience)
            if request not in result:
                seen["gave_up"] += counted
                return
            wait = env.now - arrived
            handling = rng.exponential(channel.handle_seconds)
            if counted:
                seen["answered"] += 1
                seen["in_time"] += wait <= answer_within
                seen["waited"] += wait
                seen["busy"] += handling
            yield env.timeout(handling)

    def arrivals():
        mean_gap = 3600 / channel.contacts_per_hour
        while True:
            yield env.timeout(rng.exponential(mean_gap))
            env.process(contact(env.now))

    env.process(arrivals())
    env.run(until=end)
    arrived = max(seen["arrived"], 1)
    return Outcome(
        name=channel.name,
        service_level=seen["in_time"] / arrived,
        asa_seconds=seen["waited"] / max(seen["answered"], 1),
        occupancy=seen["busy"] / (channel.agents * (end - start)),
        abandon_rate=seen["gave_up"] / arrived,
        queue_length=seen["queued"] / arrived,
        method="simulation",
    )
