"""A lezer can change nothing, enforced on the server; a beheerder can."""

import pytest
from django.contrib.auth import get_user_model

from leerlus.core.models import Department, Organisation, Person, Service

pytestmark = pytest.mark.django_db


def _user(role, username):
    organisation = Organisation.objects.get_or_create(name="Gemeente Test")[0]
    department = Department.objects.get_or_create(organisation=organisation, name="KCC", world="uitvoering")[0]
    user = get_user_model().objects.create_user(username, password="geheim", is_staff=True)
    Person.objects.create(name=username, department=department, user=user, role=role)
    return user


@pytest.mark.parametrize("role, status, created", [("beheerder", 302, True), ("lezer", 403, False)])
def test_only_a_role_that_may_change_can_add_a_service(client, role, status, created):
    user = _user(role, f"gebruiker-{role}")
    if role == "beheerder":
        user.is_superuser = True
        user.save()
    client.force_login(user)
    response = client.post("/beheer/core/service/add/", {"name": "Paspoort", "aliases": ""})
    assert response.status_code == status
    assert Service.objects.filter(name="Paspoort").exists() is created


def test_a_lezer_is_refused_every_write_but_may_log_out(client):
    client.force_login(_user("lezer", "lees"))
    refused = client.post("/signalen/", {})
    assert refused.status_code == 403 and "lezer" in refused.content.decode()
    assert client.post("/uitloggen/").status_code == 302


def test_pages_need_a_login(client):
    response = client.get("/signalen/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
