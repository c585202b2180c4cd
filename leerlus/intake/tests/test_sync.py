"""Syncing sources against fake Signalen, Open Klant and KISS servers on loopback: each item once, a re-sync adds
nothing, a sync that breaks half-way is completed by the next, and no planted personal data is stored."""

import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from django.utils import timezone

from leerlus.cli import cli
from leerlus.core.models import Signal
from leerlus.demo.fake_sources import TOKEN, FakeSources
from leerlus.intake.models import Source
from leerlus.intake.syncing import add_source
from leerlus.jobs.models import Job
from leerlus.jobs.schedule import submit_due

pytestmark = pytest.mark.django_db

START = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)
PLANTED = ["123456782", "jan.jansen@example.nl", "06-12345678"]  # a BSN (11-proof), an e-mail address, a phone


@pytest.fixture(autouse=True)
def no_pauses(settings):
    settings.SYNC_RETRY_SECONDS = (0, 0)


@pytest.fixture
def fake():
    with FakeSources() as server:
        yield server


@pytest.fixture
def token_file(tmp_path):
    path = tmp_path / "sleutel.txt"
    path.write_text(TOKEN + "\n")
    return path


def sync(name):
    result = CliRunner().invoke(cli, ["sync", name, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def planted_text(i: int) -> str:
    return f"Melding {i}: graag terugbellen op {PLANTED[2]}, BSN {PLANTED[0]}, mail {PLANTED[1]}"


def signalen_items(n: int) -> list[dict]:
    return [
        {
            "id": i,
            "source": "online" if i % 2 else "Telefoon – Adoptant",
            "text": planted_text(i) if i % 10 == 0 else f"Container bij speeltuin {i} zit vol",
            "category": {"main": "Afval", "sub": "Container is vol", "departments": "Stadsbeheer"},
            "location": {"address": {"openbare_ruimte": "Dorpsstraat", "huisnummer": 12, "postcode": "1234AB"}},
            "created_at": (START + timedelta(hours=i)).isoformat(),
            "updated_at": (START + timedelta(hours=i, minutes=5)).isoformat(),
        }
        for i in range(1, n + 1)
    ]


def test_signalen_api_adds_each_signal_once_and_a_resync_adds_nothing(fake, token_file):
    fake.signalen = signalen_items(230)
    add_source("signalen", "Meldingen", url=fake.url, token_file=token_file)
    first = sync("Meldingen")
    assert (first["fetched"], first["imported"], first["rejected"], first["errors"]) == (230, 115, 115, [])
    assert first["rejected_by_reason"][0]["values"] == [{"value": "Telefoon – Adoptant", "count": 115}]
    assert first["cursor"] == fake.signalen[-1]["updated_at"]
    again = sync("Meldingen")
    assert (again["fetched"], again["imported"]) == (0, 0)
    signal = Signal.objects.get(external_id="signalen:1")
    assert (signal.channel, signal.service.name, signal.location, signal.department) == (
        "website",
        "Afval: Container is vol",
        "Dorpsstraat",
        "Stadsbeheer",
    )


def test_unknown_channel_values_once_mapped_import_on_the_next_sync(fake, token_file):
    fake.signalen = signalen_items(4)
    add_source("signalen", "Meldingen", url=fake.url, token_file=token_file)
    assert sync("Meldingen")["imported"] == 2
    Source.objects.filter(name="Meldingen").update(mapping={"channel_map": {"Telefoon – Adoptant": "telefoon"}})
    Source.objects.filter(name="Meldingen").update(cursor="")
    assert sync("Meldingen")["imported"] == 2
    assert Signal.objects.filter(channel="telefoon").count() == 2


def test_a_sync_that_breaks_half_way_is_completed_by_the_next(fake, token_file):
    fake.signalen = signalen_items(250)
    fake.fail_pages = {("signalen", 2)}
    add_source("signalen", "Meldingen", url=fake.url, token_file=token_file)
    broken = sync("Meldingen")
    assert broken["fetched"] == 100 and broken["errors"] and "HTTP 500" in broken["errors"][0]
    assert broken["cursor"] == ""  # not moved: the next sync reads from where the last complete one ended
    source = Source.objects.get(name="Meldingen")
    assert (source.failures, "HTTP 500" in source.last_error) == (1, True)
    fake.fail_pages.clear()
    healed = sync("Meldingen")
    assert (healed["errors"], healed["duplicates"]) == ([], 50)
    assert Signal.objects.filter(external_id__startswith="signalen:").count() == 125
    assert Source.objects.get(name="Meldingen").failures == 0


def test_a_server_that_answers_too_late_is_retried_and_then_left_for_the_next_sync(fake, token_file, settings):
    settings.SYNC_TIMEOUT_SECONDS = 0.2
    fake.klantcontacten = [klantcontact(i) for i in range(150)]
    fake.slow_pages = {("openklant", 2): 1.0}
    add_source("openklant", "Klantcontacten", url=fake.url + "/klantinteracties/api/v1", token_file=token_file)
    late = sync("Klantcontacten")
    assert (late["imported"], late["cursor"]) == (100, "") and "niet bereikbaar" in late["errors"][0]
    assert sum("page=2" in r for r in fake.requests) == 3  # the first try and one after each pause
    fake.slow_pages.clear()
    assert sync("Klantcontacten")["imported"] == 50
    assert Signal.objects.count() == 150


def test_no_planted_personal_data_is_stored(fake, token_file):
    fake.signalen = signalen_items(40)
    fake.klantcontacten = [klantcontact(i, inhoud=planted_text(i)) for i in range(20)]
    add_source("signalen", "Meldingen", url=fake.url, token_file=token_file)
    add_source("openklant", "Klantcontacten", url=fake.url + "/klantinteracties/api/v1", token_file=token_file)
    sync("Meldingen"), sync("Klantcontacten")
    stored = " ".join(Signal.objects.values_list("text", flat=True))
    assert Signal.objects.count() == 40 and all(value not in stored for value in PLANTED)


def klantcontact(i: int, *, inhoud="Vraag over de aanslag", vertrouwelijk=False) -> dict:
    return {
        "uuid": f"0a0b0c0d-0000-4000-8000-{i:012d}",
        "nummer": f"{i:010d}",
        "kanaal": ["telefoon", "e-mail", "balie"][i % 3],
        "onderwerp": "Belastingen",
        "inhoud": inhoud,
        "vertrouwelijk": vertrouwelijk,
        "plaatsgevondenOp": (START + timedelta(minutes=30 * i)).isoformat(),
    }


def test_open_klant_reads_newest_first_down_to_its_cursor_and_keeps_confidential_texts_out(fake, token_file):
    fake.klantcontacten = [klantcontact(i, vertrouwelijk=i % 50 == 0) for i in range(250)]
    add_source("openklant", "Klantcontacten", url=fake.url + "/klantinteracties/api/v1", token_file=token_file)
    first = sync("Klantcontacten")
    assert (first["fetched"], first["imported"], first["confidential"], first["errors"]) == (250, 245, 5, [])
    fake.klantcontacten.append(klantcontact(300))
    fake.requests.clear()
    second = sync("Klantcontacten")
    assert (second["imported"], second["duplicates"]) == (1, 1)  # the contact at the cursor is read again
    assert len(fake.requests) == 1  # stopped on the first page: everything older was read before
    assert not Signal.objects.filter(text__contains="vertrouwelijk").exists()
    assert set(Signal.objects.values_list("channel", flat=True)) == {"telefoon", "email", "balie"}


def test_kiss_signs_its_token_reads_every_page_and_takes_the_kcc_as_telephone(fake, token_file):
    fake.contactmomenten = [
        {
            "id": f"kcm-{i}",
            "startdatum": (START + timedelta(minutes=7 * i)).isoformat(),
            "einddatum": (START + timedelta(minutes=7 * i + 5)).isoformat(),
            "gespreksresultaat": "Doorverbonden",
            "vraag": "Parkeervergunning",
            "specifiekeVraag": "Vergunning verlengen lukt niet online",
            "emailadresKcm": "kcm@gemeente.example",
            "verantwoordelijkeAfdeling": "Parkeren",
            "bronnen": [],
        }
        for i in range(12)
    ]
    add_source("kiss", "KCC", url=fake.url, token_file=token_file)
    assert sync("KCC")["imported"] == 12
    assert sync("KCC")["imported"] == 0
    assert set(Signal.objects.values_list("channel", "department")) == {("telefoon", "Parkeren")}
    assert not Signal.objects.filter(text__contains="kcm@").exists()


def test_a_kiss_result_decides_failure_or_value_demand_over_the_analysis(fake, token_file):
    from leerlus.patterns.services import run_analysis

    calls = [
        ("Doorverbonden", "Wat kost een parkeervergunning voor bezoekers?"),  # reads as a question: value
        ("Contactverzoek gemaakt", "Graag informatie over de afvalkalender"),
        ("Zelfstandig afgehandeld", "Mijn aanvraag lukt niet online, het formulier doet het niet"),  # reads as failure
        ("Anders", "Het formulier doet het niet"),
    ]
    fake.contactmomenten = [
        {
            "id": f"res-{i}",
            "startdatum": (START + timedelta(hours=i)).isoformat(),
            "gespreksresultaat": result,
            "vraag": "Parkeervergunning",
            "specifiekeVraag": text,
            "verantwoordelijkeAfdeling": "Parkeren",
        }
        for i, (result, text) in enumerate(calls)
    ]
    add_source("kiss", "KCC", url=fake.url, token_file=token_file)
    sync("KCC")
    run_analysis(full=True)
    demand = dict(Signal.objects.values_list("external_id", "demand"))
    assert demand == {"kiss:res-0": "failure", "kiss:res-1": "failure", "kiss:res-2": "value", "kiss:res-3": "failure"}


def test_signalen_datawarehouse_zip_from_a_path(tmp_path):
    signals = [
        ["id", "source", "text", "created_at", "category_assignment_id", "location_id"],
        [7, "online", "Lamp kapot", "2025-03-03T19:42:10+01:00", 11, 21],
        [8, "online", "Boom omgewaaid", "2025-03-04T09:12:00+01:00", 12, 22],
    ]
    categories = [
        ["id", "main", "sub", "departments", "_signal_id"],
        [11, "Wegen", "Lantaarnpaal", "Verlichting", 7],
        [12, "Groen", "Boom", "Groen", 8],
    ]
    locations = [
        ["id", "stadsdeel", "address", "_signal_id"],
        [21, "Noord", json.dumps({"openbare_ruimte": "Kerkweg", "huisnummer": 3}), 7],
        [22, "Zuid", "null", 8],
    ]
    archive = tmp_path / "signalen.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, rows in (("signals.csv", signals), ("categories.csv", categories), ("locations.csv", locations)):
            zipped.writestr(f"export/{name}", _csv(rows))
    add_source("signalen-csv", "Datawarehouse", url=str(archive))
    first = sync("Datawarehouse")
    assert (first["imported"], first["cursor"]) == (2, "2025-03-04T09:12:00+01:00")
    assert sync("Datawarehouse")["imported"] == 0
    assert set(Signal.objects.values_list("service__name", "location")) == {
        ("Wegen: Lantaarnpaal", "Kerkweg"),
        ("Groen: Boom", "Zuid"),
    }


def _csv(rows) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def test_the_secret_is_never_shown_and_a_password_in_the_address_is_refused(fake, token_file):
    runner = CliRunner()
    added = runner.invoke(cli, ["source", "add", "kiss", "KCC", "--url", fake.url, "--token-file", str(token_file)])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(cli, ["source", "list", "--json"])
    assert TOKEN not in listed.output and json.loads(listed.stdout)["sources"][0]["token_file"] == str(token_file)
    refused = runner.invoke(
        cli, ["source", "add", "imap", "Post", "--url", "imaps://kcc:wachtwoord@mail.example/INBOX"]
    )
    assert refused.exit_code == 2 and "--token-file" in refused.output


def test_a_wrong_key_is_reported_and_a_source_that_keeps_failing_shows_on_the_start_page(fake, tmp_path, beheerder):
    wrong = tmp_path / "fout.txt"
    wrong.write_text("niet-de-sleutel")
    add_source("openklant", "Klantcontacten", url=fake.url + "/klantinteracties/api/v1", token_file=wrong)
    for _attempt in range(Source.FAILING_AFTER):
        result = sync("Klantcontacten")
    assert "weigert de sleutel" in result["errors"][0] and "niet-de-sleutel" not in json.dumps(result)
    page = beheerder.get("/").content.decode()
    assert "Bronnen die niet synchroniseren" in page and "Klantcontacten" in page and "weigert de sleutel" in page


def test_a_source_with_an_interval_is_submitted_when_due_and_not_twice(fake, token_file):
    add_source("kiss", "KCC", url=fake.url, token_file=token_file, every="15m")
    add_source("kiss", "Met de hand", url=fake.url, token_file=token_file)
    submit_due()
    submit_due()
    assert list(Job.objects.filter(kind="sync").values_list("params__source", flat=True)) == ["KCC"]
    Job.objects.filter(kind="sync").update(status=Job.Status.DONE)
    Source.objects.filter(name="KCC").update(last_sync_at=timezone.now() - timedelta(minutes=5))
    submit_due()
    assert Job.objects.filter(kind="sync").count() == 1
    Source.objects.filter(name="KCC").update(last_sync_at=timezone.now() - timedelta(minutes=16))
    submit_due()
    assert Job.objects.filter(kind="sync").count() == 2


def test_a_bad_interval_and_an_unknown_source_are_clear_messages(fake):
    runner = CliRunner()
    bad = runner.invoke(cli, ["source", "add", "kiss", "KCC", "--url", fake.url, "--every", "vaak"])
    assert bad.exit_code == 2 and "15m" in bad.output
    unknown = runner.invoke(cli, ["sync", "Bestaat niet"])
    assert unknown.exit_code == 2 and "Onbekende bron 'Bestaat niet'" in unknown.output


def test_beheer_adds_a_source_with_the_same_checks(fake, token_file, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.nl", "x"))
    form = {"name": "KCC", "kind": "kiss", "url": fake.url, "token_file": str(token_file), "every": "00:15:00"}
    refused = client.post("/beheer/intake/source/add/", {**form, "url": "https://kcc:geheim@kiss.example"})
    assert refused.status_code == 200 and "Zet geen wachtwoord in het adres" in refused.content.decode()
    assert client.post("/beheer/intake/source/add/", form).status_code == 302
    assert Source.objects.get(name="KCC").every == timedelta(minutes=15)
    assert sync("KCC")["errors"] == []


def test_the_demo_sources_sync_from_their_fakes_once_and_redacted(settings, tmp_path):
    from leerlus.demo.sources import add_demo_sources

    settings.HOME = tmp_path  # the token file of the demo sources goes here
    add_demo_sources()
    first = CliRunner().invoke(cli, ["sync", "--json"])
    again = CliRunner().invoke(cli, ["sync", "--json"])
    assert first.exit_code == again.exit_code == 0, first.output
    assert {d["source"]: d["imported"] for d in json.loads(first.stdout)} == {
        "Demo — KISS": 2,
        "Demo — Open Klant": 2,  # the third is confidential: counted, not stored
        "Demo — Postbus": 2,  # a real Dovecot (make imap-server, as for the mailbox tests)
        "Demo — Signalen": 3,
    }
    assert sum(d["imported"] for d in json.loads(again.stdout)) == 0
    assert not Signal.objects.filter(text__contains="06-12345678").exists()
    assert not Signal.objects.filter(text__contains="jan@example.nl").exists()
    mail = Signal.objects.get(text__contains="parkeervergunning is nog niet verlengd")
    assert mail.channel == "email" and "98765432" not in mail.text and "aanvraag ontvangen" not in mail.text
