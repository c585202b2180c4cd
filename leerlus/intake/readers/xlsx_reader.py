"""Excel workbooks (.xlsx): the first sheet, streamed row by row in read-only mode."""

import zipfile
from pathlib import Path

import openpyxl
from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.readers.base import Table


class XlsxReader:
    name = "xlsx"

    def read(self, path: Path) -> Table:
        if path.stat().st_size == 0:
            raise InputError(_("Het bestand '%(f)s' is leeg.") % {"f": path.name})
        if not zipfile.is_zipfile(path):
            raise InputError(_("Het bestand '%(f)s' is geen geldig Excel-bestand (.xlsx).") % {"f": path.name})
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = ["" if v is None else str(v) for v in header]
        return Table(columns=columns, rows=self._rows(rows, workbook))

    @staticmethod
    def _rows(rows, workbook):
        try:
            for line, values in enumerate(rows, start=2):
                if any(v is not None and v != "" for v in values):
                    yield line, values
        finally:
            workbook.close()
