"""Daily series of signal counts per channel, service, topic and their combinations.

A series is named by a SeriesKey; None in a field means "across all". Series with too few
signals to say anything are left out.
"""

import numpy as np
import pandas as pd

from leerlus.analysis.keys import SeriesKey

LEVELS = [(), ("channel",), ("service",), ("topic",), ("channel", "service"), ("channel", "topic")]


def day_index(first_day, last_day) -> pd.DatetimeIndex:
    return pd.date_range(first_day, last_day, freq="D")


def count_cube(signals: pd.DataFrame) -> pd.DataFrame:
    """Signals per day, channel, service and topic (columns day, channel, service, topic, n): all a series needs.

    A topic of -1 (no topic) and an empty service are counted in the totals but get no series of their own.
    """
    frame = signals[["day", "channel", "service", "topic"]].copy()
    frame["topic"] = frame["topic"].where(frame["topic"] >= 0)
    return (
        frame.groupby(["day", "channel", "service", "topic"], dropna=False, observed=True)
        .size()
        .rename("n")
        .reset_index()
    )


def daily_series(cube: pd.DataFrame, days: pd.DatetimeIndex, min_per_day: float = 0.5) -> dict[SeriesKey, np.ndarray]:
    """Counts per day for every level in LEVELS, from a count cube; series with too few signals are left out."""
    cube = cube.assign(day=pd.to_datetime(cube["day"]))
    cube = cube[cube["day"].between(days[0], days[-1])]
    minimum = min_per_day * len(days)
    result: dict[SeriesKey, np.ndarray] = {}
    for level in LEVELS:
        part = cube.dropna(subset=list(level)) if level else cube
        grouped = part.groupby([*level, "day"], observed=True)["n"].sum()
        table = (
            grouped.unstack("day", fill_value=0).reindex(columns=days, fill_value=0)
            if level
            else grouped.to_frame().T.reindex(columns=days, fill_value=0)
        )
        for labels, values in zip(table.index, table.to_numpy(dtype=float)):
            if values.sum() < minimum:
                continue
            labels = labels if isinstance(labels, tuple) else (labels,)
            fields = dict(zip(level, labels))
            if "topic" in fields:
                fields["topic"] = int(fields["topic"])
            result[SeriesKey(**fields)] = values
    return result
