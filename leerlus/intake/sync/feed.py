"""What one sync reads from a source: canonical records as a Table for the import, the new cursor, what stopped it.

A feed never writes: `intake.syncing` hands its table to the same `import_table` as a file import, so every
record is validated and redacted before anything is stored. A network failure half-way ends the table early
(the records read so far are imported) and leaves the cursor where it was, so the next sync reads them again:
the import skips those it already has (by the source's own id) and adds the rest.
"""

from datetime import UTC, datetime
from pathlib import Path

from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.columns import FIELDS
from leerlus.intake.readers import Table
from leerlus.intake.sync.http import SourceUnavailable

EPOCH = "1970-01-01T00:00:00Z"


class Feed:
    """Subclasses set `kind` (and `default_channel` when the source has no channel) and write `records()`."""

    kind = ""
    default_channel: str | None = None

    def __init__(self, source):
        self.source = source
        self.cursor = source.cursor  # where the previous complete sync ended
        self.latest = source.cursor  # the highest mark seen in this one
        self.fetched = 0
        self.confidential = 0
        self.error: str | None = None

    def records(self):
        """Yields one dict per item, with the canonical fields (FIELDS) that the source has."""
        raise NotImplementedError

    def table(self) -> Table:
        return Table(columns=list(FIELDS), rows=self._rows())

    def _rows(self):
        try:
            for record in self.records():
                self.fetched += 1
                yield self.fetched + 1, [record.get(name) for name in FIELDS]
        except (SourceUnavailable, InputError) as error:  # recorded on the source; the next sync tries again
            self.error = str(error)

    def new_cursor(self) -> str:
        """The mark to continue from next time: the highest one seen, unless the read stopped half-way."""
        return self.cursor if self.error else self.latest

    def seen(self, mark: str) -> None:
        if mark and (not self.latest or later(mark, self.latest)):
            self.latest = mark

    def secret(self) -> str:
        """The key or password, read from the token file at sync time (never stored, never logged)."""
        if not self.source.token_file:
            raise InputError(_("Bron '%(n)s' heeft geen sleutelbestand (--token-file).") % {"n": self.source.name})
        path = Path(self.source.token_file)
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError:
            raise InputError(
                _("Het sleutelbestand van bron '%(n)s' is niet te lezen: %(f)s.") % {"n": self.source.name, "f": path}
            ) from None

    def endpoint(self, path: str) -> str:
        return self.source.url.rstrip("/") + "/" + path.lstrip("/")


def moment(text: str) -> datetime:
    """An ISO moment as an aware datetime (UTC when it names no zone)."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def utc_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def later(a: str, b: str) -> bool:
    try:
        return moment(a) > moment(b)
    except ValueError:
        return False
