"""The real exports in ../shared/data as signal frames, and what their cards say (read-only; never copied).

NYC street flooding: daily counts of 311 complaints, one row per complaint on one channel and one
service, no text. Katwijk: meldingen openbare ruimte from Fixi, the category as the service and the
source mapped onto the product's channel vocabulary, no text.
"""

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from quality_scoring import AFTER, BEFORE, card_period, describe, overlaps

NYC_FILE = "nyc311_street_flooding_daily_counts_2010_2021.csv"
KATWIJK_FILE = "katwijk_fixi_meldingen_2019_2025.csv.gz"
STORMS = {"Irene": (date(2011, 8, 27), date(2011, 8, 28)), "Sandy": (date(2012, 10, 29), date(2012, 10, 30))}
FIREWORKS = "Vuurwerkoverlast"
KATWIJK_CHANNELS = {
    "website": "website",
    "telephone": "telefoon",
    "citizen-android": "app",
    "citizen-ios": "app",
    "handler-android": "intern",
    "handler-ios": "intern",
    "whats-app": "whatsapp",
    "twitter": "social",
    "facebook": "social",
    "email": "email",
    "desk": "balie",
}


def nyc_frame(path: Path) -> pd.DataFrame:
    daily = pd.read_csv(path, parse_dates=["year_month_day"]).sort_values("year_month_day")
    days = np.repeat(daily["year_month_day"].dt.date.to_numpy(), daily["unique_key"].to_numpy())
    return _frame(days, "telefoon", "Wateroverlast")


def katwijk_frame(path: Path) -> pd.DataFrame:
    rows = pd.read_csv(path, usecols=["categoryName", "source", "created"]).dropna(subset=["created"])
    rows = rows.sort_values("created")
    channel = rows["source"].map(KATWIJK_CHANNELS).fillna("onbekend").to_numpy()
    return _frame(pd.to_datetime(rows["created"]).dt.date.to_numpy(), channel, rows["categoryName"].to_numpy())


def _frame(days, channel, service) -> pd.DataFrame:
    frame = pd.DataFrame({"day": days, "channel": channel, "service": service, "text": ""})
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    return frame


def nyc_report(found_cards: list, top: int = 10) -> dict:
    """The strongest cards, and the rank of the hurricanes among all cards (strongest first)."""
    ranked = sorted(found_cards, key=lambda c: -c.score)
    storms = {}
    for name, (first, last) in STORMS.items():
        window = (first - BEFORE, last + AFTER)
        storms[name] = next((i + 1 for i, card in enumerate(ranked) if overlaps(card_period(card), window)), None)
    return {"cards": len(ranked), "top": [describe(c) for c in ranked[:top]], "storm_rank": storms}


def katwijk_report(found_cards: list, frame: pd.DataFrame) -> dict:
    """Cards per calendar year, and the cards about the fireworks category around each December in the data
    since the category's first signal."""
    per_year: dict[int, int] = {}
    for card in found_cards:
        per_year[card.start.year] = per_year.get(card.start.year, 0) + 1
    fireworks = {}
    first, last = frame.loc[frame["service"] == FIREWORKS, "day"].min(), frame["day"].max()
    for year in range(first.year, last.year + 1):
        december = (date(year, 12, 1), date(year + 1, 1, 7))
        if december[1] > last:
            continue
        about = [c for c in found_cards if FIREWORKS in c.services and overlaps(card_period(c), december)]
        fireworks[year] = [describe(c) for c in about]
    return {
        "cards": len(found_cards),
        "cards_per_year": dict(sorted(per_year.items())),
        "fireworks_cards_per_december": {y: len(c) for y, c in fireworks.items()},
        "fireworks_cards": fireworks,
    }
