"""import_file: streaming, idempotent, line-numbered rejections, every format and encoding."""

import openpyxl
import pytest

from leerlus.core.models import ChannelAlias, Service, Signal
from leerlus.errors import InputError
from leerlus.intake.models import ImportBatch
from leerlus.intake.services import import_file

pytestmark = pytest.mark.django_db
HEADER = ["received_at", "channel", "service", "text"]


def test_a_thousand_rows_with_three_broken_ones(write_csv):
    rows = [HEADER] + [
        [f"2025-03-{1 + i % 28:02d} 10:{i % 60:02d}", "telefoon", "Paspoort", f"vraag {i}"] for i in range(1000)
    ]
    rows[101] = ["gisteren", "telefoon", "Paspoort", "datum onleesbaar"]  # line 102
    rows[500] = ["2025-03-05", "fax", "Paspoort", "onbekend kanaal"]  # line 501
    rows[999] = ["2025-03-05", "telefoon", "", ""]  # line 1000: no text, no service
    summary = import_file(write_csv(rows))
    assert (summary.read, summary.imported, summary.rejected) == (1000, 997, 3)
    assert [e.line for e in summary.errors] == [102, 501, 1000]
    assert "telefoon, balie, website" in summary.errors[1].reason
    assert Signal.objects.count() == 997


def test_importing_the_same_file_twice_adds_nothing(write_csv):
    path = write_csv(
        [
            HEADER,
            ["2025-03-01", "web", "Afval", "container vol"],
            ["2025-03-01", "web", "Afval", "container vol"],
            ["2025-03-02", "telefoon", "Afval", ""],
        ]
    )
    first, second = import_file(path), import_file(path)
    assert (first.imported, first.duplicates) == (3, 0)  # identical rows in one file are distinct reports
    assert (second.imported, second.duplicates) == (0, 3)
    assert Signal.objects.count() == 3


def test_external_ids_deduplicate_across_files(write_csv):
    import_file(write_csv([["id"] + HEADER, ["A-1", "2025-03-01", "email", "WOZ", "bezwaar"]], name="a.csv"))
    summary = import_file(
        write_csv(
            [
                ["id"] + HEADER,
                ["A-1", "2025-03-01", "email", "WOZ", "bezwaar (herzien)"],
                ["A-2", "2025-03-02", "email", "WOZ", "nog een"],
            ],
            name="b.csv",
        )
    )
    assert (summary.imported, summary.duplicates) == (1, 1)


def test_category_only_export_with_dutch_headers_and_dutch_dates(write_csv):
    path = write_csv(
        [
            ["Datum", "Kanaal", "Onderwerp"],
            ["01-03-2025 09:15", "balie", "Rijbewijs"],
            ["01-03-2025 09:15", "balie", "Rijbewijs"],
        ],
        delimiter=";",
    )
    summary = import_file(path)
    assert summary.imported == 2
    signal = Signal.objects.first()
    assert (signal.channel, signal.service.name, signal.text) == ("balie", "Rijbewijs", "")
    assert signal.received_at.isoformat() == "2025-03-01T08:15:00+00:00"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(write_csv, encoding):
    path = write_csv(
        [HEADER, ["2025-03-01", "telefoon", "Wmo", "café geopend, één vraag über alles"]], encoding=encoding
    )
    assert import_file(path).imported == 1
    assert Signal.objects.get().text == "café geopend, één vraag über alles"


def test_tab_separated_with_a_multiline_text_keeps_line_numbers(write_csv):
    path = write_csv(
        [HEADER, ["2025-03-01", "email", "WOZ", "regel een\nregel twee"], ["nooit", "email", "WOZ", "x"]],
        delimiter="\t",
    )
    summary = import_file(path)
    assert summary.imported == 1
    assert summary.errors[0].line == 4  # the header is line 1, the first record takes lines 2 and 3


def test_map_columns_and_own_channel_codes_are_remembered(write_csv):
    path = write_csv([["created", "categoryName", "source"], ["2025-03-01 10:00:00", "Zwerfafval", "citizen-android"]])
    summary = import_file(path, column_map={"source": "channel"}, channel_map={"citizen-android": "app"})
    assert summary.imported == 1 and Signal.objects.get().channel == "app"
    assert ChannelAlias.objects.get(value="citizen-android").channel == "app"
    again = write_csv(
        [["created", "categoryName", "source"], ["2025-03-02 10:00:00", "Zwerfafval", "citizen-android"]], name="b.csv"
    )
    assert import_file(again, column_map={"source": "channel"}).imported == 1


def test_default_channel_fills_a_file_without_channels(write_csv):
    path = write_csv([["datum", "tekst"], ["2025-03-01", "Graag een afspraak"]])
    assert import_file(path, default_channel="email").imported == 1
    assert Signal.objects.get().channel == "email"


def test_xlsx(tmp_path):
    path = tmp_path / "export.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([__import__("datetime").datetime(2025, 3, 1, 10, 0), "chat", "Paspoort", "Mail me: a@b.nl"])
    sheet.append(["geen datum", "chat", "Paspoort", "x"])
    workbook.save(path)
    summary = import_file(path)
    assert (summary.imported, [e.line for e in summary.errors]) == (1, [3])
    assert Signal.objects.get().text == "Mail me: [EMAIL]"


def test_json_array_and_json_lines(write_json):
    records = [
        {"received_at": "2025-03-01T10:00:00+01:00", "channel": "whatsapp", "text": "Hoe laat open?"},
        {"received_at": "2025-03-01T11:00:00+01:00", "channel": "whatsapp", "service": "Afval"},
    ]
    assert import_file(write_json(records)).imported == 2
    lines = write_json(records + [{"received_at": "x", "channel": "whatsapp", "text": "y"}], name="e.jsonl", lines=True)
    summary = import_file(lines)
    assert (summary.duplicates, summary.errors[0].line) == (2, 3)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "leeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binair"),
        (b"kanaal,tekst\ntelefoon,hallo\n", "received_at"),
        (b"datum,kanaal,locatie\n2025-03-01,telefoon,Noord\n", "text of service"),
    ],
)
def test_a_file_that_is_not_an_export_writes_nothing(tmp_path, content, message):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        import_file(path)
    assert Signal.objects.count() == ImportBatch.objects.count() == Service.objects.count() == 0


def test_unknown_format_names_the_valid_ones(tmp_path):
    path = tmp_path / "export.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="csv, xlsx, json"):
        import_file(path)


def test_future_dates_are_rejected(write_csv):
    summary = import_file(write_csv([HEADER, ["2099-01-01", "telefoon", "Paspoort", "x"]]))
    assert summary.rejected == 1 and "toekomst" in summary.errors[0].reason


def test_short_rows_read_empty_fields_and_long_files_span_many_chunks(write_csv):
    rows = [HEADER] + [[f"2025-04-{1 + i % 28:02d} 09:{i % 60:02d}", "chat", "Rijbewijs"] for i in range(25_000)]
    rows.append(["2025-04-02", "chat"])  # neither service nor text: rejected, the others are kept
    summary = import_file(write_csv(rows))
    assert (summary.imported, summary.rejected) == (25_000, 1)
    assert summary.errors[0].line == 25_002 and "Tekst en dienst ontbreken" in summary.errors[0].reason
    assert Service.objects.filter(name="Rijbewijs").count() == 1
    assert Signal.objects.filter(service__name="Rijbewijs", text="").count() == 25_000
