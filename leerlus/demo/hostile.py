"""Hostile import files, built on demand: each mixes good rows with one kind of attack (issue 15's list).

`write_all(directory)` writes every file and returns a `HostileFile` per file: how many good rows it
holds (all of them must be imported) and whether the file as a whole must be refused (a clear
message, exit status 2). Nothing here is committed as a binary; the tests and
`benchmarks/hostile_files.py` build the files at run time.
"""

import csv
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

HEADER = ["received_at", "channel", "service", "text"]
GOOD_ROWS = 1000
MIB = 1024 * 1024


@dataclass(frozen=True)
class HostileFile:
    path: Path
    good: int  # rows that must be imported
    refused: bool = False  # the whole file must be refused with a message (nothing in it can be a signal)


def good_record(i: int, tag: str) -> dict:
    """A valid row, unique per (tag, i), so that no two good rows are duplicates of each other."""
    return {
        "received_at": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}",
        "channel": ("telefoon", "email", "website", "balie")[i % 4],
        "service": "Afval",
        "text": f"goede vraag {tag} {i}",
    }


def _good(tag: str, count: int = GOOD_ROWS) -> list[dict]:
    return [good_record(i, tag) for i in range(count)]


def _write_csv(path: Path, records: list, encoding: str = "utf-8") -> None:
    with open(path, "w", newline="", encoding=encoding) as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for record in records:
            out.writerow([record[c] for c in HEADER] if isinstance(record, dict) else record)


def _write_lines(path: Path, lines: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(line + "\n" for line in lines)


def lone_surrogate(path: Path) -> int:
    """JSON Lines with a lone surrogate escape (\\ud800) in a text: the row is kept, the surrogate replaced."""
    lines = [json.dumps(r) for r in _good("surrogaat")]
    lines[500] = lines[500].replace("goede vraag", "goede \\ud800 vraag")
    _write_lines(path, lines)
    return GOOD_ROWS


def deep_lines(path: Path) -> int:
    """JSON Lines with one line nested 100,000 levels deep."""
    lines = [json.dumps(r) for r in _good("diep")]
    lines.insert(300, '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}")
    _write_lines(path, lines)
    return GOOD_ROWS


def deep_array(path: Path) -> int:
    """A JSON array with a record nested 200,000 levels deep (a 400 KB file) between good records."""
    good = _good("diep-array")
    with open(path, "w", encoding="utf-8") as f:
        f.write("[" + ",".join(json.dumps(r) for r in good[:500]))
        f.write(',{"text": ' + "[" * 200_000 + "]" * 200_000 + "},")
        f.write(",".join(json.dumps(r) for r in good[500:]) + "]")
    return GOOD_ROWS


def zip_as_xlsx(path: Path) -> int:
    """A ZIP archive with a CSV inside, renamed .xlsx."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("signalen.csv", "received_at,channel,text\n2025-03-01,telefoon,vraag\n")
    return 0


def nul_bytes_csv(path: Path) -> int:
    """A CSV with NUL bytes inside ten texts (PostgreSQL refuses NUL in text): the rows are kept, without the NULs."""
    records = _good("nul")
    for i in range(0, GOOD_ROWS, 100):
        records[i]["text"] = records[i]["text"].replace(" ", "\x00 ", 1)
    _write_csv(path, records)
    return GOOD_ROWS


def nul_escapes_json(path: Path) -> int:
    """JSON Lines with \\u0000 escapes in texts and services."""
    lines = [json.dumps(r) for r in _good("nul-json")]
    for i in range(0, GOOD_ROWS, 100):
        lines[i] = lines[i].replace("goede vraag", "goede\\u0000vraag").replace("Afval", "Af\\u0000val")
    _write_lines(path, lines)
    return GOOD_ROWS


def extreme_dates(path: Path) -> int:
    """25,000 rows of which some carry a date in year 1 or 9999, with and without a zone; the rest are good."""
    records = _good("jaar", 25_000)
    bad = ["0001-01-01", "0001-01-01T00:00:00+05:00", "0001-01-01T00:30:00", "9999-12-31T23:59:59-05:00", "9999-12-31"]
    for n, i in enumerate(range(7, 25_000, 1000)):
        records[i] = {**records[i], "received_at": bad[n % len(bad)]}
    _write_csv(path, records)
    return 25_000 - len(range(7, 25_000, 1000))


def huge_field(path: Path) -> int:
    """A CSV with one text of 17 MiB (beyond the old 16 MiB limit of the csv module) among good rows."""
    records: list = _good("groot-veld")
    records.insert(400, ["2025-03-01", "telefoon", "Afval", "x" * (17 * MIB)])
    _write_csv(path, records)
    return GOOD_ROWS


def truncated_array(path: Path) -> int:
    """A JSON array cut off in the middle of its last record: every complete record before the break counts."""
    text = json.dumps(_good("afgebroken", GOOD_ROWS + 1), indent=1)
    path.write_text(text[: text.rindex('"goede vraag')], encoding="utf-8")
    return GOOD_ROWS


def infinite_numbers(path: Path) -> int:
    """A JSON array with 1e999 as a date in one record and as a text in another (kept: the text is '1E+999')."""
    good = [json.dumps(r) for r in _good("oneindig")]
    overflow = '{"received_at": 1e999, "channel": "email", "service": "Afval", "text": "getal als datum"}'
    as_text = '{"received_at": "2025-05-05", "channel": "email", "service": "Afval", "text": 1e999}'
    path.write_text("[" + ",".join(good[:100] + [overflow, as_text] + good[100:]) + "]", encoding="utf-8")
    return GOOD_ROWS + 1


def huge_integer_lines(path: Path) -> int:
    """JSON Lines with a 5,000-digit integer as a date (Python refuses to convert it) and 1e999 as a date."""
    lines = [json.dumps(r) for r in _good("groot-getal")]
    lines.insert(10, '{"received_at": ' + "9" * 5000 + ', "channel": "email", "text": "x"}')
    lines.insert(20, '{"received_at": 1e999, "channel": "email", "text": "x"}')
    _write_lines(path, lines)
    return GOOD_ROWS


def shared_strings_bomb(path: Path) -> int:
    """A workbook whose shared-strings table expands from about 1 MB to 1 GiB (Excel keeps texts there)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for name, xml in WORKBOOK_PARTS.items():
            bomb.writestr(name, xml)
        cells = "".join(f'<c r="{col}{row}" t="s"><v>{n}</v></c>' for n, (col, row) in enumerate(zip("ABCD", [1] * 4)))
        bomb.writestr("xl/worksheets/sheet1.xml", SHEET.format(rows=f'<row r="1">{cells}</row>'))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            block = b"<si><t>" + b"A" * (MIB - 16) + b"</t></si>"
            for _ in range(1024):
                member.write(block)
            member.write(b"</sst>")
    return 0


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET = f'<worksheet xmlns="{MAIN}"><sheetData>{{rows}}</sheetData></worksheet>'
WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Target="xl/workbook.xml" '
        f'Type="{RELATIONS}/officeDocument"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>'
        '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PACKAGE}">'
        f'<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="{RELATIONS}/worksheet"/>'
        f'<Relationship Id="rId2" Target="sharedStrings.xml" Type="{RELATIONS}/sharedStrings"/></Relationships>'
    ),
}


def lying_sizes(path: Path) -> int:
    """A workbook whose ZIP directory claims a worksheet half its real size.

    What lies beyond the claimed size cannot be read (zipfile stops there), so no row count is promised:
    the import keeps what it read and names the line where the file broke."""
    _workbook(path, _good("liegt"))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    name = data.index(info.filename.encode(), data.index(b"PK\x01\x02"))  # its entry in the central directory
    data[name - 46 + 24 : name - 46 + 28] = (info.file_size // 2).to_bytes(4, "little")  # "uncompressed size"
    path.write_bytes(bytes(data))
    return 0


def good_workbook(path: Path) -> int:
    """A plain workbook with good rows and one date cell far outside the calendar."""
    records: list = _good("werkboek")
    _workbook(path, records, overflow_date_at=300)
    return GOOD_ROWS


def _workbook(path: Path, records: list[dict], overflow_date_at: int | None = None) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for record in records:
        sheet.append([record[c] for c in HEADER])
    if overflow_date_at is not None:
        sheet.append(["", "email", "Afval", "datum buiten de kalender"])
        cell = sheet.cell(row=sheet.max_row, column=1, value=1e20)
        cell.number_format = "yyyy-mm-dd"
    workbook.save(path)


def bom_encoded(encoding: str, suffix: str) -> Callable[[Path], int]:
    """Good rows only, as CSV or JSON Lines, in UTF-16 (LE or BE) or UTF-8, each with its byte-order mark."""

    def write(path: Path) -> int:
        records = _good(f"{encoding}-{suffix}")
        if suffix == "csv":
            _write_csv(path, [])
            with open(path, "a", newline="", encoding="utf-8") as f:
                csv.writer(f).writerows([r[c] for c in HEADER] for r in records)
            text = path.read_text(encoding="utf-8")
        else:
            text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
        path.write_bytes(BOMS[encoding] + text.encode(encoding))
        return GOOD_ROWS

    return write


BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}


def binary(path: Path) -> int:
    """Random bytes named .csv."""
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(64 * 1024)))
    return 0


FILES: dict[str, Callable[[Path], int]] = {
    "eenzaam-surrogaat.jsonl": lone_surrogate,
    "diep-genest.jsonl": deep_lines,
    "diep-genest.json": deep_array,
    "zip-hernoemd.xlsx": zip_as_xlsx,
    "nul-bytes.csv": nul_bytes_csv,
    "nul-escapes.jsonl": nul_escapes_json,
    "jaar-1-en-9999.csv": extreme_dates,
    "veld-17-mib.csv": huge_field,
    "afgebroken-array.json": truncated_array,
    "1e999.json": infinite_numbers,
    "groot-getal.jsonl": huge_integer_lines,
    "gedeelde-teksten-bom.xlsx": shared_strings_bomb,
    "liegende-zipgrootte.xlsx": lying_sizes,
    "datum-buiten-kalender.xlsx": good_workbook,
    "utf-16-le.csv": bom_encoded("utf-16-le", "csv"),
    "utf-16-be.csv": bom_encoded("utf-16-be", "csv"),
    "utf-8-bom.jsonl": bom_encoded("utf-8", "jsonl"),
    "utf-16-le.jsonl": bom_encoded("utf-16-le", "jsonl"),
    "binair.csv": binary,
}
REFUSED = {"zip-hernoemd.xlsx", "gedeelde-teksten-bom.xlsx", "binair.csv"}


def write_all(directory: Path) -> list[HostileFile]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, write in FILES.items():
        path = directory / name
        written.append(HostileFile(path, write(path), name in REFUSED))
    return written
