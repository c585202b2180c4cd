"""Writes in the learning rhythm: the retrospective record and its actions, and the calendar feed's secret address."""

import secrets
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from leerlus.core.models import Person
from leerlus.errors import InputError
from leerlus.presentation.formatting import month as month_name
from leerlus.rhythm.models import Action, CalendarFeed, Retrospective


@transaction.atomic
def record_retrospective(
    *,
    month: date,
    held_on: date,
    participants: list[Person],
    conclusions: str,
    actions: list[tuple[str, Person | None, date]],
) -> Retrospective:
    """Who took part, what was concluded, and actions with owner and due date (they return in the next
    briefs until done)."""
    if not conclusions.strip():
        raise InputError(_("Schrijf op wat de retrospectief concludeerde."))
    if Retrospective.objects.filter(month=month).exists():
        raise InputError(_("De retrospectief over %(m)s is al vastgelegd.") % {"m": month_name(month)})
    retro = Retrospective.objects.create(month=month, held_on=held_on, conclusions=conclusions.strip())
    retro.participants.set(participants)
    for text, owner, due in actions:
        if owner is None or due is None:
            raise InputError(_("Actie ‘%(a)s’ heeft een eigenaar en een datum nodig.") % {"a": text[:80]})
        Action.objects.create(retrospective=retro, text=text.strip()[:300], owner=owner, due=due)
    return retro


def complete_action(action: Action, day: date) -> None:
    action.done_on = day
    action.save(update_fields=["done_on"])


def rotate_calendar_key(organisation) -> CalendarFeed:
    """Gives the calendar feed a new secret key: subscribers of the old address get nothing any more."""
    feed = CalendarFeed.objects.get_or_create(organisation=organisation)[0]
    feed.key = secrets.token_urlsafe()
    feed.save(update_fields=["key"])
    return feed
