"""The start plan's story session: what people tell about their digital frustrations becomes signals of
channel `bijeenkomst` (redacted by the importer, like every signal) so that it feeds the patterns."""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.core.models import Organisation, Service
from leerlus.errors import InputError
from leerlus.intake.readers import Table
from leerlus.intake.services import ImportSummary, import_table
from leerlus.playground.models import StartPlan

STORY_COLUMNS = ["received_at", "channel", "service", "text", "source"]


def begin_plan(start: date) -> StartPlan:
    organisation = Organisation.objects.order_by("pk").first()
    if organisation is None:
        raise InputError(_("Er is nog geen organisatie; vul die eerst in bij Beheer."))
    plan, _created = StartPlan.objects.update_or_create(organisation=organisation, defaults={"start": start})
    return plan


def record_stories(text: str, *, service: Service | None, day: date, source: str = "inwoner") -> ImportSummary:
    """Each non-empty line is one story."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(_("Schrijf minstens één verhaal op, één per regel."))
    moment = timezone.make_aware(datetime.combine(day, time(12, 0))).isoformat()
    rows = ((number, [moment, "bijeenkomst", service.name if service else "", line, source])
            for number, line in enumerate(lines, start=2))
    return import_table(Table(columns=STORY_COLUMNS, rows=rows), _("Verhalenbijeenkomst %(d)s") % {"d": day},
                        "bijeenkomst")
