"""The import wizard's run: the job it submits, the progress page and its twin, the summary, saved sources."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from leerlus.core.models import ChannelAlias, Signal
from leerlus.intake.models import Source
from leerlus.jobs import execution
from leerlus.jobs.models import Job
from leerlus.jobs.services import cancel

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WIZARD = "/signalen/importeren/"


@pytest.fixture(autouse=True)
def own_uploads(settings, tmp_path):
    settings.HOME = tmp_path / "home"


def upload(client, name: str, content: bytes, **extra):
    response = client.post(WIZARD, {"file": SimpleUploadedFile(name, content), **extra})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def start(client, token: str, **form):
    response = client.post(f"{WIZARD}{token}/starten/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


def run_jobs(progress_url: str) -> list[Job]:
    """What the worker does: claim each job of the progress page and run it (here, in this process)."""
    ids = [int(i) for i in progress_url.rstrip("/").split("/")[-1].split("-")]
    return [execution.execute(execution.claim(pk)) for pk in ids]


def test_a_file_with_only_text_and_label_imports_with_one_date_and_one_channel(beheerder):
    token = upload(beheerder, "voorbeeld.csv", b"Tekst,Label\nHet stinkt hier,Afval\nLamp kapot,Verlichting\n")[
        "Location"
    ].split("/")[3]
    progress = start(
        beheerder,
        token,
        **{"field-text": "Tekst", "field-service": "Label", "default_date": "2025-03-01", "default_channel": "website"},
    )
    job = Job.objects.get()
    assert job.kind == "import" and job.params["default_date"] == "2025-03-01"
    assert job.params["column_map"] == {"Tekst": "text", "Label": "service"}
    page = beheerder.get(progress)
    assert page.status_code == 200 and "<progress" in page.content.decode()
    assert beheerder.get(progress + "?format=json").json()["finished"] is False
    [job] = run_jobs(progress)
    assert job.status == "done", job.error
    assert set(Signal.objects.values_list("channel", "received_on")) == {("website", date(2025, 3, 1))}
    assert not Path(job.params["path"]).exists()  # the uploaded file is gone after the import
    twin = beheerder.get(progress + "?format=json").json()
    assert twin["finished"] is True and twin["jobs"][0]["result"]["imported"] == 2


def test_channel_values_mapped_in_the_wizard_are_used_and_remembered(beheerder):
    token = upload(beheerder, "fixi.csv", (FIXTURES / "fixi_meldingen.csv").read_bytes())["Location"].split("/")[3]
    fields = {"field-id": "id", "field-received_at": "created", "field-channel": "source"}
    fields["field-service"] = "categoryName"
    values = ["citizen-ios", "citizen-android", "website", "telephone", "handler-android", "whats-app"]
    chosen = ["app", "app", "website", "telefoon", "intern", "whatsapp"]
    form = {**fields, "default_channel": "onbekend"}
    for i, (value, channel) in enumerate(zip(values, chosen, strict=True)):
        form |= {f"value-{i}": value, f"channel-{i}": channel}
    [job] = run_jobs(start(beheerder, token, **form))
    assert job.status == "done", job.error
    assert job.params["channel_map"] == {"citizen-ios": "app", "citizen-android": "app", "handler-android": "intern"}
    counts = {c: Signal.objects.filter(channel=c).count() for c in ("app", "intern", "website", "onbekend")}
    assert counts == {"app": 3, "intern": 1, "website": 1, "onbekend": 1}
    assert ChannelAlias.objects.get(value="handler-android").channel == "intern"


def test_the_summary_groups_rejected_rows_and_offers_them_all_as_csv(beheerder):
    content = b"datum,kanaal,tekst\n2025-03-01,web,goed\ngisteren,web,datum kapot\n2025-03-02,fax,kanaal kapot\n"
    token = upload(beheerder, "fouten.csv", content)["Location"].split("/")[3]
    form = {"field-received_at": "datum", "field-channel": "kanaal", "field-text": "tekst"}
    progress = start(beheerder, token, **form, **{"value-0": "fax", "channel-0": ""})
    run_jobs(progress)
    page = beheerder.get(progress).content.decode()
    assert "Afgewezen rijen per reden" in page and "fax: 1" in page
    download = beheerder.get(_rejected_link(page))
    assert download.status_code == 200
    lines = b"".join(download.streaming_content).decode().splitlines()
    assert len(lines) == 3 and lines[1].startswith("3,") and lines[2].startswith("4,")


def _rejected_link(page: str) -> str:
    return re.search(r'href="([^"]*afgewezen\.csv)"', page).group(1)


def test_a_saved_source_imports_the_next_file_in_one_step(beheerder):
    kiss = (FIXTURES / "kiss_contactmomentendetails.json").read_bytes()
    token = upload(beheerder, "kiss.json", kiss)["Location"].split("/")[3]
    form = {
        "field-id": "id",
        "field-received_at": "startdatum",
        "field-service": "vraag",
        "field-text": "specifiekeVraag",
        "default_channel": "telefoon",
        "preset": "kiss",
        "source_name": "KISS maandexport",
    }
    first = Job.objects.get(pk=int(start(beheerder, token, **form).rstrip("/").split("/")[-1]))
    assert Source.objects.get().mapping["fields"]["text"] == "specifiekeVraag"
    response = upload(beheerder, "kiss-april.json", kiss, source="KISS maandexport")
    assert "/voortgang/" in response["Location"]
    second = Job.objects.exclude(pk=first.pk).get()
    assert {k: v for k, v in second.params.items() if k != "path"} == {
        **{k: v for k, v in first.params.items() if k != "path"},
        "file_name": "kiss-april.json",
        "source": "KISS maandexport",
    }
    [job] = run_jobs(response["Location"])
    assert job.status == "done" and Signal.objects.filter(channel="telefoon").count() == 3
    assert not Path(job.params["path"]).exists()


def test_a_zip_with_two_files_runs_one_import_each(beheerder):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("maart.csv", "datum,kanaal,tekst\n2025-03-01,web,maart\n")
        archive.writestr("april.csv", "datum,kanaal,tekst\n2025-04-01,web,april\n")
    token = upload(beheerder, "export.zip", buffer.getvalue())["Location"].split("/")[3]
    form = {"field-received_at": "datum", "field-channel": "kanaal", "field-text": "tekst"}
    jobs = run_jobs(start(beheerder, token, **form))
    assert [j.params["file_name"] for j in jobs] == ["maart.csv", "april.csv"]
    assert sorted(Signal.objects.values_list("text", flat=True)) == ["april", "maart"]
    assert json.dumps([j.status for j in jobs]) == '["done", "done"]'


def test_a_job_cancelled_before_it_ran_leaves_no_file_behind(beheerder):
    token = upload(beheerder, "a.csv", b"datum,kanaal,tekst\n2025-03-01,web,x\n")["Location"].split("/")[3]
    form = {"field-received_at": "datum", "field-channel": "kanaal", "field-text": "tekst"}
    progress = start(beheerder, token, **form)
    job = Job.objects.get()
    cancel(job, user=beheerder.person.user)
    page = beheerder.get(progress).content.decode()
    assert "geannuleerd" in page
    assert not Path(job.params["path"]).exists() and not Path(job.params["path"]).parent.exists()
