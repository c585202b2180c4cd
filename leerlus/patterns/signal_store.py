"""Signals as the analysis needs them: read in one query, labels and day counts written back.

A full run reads every signal with its text. An incremental run reads only the new signals and
the recent ones (with text), and the series from `SeriesCount`, which it recounts for the days
the new signals fall on; older texts are fetched per pattern window when evidence needs them.
"""

from datetime import date, timedelta

import pandas as pd
from django.db import connection, transaction

from leerlus.core.models import Service, Signal
from leerlus.core.selectors import local_midnight
from leerlus.patterns.models import SeriesCount

SIGNALS = Signal._meta.db_table
LABEL_CHUNK = 10_000
COUNTS = SeriesCount._meta.db_table
# The day as text, which pandas parses far faster than Python dates; booleans as integers.
COLUMNS_SQL = (
    f"SELECT id, CAST(received_on AS TEXT), channel, service_id, effective_service_id, topic, text, "
    f"CAST(analysed AS INTEGER) FROM {SIGNALS}"
)
RECENT_SQL = COLUMNS_SQL + " WHERE analysed = %s OR received_at >= %s"
RANGE_SQL = COLUMNS_SQL + " WHERE id >= %s AND id <= %s"
SAMPLE_SQL = COLUMNS_SQL + " WHERE id %% %s = 0"
LABELS_SQL = (
    f"SELECT id, effective_service_id, topic, CAST(analysed AS INTEGER) FROM {SIGNALS} WHERE id >= %s AND id <= %s"
)
LABEL_SQL = (
    f"UPDATE {SIGNALS} SET effective_service_id = COALESCE(service_id, %s), "
    f"demand = COALESCE(NULLIF(given_demand, ''), %s), sentiment = %s, "
    f"topic = %s, analysed = %s WHERE id = %s"
)
# PostgreSQL: one statement per chunk, the labels as arrays (one plan instead of one per signal).
LABEL_ARRAYS_SQL = (
    f"UPDATE {SIGNALS} AS s SET effective_service_id = COALESCE(s.service_id, v.service), "
    f"demand = COALESCE(NULLIF(s.given_demand, ''), v.demand), "
    f"sentiment = v.sentiment, topic = v.topic, analysed = v.analysed "
    f"FROM UNNEST(%s::bigint[], %s::text[], %s::text[], %s::smallint[], %s::boolean[], %s::bigint[]) "
    f"AS v(service, demand, sentiment, topic, analysed, id) WHERE s.id = v.id"
)
COUNT_INSERT_SQL = f"INSERT INTO {COUNTS} (day, channel, service_id, topic, count) VALUES (%s, %s, %s, %s, %s)"
RECOUNT_SQL = (
    f"INSERT INTO {COUNTS} (day, channel, service_id, topic, count) "
    f"SELECT received_on, channel, effective_service_id, topic, COUNT(*) "
    f"FROM {SIGNALS} WHERE received_at >= %s AND received_at < %s "
    f"GROUP BY received_on, channel, effective_service_id, topic"
)


def service_names() -> dict[int, str]:
    return dict(Service.objects.values_list("id", "name"))


def load_signals(since: date | None = None, *, id_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Every signal, or the unanalysed ones and those received on or after `since`, or those with ids in a range.

    In the order of their ids, so that the same signals give the same frame (and the same analysis)."""
    if id_range is not None:
        return _frame(RANGE_SQL, list(id_range))
    if since is None:
        return _frame(COLUMNS_SQL, None)
    return _frame(RECENT_SQL, [False, connection.ops.adapt_datetimefield_value(local_midnight(since))])


def load_labels(id_range: tuple[int, int]) -> pd.DataFrame:
    """The labels of the signals with ids in a range: id, effective_service_id, topic, analysed."""
    with connection.cursor() as cursor:
        cursor.execute(LABELS_SQL, list(id_range))
        frame = pd.DataFrame(cursor.fetchall(), columns=["id", "effective_service_id", "topic", "analysed"])
    frame["analysed"] = frame["analysed"].astype(bool)
    return frame


def load_sample(size: int) -> pd.DataFrame:
    """About `size` signals, the same ones each time: every k-th by id (all of them when there are fewer)."""
    every = max(1, -(-Signal.objects.count() // size))
    return _frame(SAMPLE_SQL, [every])


def _frame(sql: str, params: list | None) -> pd.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY id", params)
        frame = pd.DataFrame(
            cursor.fetchall(),
            columns=["id", "day", "channel", "service_id", "effective_service_id", "topic", "text", "analysed"],
        )
    frame["day"] = pd.to_datetime(frame["day"], format="%Y-%m-%d").dt.date
    frame["analysed"] = frame["analysed"].astype(bool)
    return frame


def window_texts(key, first_day: date, last_day: date, limit: int) -> list[tuple[int, str]]:
    """Up to `limit` (id, text) of one series (a SeriesKey) between two days, both included."""
    sql = f"SELECT id, text FROM {SIGNALS} WHERE received_at >= %s AND received_at < %s"
    params = [
        connection.ops.adapt_datetimefield_value(local_midnight(day))
        for day in (first_day, last_day + timedelta(days=1))
    ]
    if key.channel:
        sql, params = sql + " AND channel = %s", [*params, key.channel]
    if key.service:
        service = Service.objects.filter(name=key.service).values_list("id", flat=True).first()
        sql, params = sql + " AND effective_service_id = %s", [*params, service]
    if key.topic is not None:
        sql, params = sql + " AND topic = %s", [*params, key.topic]
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY id LIMIT %s", [*params, limit])
        return cursor.fetchall()


def store_labels(labels: pd.DataFrame) -> None:
    """Writes the labels in chunks; inside a caller's transaction they land all at once."""
    service_ids = {name: pk for pk, name in service_names().items()}
    classified = labels["service"].map(service_ids).where(labels["service_origin"] == "classified")
    values = list(
        zip(
            _nullable(classified),
            labels["demand"].fillna(""),
            labels["sentiment"].fillna(""),
            _nullable(labels["topic"].where(labels["topic"] >= 0)),
            [True] * len(labels),
            labels["id"].astype(int).tolist(),
        )
    )
    for start in range(0, len(values), LABEL_CHUNK):  # one short transaction each: imports go on in between
        chunk = values[start : start + LABEL_CHUNK]
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(LABEL_ARRAYS_SQL, [list(column) for column in zip(*chunk)])
            else:
                cursor.executemany(LABEL_SQL, chunk)


def _nullable(numbers: pd.Series) -> list:
    """Whole numbers as Python ints, missing ones as None (what the database driver wants)."""
    return numbers.astype("Int64").astype(object).where(numbers.notna(), None).tolist()


def replace_series_counts(cube: pd.DataFrame) -> None:
    """Stores a full run's count cube (service names, topic NaN for none) as the new SeriesCount."""
    service_ids = {name: pk for pk, name in service_names().items()}
    rows = [
        (day, channel, service_ids.get(service), None if pd.isna(topic) else int(topic), int(n))
        for day, channel, service, topic, n in cube[["day", "channel", "service", "topic", "n"]].itertuples(index=False)
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {COUNTS}")
        cursor.executemany(COUNT_INSERT_SQL, rows)


def recount_days(first_day: date, last_day: date) -> None:
    """Recounts SeriesCount for the days first_day..last_day from the labelled signals."""
    bounds = [
        connection.ops.adapt_datetimefield_value(local_midnight(day))
        for day in (first_day, last_day + timedelta(days=1))
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {COUNTS} WHERE day >= %s AND day <= %s", [first_day, last_day])
        cursor.execute(RECOUNT_SQL, bounds)


def load_cube() -> pd.DataFrame:
    """SeriesCount as a count cube: day, channel, service (name), topic, n."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT CAST(day AS TEXT), channel, service_id, topic, count FROM {COUNTS}")
        cube = pd.DataFrame(cursor.fetchall(), columns=["day", "channel", "service", "topic", "n"])
    cube["day"] = pd.to_datetime(cube["day"], format="%Y-%m-%d").dt.date
    cube["service"] = cube["service"].map(service_names())
    return cube
