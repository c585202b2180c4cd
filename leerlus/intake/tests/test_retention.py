"""Retention: after the organisation's periods a signal loses its text, and later the signal itself; the day counts
stay; a dry run changes nothing; the run is daily on the workers and recorded in the audit trail."""

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone

from leerlus.audit.models import AuditEntry
from leerlus.cli import cli
from leerlus.core.models import DailyCount, Organisation, Signal
from leerlus.jobs.models import Job
from leerlus.jobs.schedule import submit_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_ages(tmp_path):
    """Signals of 100, 400 and 2000 days ago, and an organisation that anonymises after a year, deletes after five."""
    Organisation.objects.create(name="Gemeente Katwijk", anonymise_after_days=365, delete_after_days=1825)
    today = timezone.localdate()
    rows = [
        f"{today - timedelta(days=age)},telefoon,Container vol bij Zeeweg {age} sinds maandag"
        for age in (100, 400, 2000)
    ]
    path = tmp_path / "signalen.csv"
    path.write_text("datum,kanaal,tekst\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["import", str(path)]).exit_code == 0
    return today


def _retention(*args) -> dict:
    result = CliRunner().invoke(cli, ["retention", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_dry_run_counts_and_changes_nothing(three_ages):
    outcome = _retention("--dry-run")
    assert (outcome["anonymised"], outcome["deleted"]) == (1, 1)
    assert outcome["delete_before"] == str(three_ages - timedelta(days=1825))
    assert Signal.objects.exclude(text="").count() == 3


def test_old_texts_are_wiped_older_signals_deleted_and_counts_kept(three_ages):
    counted = DailyCount.objects.aggregate(n=Sum("count"))["n"]
    first, second = _retention(), _retention()
    assert (first["anonymised"], first["deleted"]) == (1, 1)
    assert (second["anonymised"], second["deleted"]) == (0, 0)
    ages = {(three_ages - s.received_on).days: s.text for s in Signal.objects.all()}
    assert set(ages) == {100, 400}
    assert ages[400] == "" and "Container vol" in ages[100]
    assert DailyCount.objects.aggregate(n=Sum("count"))["n"] == counted == 3
    assert "1 signalen verwijderd, 1 geanonimiseerd" in AuditEntry.objects.get(action="delete").summary


def test_without_periods_nothing_happens(tmp_path):
    Organisation.objects.create(name="Gemeente Leiden")
    result = CliRunner().invoke(cli, ["retention"])
    assert result.exit_code == 0 and "geen bewaartermijnen" in result.output


def test_deleting_must_come_after_anonymising():
    with pytest.raises(ValidationError) as refused:
        Organisation(name="Gemeente Leiden", anonymise_after_days=400, delete_after_days=365).full_clean()
    assert "Verwijderen moet later komen dan anonimiseren" in str(refused.value)


def _retention_runs(jobs) -> list:
    return [job for job in jobs if job.kind == "retention"]  # other apps' recurring jobs (the exchange's pull) aside


def test_the_workers_submit_the_run_once_a_day(three_ages):
    [job] = _retention_runs(submit_due())
    assert _retention_runs(submit_due()) == []  # waiting: not twice
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)
    assert _retention_runs(submit_due(now=timezone.now() + timedelta(hours=23))) == []
    assert len(_retention_runs(submit_due(now=timezone.now() + timedelta(days=1, minutes=1)))) == 1
