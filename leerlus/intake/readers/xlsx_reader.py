"""Excel workbooks (.xlsx): the first sheet, streamed row by row in read-only mode, after a check of the archive.

openpyxl reads the shared-strings table, the styles and the workbook whole, and zipfile never
inflates a member past the size its directory declares. So the declared sizes bound the memory:
the archive is refused when a part that is read whole, or the whole, declares more than its limit,
or when a large part is compressed more tightly than any real workbook (a decompression bomb).
The worksheet itself is streamed, so its size only costs time.
"""

import warnings
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.readers.base import Table, too_large
from leerlus.intake.rejections import RowError

WHOLE_PART_BYTES = 128 * 1024 * 1024  # a part read whole (shared strings, styles): at most this, inflated
TOTAL_BYTES = 4 * 1024 * 1024 * 1024  # all parts together, inflated
MAX_RATIO = 200  # inflated / compressed for a part over RATIO_FROM_BYTES; real sheets stay under about 50
RATIO_FROM_BYTES = 1024 * 1024

# A date cell outside the calendar becomes "#VALUE!" (then date_unreadable); openpyxl's warning would quote it.
warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")


def check_archive(path: Path) -> None:
    """Refuses what is no workbook, or a workbook that would inflate past the limits."""
    not_a_workbook = InputError(_("Het bestand '%(f)s' is geen geldig Excel-bestand (.xlsx).") % {"f": path.name})
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_a_workbook from None
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        raise not_a_workbook
    for part in parts:
        whole = not part.filename.startswith("xl/worksheets/")
        ratio = part.file_size / max(part.compress_size, 1)
        if (whole and part.file_size > WHOLE_PART_BYTES) or (part.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
            raise InputError(
                _(
                    "Het bestand '%(f)s' pakt uit tot meer dan een Excel-bestand ooit nodig heeft (onderdeel "
                    "%(deel)s: %(mb)s MB); het is niet ingelezen. Sla het opnieuw op in Excel of exporteer als CSV."
                )
                % {"f": path.name, "deel": part.filename, "mb": part.file_size // (1024 * 1024)}
            )
    if sum(part.file_size for part in parts) > TOTAL_BYTES:
        raise InputError(
            _("Het bestand '%(f)s' pakt uit tot meer dan %(gb)s GB; exporteer het als CSV.")
            % {"f": path.name, "gb": TOTAL_BYTES // 1024**3}
        )


class XlsxReader:
    name = "xlsx"

    def read(self, path: Path) -> Table:
        if path.stat().st_size == 0:
            raise InputError(_("Het bestand '%(f)s' is leeg.") % {"f": path.name})
        check_archive(path)
        import openpyxl  # here, not at the top: every `leerlus` command loads the readers, few read a workbook

        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            header = next(rows, None) or ()
        except Exception:  # noqa: BLE001 - whatever a broken workbook raises on opening, the user gets one sentence
            raise InputError(
                _("Het bestand '%(f)s' is een beschadigd Excel-bestand; open het in Excel en sla het opnieuw op.")
                % {"f": path.name}
            ) from None
        columns = ["" if v is None else str(v) for v in header]
        return Table(columns=columns, rows=self._rows(rows, workbook))

    @staticmethod
    def _rows(rows, workbook):
        """The rows after the header; where the sheet breaks off, the rows before it stay and the break is a row."""
        line = 1
        try:
            for line, values in enumerate(rows, start=2):  # noqa: B007
                if any(v is not None and v != "" for v in values):
                    yield line, too_large(values) or values
        except Exception:  # noqa: BLE001 - a damaged sheet (a lying archive, broken XML) ends the rows here
            yield line + 1, RowError("file_broken")
        finally:
            workbook.close()
