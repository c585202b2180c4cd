"""The audit trail records who changed, viewed or exported what, through which face and from where; it keeps
names of fields, never their values; nobody can change or delete a line; a beheerder searches and exports it."""

import csv
import getpass
import io
import json

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.test import Client

from leerlus.audit.models import AuditEntry
from leerlus.cli import cli
from leerlus.core.models import Person
from leerlus.core.tokens import issue_token
from leerlus.rhythm.models import CalendarFeed

pytestmark = pytest.mark.django_db


def _lines(**match):
    return list(AuditEntry.objects.filter(**match).values("actor", "channel", "source", "action", "summary"))


def test_a_change_through_the_api_is_recorded_with_its_keys_owner(beheerder):
    api = Client(headers={"Authorization": f"Bearer {issue_token(beheerder.person, 'koppeling')}"})
    answer = api.post("/api/v1/problems", {"title": "Wachten aan de telefoon"}, content_type="application/json")
    assert answer.status_code == 201
    [line] = _lines(object_type="playground.problem", object_id=str(answer.json()["id"]))
    assert line["actor"] == "anna" and line["channel"] == "api" and line["action"] == "create"
    assert line["source"] == "127.0.0.1" and "Wachten aan de telefoon" in line["summary"]


def test_a_web_change_names_the_fields_but_not_their_values(beheerder):
    beheerder.get("/ritme/")
    beheerder.post("/ritme/agenda/nieuw-adres/")
    key = CalendarFeed.objects.get().key
    [line] = _lines(object_type="rhythm.calendarfeed", action="update")
    assert line["actor"] == "anna" and line["channel"] == "web" and "sleutel" in line["summary"]
    assert key not in json.dumps(list(AuditEntry.objects.values()), default=str)


def test_reading_signal_texts_is_recorded_without_the_search_words(beheerder):
    beheerder.get("/signalen/?words=Jansen&channel=telefoon")
    [line] = _lines(object_type="core.signal", action="view")
    assert line["actor"] == "anna" and "channel" in line["summary"] and "words" in line["summary"]
    assert "Jansen" not in line["summary"]


def test_the_command_line_acts_as_the_computers_account(beheerder):
    assert CliRunner().invoke(cli, ["key", "add", "anna", "--name", "dashboard"]).exit_code == 0
    [line] = _lines(object_type="core.apitoken", action="create")
    assert line["actor"] == getpass.getuser() and line["channel"] == "cli"


def test_logins_and_failures_are_recorded_but_a_mistyped_password_is_not():
    get_user_model().objects.create_user("ingrid", password="Stadhuisplein-Lente-42")
    client = Client()
    client.post("/inloggen/", {"username": "Geheim-Wachtwoord-1", "password": "x"})
    client.post("/inloggen/", {"username": "ingrid", "password": "Stadhuisplein-Lente-42"})
    logins = _lines(object_type="auth.user", action__in=["login", "login_failed"])
    recorded = [(line["actor"], line["action"]) for line in reversed(logins)]
    assert recorded == [("onbekende gebruikersnaam", "login_failed"), ("ingrid", "login")]
    assert "Geheim-Wachtwoord-1" not in json.dumps(list(AuditEntry.objects.values()), default=str)


def test_nobody_changes_or_deletes_a_line(beheerder):
    beheerder.get("/signalen/")
    line = AuditEntry.objects.get(action="view")
    for attempt in (lambda: AuditEntry.objects.update(actor="x"), AuditEntry.objects.all().delete, line.delete):
        with pytest.raises(PermissionError):
            attempt()
    line.actor = "iemand anders"
    with pytest.raises(PermissionError):
        line.save()
    get_user_model().objects.filter(username="anna").update(is_staff=True, is_superuser=True)  # not even in Beheer
    assert beheerder.post(f"/beheer/audit/auditentry/{line.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get(pk=line.pk).actor == "anna"


def test_a_beheerder_searches_and_exports_the_log_and_the_export_is_recorded(beheerder):
    beheerder.get("/ritme/")
    beheerder.post("/ritme/agenda/nieuw-adres/")
    page = beheerder.get("/auditlog/?actor=anna&action=update").content.decode()
    assert "rhythm.calendarfeed" in page and "gewijzigd" in page
    exported = beheerder.get("/auditlog/?action=update&format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert [row["object_type"] for row in rows] == ["rhythm.calendarfeed"]
    assert _lines(object_type="audit.auditentry", action="export")[0]["actor"] == "anna"
    document = json.loads(CliRunner().invoke(cli, ["audit", "--actor", "anna", "--action", "export", "--json"]).output)
    assert document["total"] == 1


def test_only_a_beheerder_reads_the_log(beheerder):
    user = get_user_model().objects.create_user("bram", password="x")
    Person.objects.create(name="Bram", department=beheerder.person.department, role="teamlid", user=user)
    teamlid = Client()
    teamlid.force_login(user)
    assert teamlid.get("/auditlog/").status_code == 403
    assert "Auditlog" not in teamlid.get("/").content.decode()
