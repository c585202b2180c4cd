"""A beheerder gives the calendar feed a new secret address; the old address stops working at once."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from leerlus.core.models import Person
from leerlus.rhythm.models import CalendarFeed

pytestmark = pytest.mark.django_db


def test_a_new_address_replaces_the_old_one(beheerder):
    beheerder.get("/ritme/")
    old = CalendarFeed.objects.get().key
    assert Client().get(f"/ritme/agenda/{old}.ics").status_code == 200
    page = beheerder.post("/ritme/agenda/nieuw-adres/", follow=True)
    new = CalendarFeed.objects.get().key
    assert new != old
    assert "Het oude adres werkt niet meer" in page.content.decode()
    assert f"/ritme/agenda/{new}.ics" in page.content.decode()
    assert Client().get(f"/ritme/agenda/{old}.ics").status_code == 404
    assert Client().get(f"/ritme/agenda/{new}.ics").status_code == 200


def test_only_a_beheerder_can_change_the_address(beheerder):
    beheerder.get("/ritme/")
    user = get_user_model().objects.create_user("bram", password="x")
    Person.objects.create(name="Bram", department=beheerder.person.department, role="teamlid", user=user)
    teamlid = Client()
    teamlid.force_login(user)
    key = CalendarFeed.objects.get().key
    assert "Nieuw adres maken" not in teamlid.get("/ritme/").content.decode()
    assert teamlid.post("/ritme/agenda/nieuw-adres/").status_code == 403
    assert CalendarFeed.objects.get().key == key
