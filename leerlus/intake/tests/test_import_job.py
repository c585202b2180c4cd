"""The "import" job: runs `import_file` with progress, asks for one analysis, stops cleanly when cancelled."""

import pytest
from django.utils import timezone

from leerlus.core.models import DailyCount, Signal
from leerlus.errors import InputError
from leerlus.intake.jobs import import_params, run_import
from leerlus.intake.models import ImportBatch
from leerlus.intake.pipeline import CHUNK_ROWS
from leerlus.jobs.context import JobCancelled, JobContext
from leerlus.jobs.models import Job
from leerlus.jobs.services import run_inline

pytestmark = pytest.mark.django_db
HEADER = ["received_at", "channel", "service", "text"]


def test_an_import_job_records_the_summary_and_asks_for_one_analysis(write_csv):
    path = write_csv([HEADER, ["2025-03-01", "telefoon", "Paspoort", "klaar?"], ["2025-03-01", "fax", "Paspoort", "x"]])
    seen = []
    job = run_inline("import", import_params(path), progress=lambda done, total, stage: seen.append((done, stage)))
    assert (job.status, job.kind, job.result["imported"], job.result["rejected"]) == ("done", "import", 1, 1)
    assert job.result["rejected_by_reason"][0]["code"] == "channel_unknown"
    assert seen == [(2, "lezen en opschonen"), (2, "dagtellingen bijwerken")]
    assert "2 rijen gelezen: 1 nieuw, 0 dubbel, 1 afgewezen." in [entry["message"] for entry in job.log]
    assert "klaar?" not in str(job.log)
    assert Job.objects.filter(kind="analysis", status="queued").count() == 1
    assert path.exists()

    again = run_inline("import", import_params(path, remove_after=True))
    assert (again.result["imported"], again.result["duplicates"]) == (0, 1)
    assert Job.objects.filter(kind="analysis", status="queued").count() == 1  # nothing new: no second analysis
    assert not path.exists()


def test_a_file_without_dates_imports_with_the_date_and_channel_of_the_job(write_csv):
    from datetime import date

    path = write_csv([["Tekst", "Label"], ["container vol", "Afval"], ["gat in de weg", "Wegen"]])
    params = import_params(
        path,
        file_name="amsterdam.csv",
        default_channel="website",
        default_date=date(2024, 5, 6),
        column_map={"Label": "service"},
        source="Meldingen Amsterdam",
    )
    job = run_inline("import", params)
    assert job.result["imported"] == 2 and ImportBatch.objects.get().file_name == "amsterdam.csv"
    assert {(s.received_on, s.channel, s.service.name) for s in Signal.objects.all()} == {
        (date(2024, 5, 6), "website", "Afval"),
        (date(2024, 5, 6), "website", "Wegen"),
    }
    assert "bron Meldingen Amsterdam" in job.log[0]["message"]


def test_a_bad_file_fails_the_job_with_its_message_and_the_upload_is_removed(tmp_path):
    path = tmp_path / "upload.csv"
    path.write_text("kanaal,tekst\ntelefoon,hallo\n", encoding="utf-8")
    with pytest.raises(InputError, match="received_at"):
        run_inline("import", import_params(path, remove_after=True))
    job = Job.objects.get(kind="import")
    assert job.status == "failed" and "received_at" in job.error
    assert not path.exists() and Signal.objects.count() == 0


def test_a_cancelled_import_keeps_its_written_chunks_and_the_same_import_adds_the_rest(write_csv):
    rows = [HEADER] + [[f"2025-03-{1 + i % 28:02d}", "chat", "Afval", f"vraag {i}"] for i in range(3 * CHUNK_ROWS)]
    path = write_csv(rows)
    job = Job.objects.create(
        kind="import", params=import_params(path), status="running", started_at=timezone.now(), inline=True
    )
    context = JobContext(job, on_progress=lambda done, total, stage: context.cancel_seen())  # cancel after chunk 1
    with pytest.raises(JobCancelled):
        run_import(context)
    kept = Signal.objects.count()
    assert 0 < kept < 3 * CHUNK_ROWS
    batch = ImportBatch.objects.get()
    assert (batch.read, batch.imported) == (CHUNK_ROWS, kept)
    assert sum(DailyCount.objects.values_list("count", flat=True)) == kept  # the day counts follow what was kept
    assert "idempotent" in context.job.log[-1]["message"]

    rest = run_inline("import", import_params(path))
    assert (rest.result["imported"], rest.result["duplicates"]) == (3 * CHUNK_ROWS - kept, kept)
    assert Signal.objects.count() == 3 * CHUNK_ROWS
