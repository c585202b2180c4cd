"""The import wizard up to the run: upload (CSV, XLSX, JSON, ZIP), refusals, preview, suggestions, presets, channels."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from leerlus.core.models import ChannelAlias, Person
from leerlus.intake.uploads import remove_stale_uploads, uploads_root

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WIZARD = "/signalen/importeren/"


@pytest.fixture(autouse=True)
def own_uploads(settings, tmp_path):
    """Each test has its own uploads folder."""
    settings.HOME = tmp_path / "home"


def upload(client, name, content, **extra):
    return client.post(WIZARD, {"file": SimpleUploadedFile(name, content), **extra})


def token_of(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"].split("/")[3]


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_only_a_beheerder_imports(beheerder):
    for role in ("teamlid", "lezer"):
        user = get_user_model().objects.create_user(role, password="x")
        Person.objects.create(name=role, department=beheerder.person.department, role=role, user=user)
        client = Client()
        client.force_login(user)
        assert client.get(WIZARD).status_code == 403
        assert upload(client, "a.csv", b"datum,kanaal,tekst\n").status_code == 403
    assert beheerder.get(WIZARD).status_code == 200
    assert 'href="/signalen/importeren/"' in beheerder.get("/signalen/").content.decode()


def test_a_csv_is_stored_on_disk_and_previewed_with_personal_data_replaced(beheerder, settings):
    response = upload(
        beheerder,
        "export.csv",
        csv_bytes(
            "datum,kanaal,onderwerp,tekst",
            "2025-03-01,telefoon,Paspoort,Mail mij op jan.jansen@example.nl of bel 06-12345678",
            "2025-03-02,web,Afval,Container vol",
        ),
    )
    token = token_of(response)
    folder = Path(settings.HOME) / "uploads" / token
    assert [p.name for p in folder.iterdir() if p.name != "upload.json"] == ["file.csv"]
    page = beheerder.get(response["Location"]).content.decode()
    assert "jan.jansen@example.nl" not in page and "06-12345678" not in page
    assert "Container vol" in page and "Mail mij op" in page
    # suggestions from the header names: datum → received_at, kanaal → channel, ...
    assert '<option value="datum" selected>' in page.split('name="field-received_at"')[1].split("</select>")[0]
    assert '<option value="tekst" selected>' in page.split('name="field-text"')[1].split("</select>")[0]


def test_xlsx_and_json_lines_are_read(beheerder, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Datum", "Kanaal", "Omschrijving"])
    workbook.active.append(["2025-03-01", "balie", "Paspoort kwijt"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = beheerder.get(upload(beheerder, "lijst.xlsx", buffer.getvalue())["Location"]).content.decode()
    assert "Paspoort kwijt" in page
    lines = b'{"datum": "2025-03-01", "tekst": "Stoep kapot"}\n{"datum": "2025-03-02", "tekst": "Boom om"}\n'
    page = beheerder.get(upload(beheerder, "meldingen.jsonl", lines)["Location"]).content.decode()
    assert "Stoep kapot" in page and "Boom om" in page


def zip_of(**members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


def test_a_zip_gives_its_supported_files_and_is_removed(beheerder, settings):
    content = zip_of(
        **{
            "maart.csv": csv_bytes("datum,kanaal,tekst", "2025-03-01,web,Maart"),
            "export__april.json": b'[{"datum": "2025-04-01", "kanaal": "web", "tekst": "April"}]',
            "leesmij.pdf": b"%PDF",
        }
    )
    token = token_of(upload(beheerder, "export.zip", content))
    folder = Path(settings.HOME) / "uploads" / token
    assert sorted(p.name for p in folder.iterdir()) == ["member-1.csv", "member-2.json", "upload.json"]
    page = beheerder.get(f"{WIZARD}{token}/kolommen/").content.decode()
    assert "2 bestanden uit het ZIP-bestand" in page and "maart.csv" in page


def test_a_zip_with_a_path_outside_its_folder_is_refused(beheerder, settings):
    response = upload(beheerder, "kwaad.zip", zip_of(**{"..__..__buiten.csv": b"datum,kanaal,tekst\n"}))
    assert response.status_code == 400
    assert "onveilige bestandsnaam" in response.content.decode()
    assert not any(uploads_root().rglob("*.csv"))
    assert not (Path(settings.HOME).parent / "buiten.csv").exists()


def test_a_file_over_the_limit_is_refused_in_dutch(beheerder, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 1000
    response = upload(beheerder, "groot.csv", b"datum,kanaal,tekst\n" + b"2025-03-01,web,x\n" * 500)
    assert response.status_code == 413
    assert "groter dan" in response.content.decode()
    assert not any(uploads_root().rglob("file*"))


def test_a_file_over_the_limit_is_stopped_while_it_streams(beheerder, settings):
    """The counting handler stops a body whose announced length was small (a client may lie)."""
    settings.IMPORT_UPLOAD_MAX_BYTES = 1000
    big = b"datum,kanaal,tekst\n" + b"2025-03-01,web,x\n" * 500
    response = upload(beheerder, "groot.csv", big, CONTENT_LENGTH="900")
    assert response.status_code == 413
    assert not any(uploads_root().rglob("file*"))


def test_other_files_are_refused_with_the_choices(beheerder):
    response = upload(beheerder, "brief.pdf", b"%PDF-1.4")
    assert response.status_code == 400 and ".csv" in response.content.decode()


def test_uploads_older_than_a_day_are_removed(beheerder):
    token = token_of(upload(beheerder, "a.csv", csv_bytes("datum,kanaal,tekst", "2025-03-01,web,x")))
    assert remove_stale_uploads() == 0
    assert remove_stale_uploads(now=(uploads_root() / token).stat().st_mtime + 2 * 24 * 3600) == 1
    assert beheerder.get(f"{WIZARD}{token}/kolommen/").status_code == 400


def selected(page: str, field: str) -> str:
    """The column chosen for a field on the columns page."""
    select = page.split(f'name="field-{field}"')[1].split("</select>")[0]
    return select.split(" selected>")[0].rsplit('value="', 1)[1].rstrip('"') if " selected>" in select else ""


@pytest.mark.parametrize(
    ("fixture", "preset", "expected"),
    [
        ("signalen_signals.csv", "signalen", {"id": "id", "received_at": "created_at", "channel": "source"}),
        (
            "kiss_contactmomentendetails.json",
            "kiss",
            {"received_at": "startdatum", "service": "vraag", "text": "specifiekeVraag", "channel": ""},
        ),
        (
            "openklant_klantcontacten.jsonl",
            "openklant",
            {"id": "nummer", "received_at": "plaatsgevondenOp", "channel": "kanaal", "text": "inhoud"},
        ),
        (
            "fixi_meldingen.csv",
            "fixi",
            {"received_at": "created", "channel": "source", "service": "categoryName", "source": ""},
        ),
    ],
)
def test_presets_pick_the_columns_of_their_export(beheerder, fixture, preset, expected):
    location = upload(beheerder, fixture, (FIXTURES / fixture).read_bytes())["Location"]
    page = beheerder.get(location).content.decode()
    assert f'<option value="{preset}" selected>' in page  # recognised from the columns
    assert {field: selected(page, field) for field in expected} == expected
    page = beheerder.get(location + "?preset=").content.decode()  # without the preset: the header names only
    assert f'<option value="{preset}" selected>' not in page


def channels_page(client, token, **fields):
    data = {f"field-{k}": v for k, v in fields.items() if k not in ("default_date", "default_channel")}
    data.update({k: v for k, v in fields.items() if k in ("default_date", "default_channel")})
    return client.post(f"{WIZARD}{token}/kanalen/", data)


def test_every_channel_value_is_listed_with_its_count_and_a_suggestion(beheerder):
    ChannelAlias.objects.create(value="whats-app", channel="whatsapp")
    token = token_of(upload(beheerder, "fixi.csv", (FIXTURES / "fixi_meldingen.csv").read_bytes()))
    response = channels_page(beheerder, token, received_at="created", channel="source", service="categoryName")
    page = response.content.decode()
    assert response.status_code == 200
    rows = {
        cells[0]: (cells[1], cells[2])
        for cells in (
            [
                row.split('id="v-')[1].split(">", 1)[1].split("<")[0],
                row.split('class="number">')[1].split("<")[0],
                row.split(" selected>")[0].rsplit('value="', 1)[1].rstrip('"'),
            ]
            for row in page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
        )
    }
    assert rows == {
        "citizen-ios": ("2", "app"),
        "citizen-android": ("1", "app"),
        "website": ("1", "website"),
        "telephone": ("1", "telefoon"),
        "handler-android": ("1", "intern"),
        "whats-app": ("1", "whatsapp"),
    }
    assert "Kanaal voor 1 rij zonder kanaal" in page


def test_a_file_without_date_and_channel_asks_for_one_of_each(beheerder):
    token = token_of(upload(beheerder, "amsterdam.csv", csv_bytes("Tekst,Label", "Het stinkt hier,Afval")))
    refused = channels_page(beheerder, token, text="Tekst", service="Label")
    assert refused.status_code == 400 and "één datum voor het hele bestand" in refused.content.decode()
    page = channels_page(beheerder, token, text="Tekst", service="Label", default_date="2025-03-01")
    assert page.status_code == 200
    assert "Eén kanaal voor het hele bestand" in page.content.decode()


def test_stopping_the_wizard_removes_the_file(beheerder):
    token = token_of(upload(beheerder, "a.csv", csv_bytes("datum,kanaal,tekst", "2025-03-01,web,x")))
    beheerder.post(f"{WIZARD}{token}/annuleren/")
    assert not (uploads_root() / token).exists()


def test_beheer_has_no_empty_add_form_for_import_runs_but_a_link_to_the_wizard():
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("beheer", "b@example.nl", "x"))
    page = admin.get("/beheer/intake/importbatch/").content.decode()
    assert 'href="/signalen/importeren/"' in page and "/beheer/intake/importbatch/add/" not in page
    assert admin.get("/beheer/intake/importbatch/add/").status_code == 403
