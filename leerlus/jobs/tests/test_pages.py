"""The Taken pages: each job with a progress bar and its twin, one job with its log, cancel for the right people."""

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from leerlus.cli import cli
from leerlus.core.models import Person
from leerlus.jobs.models import Job
from leerlus.jobs.services import run_inline, submit
from leerlus.jobs.tests import kinds  # noqa: F401  registers the test kinds

pytestmark = pytest.mark.django_db


def _lezer(beheerder) -> Client:
    user = get_user_model().objects.create_user("lees", password="x")
    Person.objects.create(name="Lees", department=beheerder.person.department, role="lezer", user=user)
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_progress_and_time_left_and_its_twin_is_the_command_line(beheerder):
    run_inline("count", {"steps": 2})
    running = submit("count", {"steps": 100}, user=beheerder.person.user)
    Job.objects.filter(pk=running.pk).update(
        status="running", started_at=timezone.now() - timedelta(seconds=60), done=25, total=100, stage="Stap 26"
    )
    page = beheerder.get("/taken/").content.decode()
    assert '<progress data-job-field="progress"' in page and 'max="100" value="25"' in page
    assert "Stap 26" in page and "nog ongeveer 3 min" in page and "klaar" in page
    assert "jobs/progress.js" in page  # a running job refreshes itself
    twin = beheerder.get("/taken/", {"format": "json"}).json()
    command = json.loads(CliRunner().invoke(cli, ["jobs", "--json"]).stdout)
    for document in (twin, command):
        for job in document["jobs"]:
            job.pop("seconds_left")  # the clock moved between the two
    assert twin == command
    assert [job["status"] for job in twin["jobs"]] == ["running", "done"]


def test_the_job_page_shows_the_log_and_the_owner_or_a_beheerder_can_cancel(beheerder):
    job = submit("count", {}, user=beheerder.person.user)
    page = beheerder.get(f"/taken/{job.pk}/").content.decode()
    assert "Annuleren" in page and "wachtend" in page
    lezer = _lezer(beheerder)
    assert "Annuleren" not in lezer.get(f"/taken/{job.pk}/").content.decode()
    assert lezer.post(f"/taken/{job.pk}/").status_code == 403
    assert beheerder.post(f"/taken/{job.pk}/")["Location"] == f"/taken/{job.pk}/"
    cancelled = beheerder.get(f"/taken/{job.pk}/", {"format": "json"}).json()
    assert cancelled["status"] == "cancelled" and cancelled["log"][-1]["message"] == "Geannuleerd voordat ze begon."
    again = beheerder.post(f"/taken/{job.pk}/")
    assert again.status_code == 400 and "al afgelopen" in again.content.decode()
    assert beheerder.get("/taken/999999/").status_code == 404


def test_the_command_line_cancels_and_names_a_missing_job():
    job = submit("count", {})
    result = CliRunner().invoke(cli, ["jobs", "cancel", str(job.pk), "--json"])
    assert json.loads(result.stdout)["status"] == "cancelled"
    missing = CliRunner().invoke(cli, ["jobs", "cancel", "999999"])
    assert missing.exit_code == 2 and "Er is geen taak 999999" in missing.stderr
