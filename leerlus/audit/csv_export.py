"""The audit trail as CSV, streamed row by row, for a beheerder or an auditor's own tools."""

import csv

from django.http import StreamingHttpResponse

COLUMNS = ["at", "actor", "channel", "source", "action", "object_type", "object_id", "summary"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Echo:
    def write(self, value):
        return value


def csv_response(entries, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    rows = (writer.writerow([_cell(getattr(entry, column)) for column in COLUMNS]) for entry in entries.iterator())
    response = StreamingHttpResponse(
        (line for part in ([writer.writerow(COLUMNS)], rows) for line in part), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
