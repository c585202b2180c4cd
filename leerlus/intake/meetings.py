"""What people say in a meeting (the start plan's story session, a citizen conversation) becomes signals of
channel `bijeenkomst`, through the same importer as every export: redacted before storage, idempotent."""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.core.models import Service
from leerlus.errors import InputError
from leerlus.intake.readers import Table
from leerlus.intake.services import ImportSummary, import_table

MEETING_COLUMNS = ["received_at", "channel", "service", "text", "source"]


def record_meeting(
    text: str, *, title: str, day: date, service: Service | None = None, source: str = "inwoner"
) -> ImportSummary:
    """Each non-empty line is one signal."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(_("Schrijf minstens één uitspraak op, één per regel."))
    moment = timezone.make_aware(datetime.combine(day, time(12, 0))).isoformat()
    rows = (
        (number, [moment, "bijeenkomst", service.name if service else "", line, source])
        for number, line in enumerate(lines, start=2)
    )
    return import_table(Table(columns=MEETING_COLUMNS, rows=rows), title, "bijeenkomst")
