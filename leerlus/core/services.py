"""Writes in the core domain: keeping the daily counts behind the charts up to date."""

from datetime import date, timedelta

from django.db import connection, transaction

from leerlus.core.data_version import data_changed
from leerlus.core.models import DailyCount, Signal
from leerlus.core.selectors import local_midnight

REFRESH_SQL = (
    f"INSERT INTO {DailyCount._meta.db_table} (day, channel, service_id, count) "
    f"SELECT received_on, channel, service_id, COUNT(*) FROM {Signal._meta.db_table} "
    "WHERE received_at >= %s AND received_at < %s GROUP BY received_on, channel, service_id"
)


def refresh_daily_counts(first_day: date, last_day: date) -> None:
    """Recounts the signals of the days from first_day to last_day (both included)."""
    with transaction.atomic():
        DailyCount.objects.filter(day__range=(first_day, last_day)).delete()
        with connection.cursor() as cursor:
            bounds = [local_midnight(first_day), local_midnight(last_day + timedelta(days=1))]
            cursor.execute(REFRESH_SQL, [connection.ops.adapt_datetimefield_value(b) for b in bounds])
        data_changed()  # raw SQL sends no model signal; the charts read these counts
