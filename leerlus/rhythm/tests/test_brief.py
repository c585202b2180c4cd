"""The monthly brief: lists the month's new incidents with their words and the earlier ones still going on, says so
for a month without data, carries the
actions until done, and its PDF opens with extractable text, a cover and page numbers."""

import io
import json
from datetime import date

import pytest
from click.testing import CliRunner
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from pypdf import PdfReader

from leerlus.cli import cli
from leerlus.jobs.models import Job
from leerlus.jobs.queue import run_job
from leerlus.rhythm.models import Retrospective

pytestmark = pytest.mark.django_db


def brief(*args):
    result = CliRunner().invoke(cli, ["brief", *args])
    assert result.exit_code == 0, result.output
    return result


def test_the_brief_lists_the_incidents_of_the_month_and_those_still_going_on(analysed):
    document = json.loads(brief("--month", "2025-07", "--json").stdout)
    assert document["has_data"] and document["signals"]["total"] > 0
    portal = [i for i in document["incidents"]["new"] if "omgevingsloket" in i["terms"]]
    assert len(portal) == 1 and "Vergunning" in portal[0]["services"]
    assert f"Nieuw: {portal[0]['summary']}" in brief("--month", "2025-07").stdout
    august = json.loads(brief("--month", "2025-08", "--json").stdout)
    assert portal[0]["id"] in [i["id"] for i in august["incidents"]["ongoing"]]  # the portal still brings calls
    assert portal[0]["id"] not in [i["id"] for i in august["incidents"]["new"]]
    quiet = json.loads(brief("--month", "2025-03", "--json").stdout)
    assert not any("omgevingsloket" in i["terms"] for i in quiet["incidents"]["new"] + quiet["incidents"]["ongoing"])


def test_a_month_without_data_says_so_instead_of_failing(analysed, tmp_path):
    document = json.loads(brief("--month", "2019-02", "--json").stdout)
    assert not document["has_data"]
    assert document["message"] == "Geen signalen in februari 2019: er valt over deze maand nog niets te zeggen."
    brief("--month", "2019-02", "--format", "pdf", "--output", str(tmp_path / "leeg.pdf"))
    assert "Geen signalen in februari 2019" in PdfReader(tmp_path / "leeg.pdf").pages[1].extract_text()


def test_the_pdf_has_a_cover_page_numbers_and_extractable_text(analysed, tmp_path):
    brief("--month", "2025-07", "--format", "pdf", "--output", str(tmp_path / "brief.pdf"))
    reader = PdfReader(tmp_path / "brief.pdf")
    assert len(reader.pages) >= 2
    assert "Maandbrief juli 2025" in reader.pages[0].extract_text()
    second = reader.pages[1].extract_text()
    assert f"pagina 2 van {len(reader.pages)}" in second and "Incidenten" in second
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "omgevingsloket" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged: text in reading order for screen readers
    html = brief("--month", "2025-07", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "http" not in html.split("<body>")[0]


def test_the_web_brief_is_the_same_document_and_downloads_as_pdf(analysed, beheerder):
    page = beheerder.get("/ritme/maandbrief/?maand=2025-07")
    assert page.status_code == 200 and "Maandbrief juli 2025" in page.content.decode()
    assert beheerder.get("/ritme/maandbrief/?maand=2025-07&format=json").json() == json.loads(
        brief("--month", "2025-07", "--json").stdout
    )
    pdf = beheerder.get("/ritme/maandbrief/?maand=2025-07&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Maandbrief juli 2025" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    wrong = beheerder.get("/ritme/maandbrief/?maand=juli&format=json")
    assert wrong.status_code == 400 and wrong.json()["detail"].startswith("Maand 'juli' is geen maand; gebruik jjjj-mm")
    assert "Maand &#x27;juli&#x27; is geen maand" in beheerder.get("/ritme/maandbrief/?maand=juli").content.decode()


def test_retrospective_actions_return_in_the_next_briefs_until_done(analysed, beheerder):
    beheerder.post(
        "/ritme/maandbrief/?maand=2025-06",
        {
            "action": "retro",
            "held_on": "2025-07-02",
            "participants": [beheerder.person.pk],
            "conclusions": "Portaal goed voorbereiden",
            "action_text_1": "Belscript voor de portaalrelease",
            "action_owner_1": beheerder.person.pk,
            "action_due_1": "2025-07-15",
        },
    )
    july = json.loads(brief("--month", "2025-07", "--json").stdout)
    assert [a["text"] for a in july["open_actions"]] == ["Belscript voor de portaalrelease"]
    assert json.loads(brief("--month", "2025-06", "--json").stdout)["retrospective"]["participants"] == ["Anna"]
    action_id = july["open_actions"][0]["id"]
    beheerder.post("/ritme/maandbrief/?maand=2025-07", {"action": "done", "action_id": action_id})
    back_then = json.loads(brief("--month", "2026-01", "--json").stdout)  # it was done only today
    assert [a["done_on"] for a in back_then["open_actions"]] == [str(timezone.localdate())]
    after = json.loads(brief("--month", f"{timezone.localdate() + relativedelta(months=1):%Y-%m}", "--json").stdout)
    assert after["open_actions"] == []
    missing_owner = beheerder.post(
        "/ritme/maandbrief/?maand=2025-08",
        {"action": "retro", "held_on": "2025-09-02", "conclusions": "x", "action_text_1": "Zonder eigenaar"},
    )
    assert "heeft een eigenaar en een datum nodig" in missing_owner.content.decode()
    assert not Retrospective.objects.filter(month=date(2025, 8, 1)).exists()


def test_the_pdf_button_makes_the_brief_in_the_background_and_links_the_file(analysed, beheerder, settings, tmp_path):
    settings.BRIEFS_DIR = tmp_path
    page = beheerder.post("/ritme/maandbrief/?maand=2025-07", {"action": "pdf"})
    job = Job.objects.get(kind="brief")
    assert page.status_code == 302 and page["Location"] == f"/taken/{job.pk}/"
    assert (job.status, job.params, job.title) == ("queued", {"month": "2025-07"}, "Maandbrief 2025-07 als PDF")
    run_job(job.pk)  # what the worker does with the job's message
    job.refresh_from_db()
    assert job.status == "done" and job.result["download"] == f"/ritme/maandbrief/pdf/{job.pk}/"
    assert "Downloaden" in beheerder.get(f"/taken/{job.pk}/").content.decode()
    pdf = b"".join(beheerder.get(job.result["download"]).streaming_content)
    assert "Maandbrief juli 2025" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "PDF van juli 2025, gemaakt" in beheerder.get("/ritme/maandbrief/?maand=2025-07").content.decode()
