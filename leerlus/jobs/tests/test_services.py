"""Jobs in this process: submitting queues a row, one analysis waits at most, cancelling, running inline, recovery."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from leerlus.core.models import Department, Organisation, Person
from leerlus.errors import InputError
from leerlus.jobs.models import Job
from leerlus.jobs.recovery import MAX_ATTEMPTS, recover_jobs
from leerlus.jobs.services import cancel, request_analysis, run_inline, submit
from leerlus.jobs.tests import kinds  # noqa: F401  registers the test kinds

pytestmark = pytest.mark.django_db


def _person(username: str, role: str):
    organisation = Organisation.objects.first() or Organisation.objects.create(name="Gemeente Proefdorp")
    department = Department.objects.get_or_create(organisation=organisation, name="KCC", world="uitvoering")[0]
    user = get_user_model().objects.create_user(username, password="x")
    Person.objects.create(user=user, name=username, role=role, department=department)
    return user


def test_submit_leaves_a_waiting_job_with_the_kinds_label():
    job = submit("count", {"steps": 2})
    assert (job.status, job.title, job.attempts) == ("queued", "Tellen", 0)


def test_an_unknown_kind_is_refused_with_the_choices():
    with pytest.raises(InputError, match="Onbekende soort taak 'sorteren'. Kies uit: .*analysis"):
        submit("sorteren", {})


def test_imports_that_finish_together_leave_one_waiting_analysis():
    first, second = request_analysis(), request_analysis()
    assert first.pk == second.pk
    with pytest.raises(IntegrityError), transaction.atomic():  # the guard when two processes race
        Job.objects.create(kind="analysis", params={"full": False})
    Job.objects.filter(pk=first.pk).update(status=Job.Status.RUNNING)  # once it runs, new signals wait for a next one
    assert request_analysis().pk != first.pk
    assert Job.objects.filter(kind="analysis").count() == 2


def test_the_command_line_takes_over_the_waiting_analysis():
    waiting = request_analysis()
    with pytest.raises(InputError, match="nog geen signalen"):
        run_inline("analysis", {"full": True})
    waiting.refresh_from_db()
    assert waiting.status == "failed" and waiting.params == {"full": True} and waiting.inline
    assert Job.objects.filter(kind="analysis").count() == 1


def test_running_inline_records_progress_log_and_result():
    seen = []
    job = run_inline("count", {"steps": 3}, progress=lambda done, total, stage: seen.append((done, total, stage)))
    assert (job.status, job.result, job.done, job.total) == ("done", {"counted": 3}, 3, 3)
    assert seen[-1] == (2, 3, "Stap 3") and job.stage == "Stap 3"
    assert [line["message"] for line in job.log] == ["Geteld."]
    assert job.started_at <= job.finished_at


def test_a_refused_job_keeps_the_dutch_message():
    with pytest.raises(InputError):
        run_inline("refuse", {})
    job = Job.objects.get(kind="refuse")
    assert job.status == "failed" and job.error == "Kolom 'datum' ontbreekt."


def test_an_unexpected_error_names_its_type_but_never_its_text():
    with pytest.raises(ValueError):
        run_inline("boom", {})
    job = Job.objects.get(kind="boom")
    assert job.status == "failed" and "onverwachte fout" in job.error
    assert [line["message"] for line in job.log] == ["Onverwachte fout: ValueError."]
    assert "Jansen" not in str(job.log) + job.error


def test_a_waiting_job_is_cancelled_at_once_and_only_by_its_owner_or_a_beheerder():
    owner, other = _person("teamlid", Person.Role.TEAMLID), _person("ander", Person.Role.TEAMLID)
    beheerder = _person("beheerder", Person.Role.BEHEERDER)
    job = submit("count", {}, user=owner)
    with pytest.raises(PermissionDenied):
        cancel(job, user=other)
    assert cancel(job, user=owner).status == "cancelled"
    with pytest.raises(InputError, match="al afgelopen"):
        cancel(job, user=beheerder)
    running = submit("count", {}, user=other)
    Job.objects.filter(pk=running.pk).update(status=Job.Status.RUNNING)
    running.refresh_from_db()
    cancelled = cancel(running, user=beheerder)
    assert cancelled.status == "running" and cancelled.cancel_requested  # it stops at its next progress report


def test_lost_jobs_are_sent_again_until_the_third_attempt(settings):
    settings.JOB_STALE_SECONDS = 60
    long_ago = timezone.now() - timedelta(minutes=5)
    lost = Job.objects.create(kind="count", status=Job.Status.RUNNING, heartbeat_at=long_ago, attempts=1)
    tired = Job.objects.create(kind="count", status=Job.Status.RUNNING, heartbeat_at=long_ago, attempts=MAX_ATTEMPTS)
    command = Job.objects.create(kind="count", status=Job.Status.RUNNING, heartbeat_at=long_ago, inline=True)
    forgotten = Job.objects.create(kind="count", heartbeat_at=long_ago)
    alive = Job.objects.create(kind="count", status=Job.Status.RUNNING, heartbeat_at=timezone.now(), attempts=1)
    assert recover_jobs() == {"resent": 1, "requeued": 1, "failed": 2}
    for job in (lost, tired, command, forgotten, alive):
        job.refresh_from_db()
    assert lost.status == "queued" and "opnieuw gestart (poging 2)" in lost.log[-1]["message"]
    assert tired.status == "failed" and tired.error.startswith("Opgegeven na 3 pogingen")
    assert command.status == "failed" and "start de opdracht opnieuw" in command.error
    assert forgotten.status == "queued" and forgotten.heartbeat_at > long_ago
    assert alive.status == "running"
