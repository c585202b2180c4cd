"""The five-month start plan: beginning it, and the week-2 story session whose stories become signals."""

from datetime import date

from django.utils.translation import gettext as _

from leerlus.core.models import Service
from leerlus.core.selectors import current_organisation
from leerlus.errors import InputError
from leerlus.intake.meetings import record_meeting
from leerlus.intake.services import ImportSummary
from leerlus.playground.models import StartPlan


def begin_plan(start: date) -> StartPlan:
    organisation = current_organisation()
    if organisation is None:
        raise InputError(_("Er is nog geen organisatie; vul die eerst in bij Beheer."))
    plan, _created = StartPlan.objects.update_or_create(organisation=organisation, defaults={"start": start})
    return plan


def record_stories(text: str, *, service: Service | None, day: date) -> ImportSummary:
    """The stories of the session on digital frustrations, one per line."""
    return record_meeting(text, title=_("Verhalenbijeenkomst %(d)s") % {"d": day}, day=day, service=service)
