"""Reads what the what-if page starts from: each channel's busiest hour of the week, from the signals."""

from datetime import timedelta

from django.db.models import Count, Max
from django.db.models.functions import ExtractHour, ExtractWeekDay

from leerlus.core.models import Signal

WEEKS = 8
# Typical handling times and patience per channel (seconds): the starting point, editable on the page.
DEFAULTS = {
    "telefoon": (240, 120),
    "chat": (420, 300),
    "whatsapp": (300, None),
    "balie": (600, 900),
    "email": (480, None),
}


def hourly_demand() -> dict[str, dict[tuple[int, int], float]]:
    """Per live channel: mean contacts per hour of the week, {(weekday 0=Monday, hour): n}; the hours
    with contacts are the opening hours as the signals show them."""
    last = Signal.objects.aggregate(last=Max("received_at"))["last"]
    if last is None:
        return {}
    recent = Signal.objects.filter(received_at__gt=last - timedelta(weeks=WEEKS), channel__in=DEFAULTS)
    counts = (
        recent.annotate(weekday=ExtractWeekDay("received_at"), hour=ExtractHour("received_at"))
        .values("channel", "weekday", "hour")
        .annotate(n=Count("id"))
    )
    demand: dict[str, dict[tuple[int, int], float]] = {}
    for row in counts:  # Django counts Sunday as 1
        demand.setdefault(row["channel"], {})[((row["weekday"] + 5) % 7, row["hour"])] = round(row["n"] / WEEKS, 2)
    return demand


def busiest_hours(demand: dict[str, dict[tuple[int, int], float]]) -> dict[str, float]:
    """Per live channel: the mean number of contacts in its busiest hour of the week."""
    return {channel: round(max(hours.values()), 1) for channel, hours in demand.items()}
