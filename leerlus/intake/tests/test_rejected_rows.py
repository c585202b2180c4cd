"""Rejected rows: a reason code per row, groups per reason, the full list as CSV, no personal value quoted."""

import csv
from datetime import date

import pytest

from leerlus.core.models import Signal
from leerlus.errors import InputError
from leerlus.intake.models import ImportBatch
from leerlus.intake.rejections import REASON_CODES
from leerlus.intake.services import batch_summary, import_file

pytestmark = pytest.mark.django_db
HEADER = ["received_at", "channel", "service", "text"]
GOOD = ["2025-03-01 10:00", "telefoon", "Paspoort", "wanneer is mijn paspoort klaar"]

BAD_ROWS = {
    "date_missing": ["", "telefoon", "Paspoort", "geen datum"],
    "date_unreadable": ["gisteren", "telefoon", "Paspoort", "onleesbare datum"],
    "date_future": ["2099-01-01", "telefoon", "Paspoort", "uit de toekomst"],
    "channel_missing": ["2025-03-01", "", "Paspoort", "geen kanaal"],
    "channel_unknown": ["2025-03-01", "duif", "Paspoort", "postduif"],
    "text_and_service_missing": ["2025-03-01", "telefoon", "", ""],
}


def _lines(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("code", sorted(BAD_ROWS))
def test_each_reason_has_its_code_and_the_good_row_beside_it_imports(write_csv, code):
    summary = import_file(write_csv([HEADER, GOOD, BAD_ROWS[code]]))
    assert (summary.imported, summary.rejected) == (1, 1)
    assert [(e.line, e.code) for e in summary.errors] == [(3, code)]
    [group] = summary.rejected_by_reason
    assert (group.code, group.count, group.lines) == (code, 1, [3])
    assert Signal.objects.get().text == GOOD[3]


def test_a_line_that_is_not_a_record_is_rejected_by_code(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"received_at": "2025-03-01", "channel": "chat", "text": "hallo"}\n{"received_at": oeps\n', encoding="utf-8"
    )
    summary = import_file(path)
    assert (summary.imported, [(e.line, e.code) for e in summary.errors]) == (1, [(2, "not_a_record")])


def test_every_reason_code_has_a_sentence_in_both_languages():
    from django.utils import translation

    from leerlus.intake.rejections import reason

    for language in ("nl", "en"):
        with translation.override(language):
            sentences = {code: reason(code, {"column": "Datum", "value": "duif"}) for code in REASON_CODES}
        assert all(sentences.values()) and len(set(sentences.values())) == len(REASON_CODES)
    with translation.override("en"):
        assert "column Datum" in reason("date_unreadable", {"column": "Datum"})


def test_thousands_of_unknown_channel_codes_form_one_group_that_lists_the_codes(write_csv):
    rows = [HEADER, GOOD]
    rows += [["2025-03-02", "citizen-ios", "Afval", f"melding {i}"] for i in range(1200)]
    rows += [["2025-03-02", "handler-android", "Afval", f"melding {i}"] for i in range(300)]
    rows += [["2025-03-02", "", "Afval", f"zonder kanaal {i}"] for i in range(20)]
    summary = import_file(write_csv(rows))
    assert (summary.imported, summary.rejected) == (1, 1520)
    unknown, missing = summary.rejected_by_reason
    assert (unknown.code, unknown.count, unknown.lines) == ("channel_unknown", 1500, [3, 4, 5, 6, 7])
    assert [(v.value, v.count) for v in unknown.values] == [("citizen-ios", 1200), ("handler-android", 300)]
    assert "--map-channel" in unknown.reason
    assert (missing.code, missing.count, missing.values) == ("channel_missing", 20, [])
    assert "kolom channel" in missing.reason


def test_every_rejected_line_is_in_the_csv_not_only_the_first_thousand(write_csv):
    rows = [HEADER, GOOD] + [["2025-03-02", "fax", "Afval", f"melding {i}"] for i in range(1500)]
    summary = import_file(write_csv(rows))
    batch = ImportBatch.objects.get()
    assert summary.batch == batch.pk and batch.rejected_path() is not None
    assert str(batch.rejected_path()) == summary.rejected_file
    content = _lines(summary.rejected_file)
    assert content[0] == ["regel", "code", "reden"]
    assert [int(r[0]) for r in content[1:]] == list(range(3, 1503))
    assert {r[1] for r in content[1:]} == {"channel_unknown"} and "'fax'" in content[1][2]
    assert len(batch.errors) == 1000 and batch.rejected == 1500
    again = batch_summary(batch)
    assert again.rejected_by_reason == summary.rejected_by_reason and len(again.errors) == 1000


def test_an_import_without_rejections_writes_no_list(write_csv):
    summary = import_file(write_csv([HEADER, GOOD]))
    assert summary.rejected_file is None and ImportBatch.objects.get().rejected_path() is None


def test_no_personal_value_from_a_bad_row_is_quoted_anywhere(write_csv):
    planted = "jan.jansen@example.nl"
    rows = [
        ["Datum", "Kanaal", "Onderwerp", "Tekst"],
        GOOD,
        [planted, "telefoon", "Paspoort", "datum is een e-mailadres"],
        ["2099-01-01 " + planted, "telefoon", "Paspoort", "nog een"],
        ["2025-03-01", "telefoon", "", ""],
    ]
    summary = import_file(write_csv(rows))
    assert [e.code for e in summary.errors] == ["date_unreadable", "date_unreadable", "text_and_service_missing"]
    assert "kolom Datum" in summary.errors[0].reason
    batch = ImportBatch.objects.get()
    stored = f"{batch.errors} {batch.rejected_by_reason} {summary.model_dump()}"
    assert planted not in stored and "jansen" not in stored
    assert planted not in open(summary.rejected_file, encoding="utf-8").read()


def test_an_unknown_channel_code_is_named_but_personal_data_in_it_is_not(write_csv):
    rows = [HEADER, GOOD, ["2025-03-01", "citizen-ios", "Afval", "x"]]
    rows.append(["2025-03-01", "bel jan@example.nl", "Afval", "y"])
    summary = import_file(write_csv(rows))
    [group] = summary.rejected_by_reason
    assert [v.value for v in group.values] == ["citizen-ios", "bel [EMAIL]"]
    listed = open(summary.rejected_file, encoding="utf-8").read()
    assert "'citizen-ios'" in listed and "jan@example.nl" not in listed


def test_a_date_for_the_whole_file_imports_a_file_without_dates(write_csv):
    path = write_csv(
        [["Tekst", "Label"], ["container vol", "Afval"], ["stoeptegel los", "Wegen"], ["container vol", "Afval"]]
    )
    with pytest.raises(InputError, match="--date"):
        import_file(path, default_channel="website")

    options = {"default_channel": "website", "default_date": date(2024, 5, 6), "column_map": {"Label": "service"}}
    summary = import_file(path, **options)
    assert (summary.imported, summary.rejected) == (3, 0)
    assert {(s.received_on, s.channel) for s in Signal.objects.all()} == {(date(2024, 5, 6), "website")}
    assert import_file(path, **options).duplicates == 3  # the same file with the same date: idempotent


def test_the_date_for_the_whole_file_also_fills_empty_date_cells(write_csv):
    summary = import_file(write_csv([HEADER, GOOD, BAD_ROWS["date_missing"]]), default_date=date(2024, 5, 6))
    assert (summary.imported, summary.rejected) == (2, 0)
    with pytest.raises(InputError, match="toekomst"):
        import_file(write_csv([HEADER, GOOD], name="b.csv"), default_date=date(2099, 1, 1))


def test_a_beheerder_downloads_the_full_list_and_a_lezer_may_not(write_csv, beheerder):
    from django.contrib.auth import get_user_model
    from django.test import Client

    rows = [HEADER, GOOD] + [["2025-03-02", "fax", "Afval", f"melding {i}"] for i in range(1200)]
    batch = ImportBatch.objects.get(pk=import_file(write_csv(rows)).batch)
    response = beheerder.get(f"/signalen/importeren/{batch.pk}/afgewezen.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f'filename="{batch.pk}-afgewezen.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8").splitlines()
    assert content[0] == "regel,code,reden" and len(content) == 1201 and content[-1].startswith("1202,channel_unknown,")

    clean = ImportBatch.objects.get(pk=import_file(write_csv([HEADER, GOOD], name="schoon.csv")).batch)
    assert beheerder.get(f"/signalen/importeren/{clean.pk}/afgewezen.csv").content.decode() == "regel,code,reden\r\n"

    lezer = Client()
    lezer.force_login(get_user_model().objects.create_user("lex", password="x"))
    assert lezer.get(f"/signalen/importeren/{batch.pk}/afgewezen.csv").status_code == 403
    assert Client().get(f"/signalen/importeren/{batch.pk}/afgewezen.csv").status_code == 302  # to the login
