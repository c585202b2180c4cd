"""Every recurring moment of the learning rhythm as one iCalendar feed (RFC 5545, with the icalendar
library): the monthly retrospective, the quarterly citizen conversation, the six-monthly governance
check, the start plan's milestones and the end of each experiment."""

from datetime import datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event, vRecur

from leerlus.core.selectors import current_organisation
from leerlus.playground.models import Experiment, StartPlan
from leerlus.playground.selectors import start_plan_progress
from leerlus.rhythm.kit import first_of_quarter

# (uid, summary, description, recurrence from the start of this quarter, start time, minutes)
RECURRING = (
    (
        "retrospectief",
        gettext_lazy("Maandelijkse retrospectief"),
        gettext_lazy("Bespreek de maandbrief: patronen, experimenten, besluiten, lessen."),
        {"FREQ": "MONTHLY", "BYDAY": "1TU"},
        time(10, 0),
        90,
    ),
    (
        "inwonersgesprek",
        gettext_lazy("Kwartaalgesprek met inwoners"),
        gettext_lazy("Gesprek met inwoners over hun digitale ervaring; gebruik de gesprekskit van het kwartaal."),
        {"FREQ": "MONTHLY", "INTERVAL": 3, "BYDAY": "2TH"},
        time(19, 0),
        120,
    ),
    (
        "sturingscheck",
        gettext_lazy("Halfjaarlijkse sturingscheck"),
        gettext_lazy("Past onze manier van sturen nog bij onze digitale ambities?"),
        {"FREQ": "MONTHLY", "INTERVAL": 6, "BYDAY": "3WE"},
        time(14, 0),
        90,
    ),
)


def build_calendar(domain: str = "leerlus.local") -> Calendar:
    organisation = current_organisation()
    calendar = Calendar()
    calendar.add("prodid", "-//leerlus//leerritme//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Leerritme %(o)s") % {"o": organisation.name if organisation else "leerlus"})
    stamp = timezone.now()
    anchor = first_of_quarter(timezone.localdate())
    for uid, summary, description, rule, start_time, minutes in RECURRING:
        begin = timezone.make_aware(first_occurrence(rule, datetime.combine(anchor, start_time)))
        event = _event(
            f"{uid}@{domain}", str(summary), str(description), begin, begin + timedelta(minutes=minutes), stamp
        )
        event.add("rrule", rule)
        calendar.add_component(event)
    plan = StartPlan.objects.filter(organisation=organisation).first() if organisation else None
    for number, step in enumerate(start_plan_progress(plan), start=1):
        calendar.add_component(
            _event(
                f"startplan-{number}@{domain}", step.title, step.evidence, step.due, step.due + timedelta(days=1), stamp
            )
        )
    for experiment in Experiment.objects.exclude(status=Experiment.Status.IDEA):
        calendar.add_component(
            _event(
                f"experiment-{experiment.pk}-einde@{domain}",
                _("Einde experiment: %(t)s") % {"t": experiment.title},
                _("Tijd voor evaluatie en een besluit: stoppen, aanpassen of opschalen."),
                experiment.end,
                experiment.end + timedelta(days=1),
                stamp,
            )
        )
    calendar.add_missing_timezones()
    return calendar


def first_occurrence(rule: dict, start: datetime) -> datetime:
    """The first moment of the rule on or after `start`: RFC 5545 leaves an event whose DTSTART is not one of
    its own occurrences undefined, and calendar clients disagree on it."""
    return rrulestr(vRecur(rule).to_ical().decode(), dtstart=start).after(start, inc=True)


def _event(uid, summary, description, begin, end, stamp) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", begin)
    event.add("dtend", end)
    event.add("dtstamp", stamp)
    return event


def calendar_bytes() -> bytes:
    return build_calendar().to_ical()
