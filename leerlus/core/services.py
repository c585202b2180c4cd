"""Writes in the core domain: keeping the daily counts behind the charts up to date."""

from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from leerlus.core.models import DailyCount, Signal

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
            cursor.execute(REFRESH_SQL, [_midnight(first_day), _midnight(last_day + timedelta(days=1))])


def _midnight(day: date) -> datetime:
    """Local midnight of a day, in the form the database compares received_at with."""
    moment = timezone.make_aware(datetime.combine(day, time()))
    return connection.ops.adapt_datetimefield_value(moment)
