"""Generated import files (CSV) of any size, for the benchmarks and the tests that need a long import."""

import csv
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from leerlus.demo.texts import FAILURE, SERVICES, VALUE, personal_suffix

CHANNELS = ["telefoon", "website", "email", "balie", "chat", "whatsapp", "social", "app"]


def write_rows(path: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    services = list(SERVICES)
    start = datetime(2025, 1, 1)
    minutes = np.sort(rng.integers(0, 540 * 24 * 60, rows))
    channel_ix = rng.integers(len(CHANNELS), size=rows)
    service_ix = rng.integers(len(services), size=rows)
    failure = rng.random(rows) < 0.4
    personal = rng.random(rows) < 0.05
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["received_at", "channel", "service", "text", "source"])
        for i in range(rows):
            service = services[service_ix[i]]
            options = FAILURE[service] if failure[i] else VALUE[service]
            text = options[(i * 7) % len(options)]
            if personal[i]:
                text += personal_suffix(rng)
            moment = start + timedelta(minutes=int(minutes[i]))
            out.writerow([moment.strftime("%Y-%m-%d %H:%M"), CHANNELS[channel_ix[i]], service, text, "inwoner"])
