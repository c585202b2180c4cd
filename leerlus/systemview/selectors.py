"""Reads what the what-if page starts from: each channel's busiest hour of the week, from the signals."""

from datetime import timedelta

from django.db.models import Count, Max
from django.db.models.functions import ExtractHour, ExtractWeekDay

from leerlus.core.models import Signal

WEEKS = 8
# Typical handling times and patience per channel (seconds): the starting point, editable on the page.
DEFAULTS = {"telefoon": (240, 120), "chat": (420, 300), "whatsapp": (300, None), "balie": (600, 900), "email": (480, None)}


def busiest_hours() -> dict[str, float]:
    """Per channel with people answering live: the mean number of contacts in its busiest hour of the week."""
    last = Signal.objects.aggregate(last=Max("received_at"))["last"]
    if last is None:
        return {}
    recent = Signal.objects.filter(received_at__gt=last - timedelta(weeks=WEEKS), channel__in=DEFAULTS)
    counts = (recent.annotate(weekday=ExtractWeekDay("received_at"), hour=ExtractHour("received_at"))
              .values("channel", "weekday", "hour").annotate(n=Count("id")))
    busiest: dict[str, int] = {}
    for row in counts:
        busiest[row["channel"]] = max(busiest.get(row["channel"], 0), row["n"])
    return {channel: round(n / WEEKS, 1) for channel, n in busiest.items()}
