"""Every recurring event in the calendar feed starts on a day its own rule produces (RFC 5545 3.8.5.3)."""

import pytest
from dateutil.rrule import rrulestr
from django.test import Client
from icalendar import Calendar

from leerlus.rhythm.models import CalendarFeed

pytestmark = pytest.mark.django_db


def test_each_recurring_event_starts_on_one_of_its_own_occurrences(beheerder):
    beheerder.get("/ritme/")
    feed = Client().get(f"/ritme/agenda/{CalendarFeed.objects.get().key}.ics")
    recurring = [event for event in Calendar.from_ical(feed.content).walk("VEVENT") if "rrule" in event]
    assert len(recurring) == 3
    for event in recurring:
        start = event.decoded("dtstart")
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
        assert rule[0] == start, f"{event['summary']}: {start:%A %d-%m-%Y} is not in {event['rrule'].to_ical()}"
    weekdays = {str(event["summary"]): event.decoded("dtstart").strftime("%a") for event in recurring}
    assert weekdays == {
        "Maandelijkse retrospectief": "Tue",
        "Kwartaalgesprek met inwoners": "Thu",
        "Halfjaarlijkse sturingscheck": "Wed",
    }
