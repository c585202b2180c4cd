"""What the import wizard reads from an uploaded file: the first rows (redacted), the columns, the channel values.

And the wizard's choices as one object, `Mapping`: the same thing a saved source keeps, that the
import job receives as its parameters and that `leerlus import --source` applies.
"""

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from django.utils.translation import gettext as _

from leerlus.analysis.redact import Redactor
from leerlus.core.channels import CHANNELS
from leerlus.errors import InputError, InputErrors
from leerlus.intake.channel_hints import known_channels, suggest_channel
from leerlus.intake.columns import FIELDS, normalise_header
from leerlus.intake.readers import reader_for

PREVIEW_ROWS = 10
MAX_CHANNEL_VALUES = 300  # a column with more distinct values is no channel column


@dataclass
class Preview:
    columns: list[str]
    rows: list[list[str]]  # redacted: what a person sees is what would be stored


def preview(path: Path, file_format: str | None = None, rows: int = PREVIEW_ROWS) -> Preview:
    """The file's columns and its first rows, each value through the redactor (nothing of it is kept)."""
    table = reader_for(Path(path), file_format).read(Path(path))
    redactor = Redactor()
    shown = []
    for _line, values in islice(table.rows, rows):
        values = list(values or [])
        values += [""] * (len(table.columns) - len(values))
        shown.append([redactor.redact("" if v is None else str(v).strip()) for v in values[: len(table.columns)]])
    _close(table.rows)
    return Preview(columns=list(table.columns), rows=shown)


def _close(rows) -> None:
    close = getattr(rows, "close", None)
    if close:
        close()


@dataclass
class ChannelValue:
    value: str
    count: int
    suggestion: str
    known: bool


def channel_values(path: Path, file_format: str | None, column: str) -> tuple[list[ChannelValue], int]:
    """Every distinct value of the channel column with its count (one pass over the file), and the rows read.

    Empty values are counted under "" (those rows take the channel for the whole file)."""
    table = reader_for(Path(path), file_format).read(Path(path))
    position = [normalise_header(c) for c in table.columns].index(normalise_header(column))
    counts: Counter = Counter()
    rows = 0
    for _line, values in table.rows:
        rows += 1
        value = values[position] if values is not None and position < len(values) else None
        counts["" if value is None else str(value).strip()] += 1
        if len(counts) > MAX_CHANNEL_VALUES:
            _close(table.rows)
            raise InputError(
                _(
                    "Kolom '%(k)s' heeft meer dan %(n)s verschillende waarden; dat is geen kanaal. "
                    "Kies een andere kolom."
                )
                % {"k": column, "n": MAX_CHANNEL_VALUES},
                field="channel",
            )
    known = known_channels()
    listed = []
    for value, count in counts.most_common():
        suggestion, is_known = suggest_channel(value, known) if value else ("", False)
        listed.append(ChannelValue(value, count, suggestion, is_known))
    return listed, rows


@dataclass
class Mapping:
    """The wizard's choices: kept by a saved source, given to the import job, applied by `--source`."""

    file_format: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # canonical field -> the file's column
    channel_map: dict[str, str] = field(default_factory=dict)  # a value of the file -> channel
    default_channel: str | None = None
    default_date: str | None = None  # "YYYY-MM-DD", for a file without a date column
    preset: str | None = None

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Mapping":
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def column_map(self, columns: list[str] | None = None) -> dict[str, str]:
        """The import's column map (column -> field); with the file's columns, the others marked "not used"."""
        mapped = {column: name for name, column in self.fields.items()}
        for column in columns or []:
            mapped.setdefault(column, "")
        return mapped

    def check(self, columns: list[str]) -> None:
        """Refuses choices that cannot give a single signal, with every reason at once."""
        errors = InputErrors()
        chosen = [c for c in self.fields.values()]
        for column in set(chosen):
            if chosen.count(column) > 1:
                errors.add(_("Kolom '%(k)s' is voor meer dan één veld gekozen.") % {"k": column})
        for name, column in self.fields.items():
            if name not in FIELDS or column not in columns:
                errors.add(_("Kolom '%(k)s' staat niet in het bestand.") % {"k": column})
        if "received_at" not in self.fields and not self.default_date:
            errors.add(_("Kies de kolom met de datum, of geef één datum voor het hele bestand."))
        if "text" not in self.fields and "service" not in self.fields:
            errors.add(_("Kies een kolom met de tekst of met de dienst (een rij heeft minstens één van beide nodig)."))
        if self.default_date:
            try:
                day = date.fromisoformat(self.default_date)
            except ValueError:
                errors.add(_("'%(v)s' is geen datum; gebruik jjjj-mm-dd.") % {"v": self.default_date[:20]})
            else:
                if day > date.today():
                    errors.add(_("De datum %(v)s ligt in de toekomst.") % {"v": self.default_date})
        for channel in [self.default_channel, *self.channel_map.values()]:
            if channel and channel not in CHANNELS:
                errors.add(
                    _("Onbekend kanaal '%(v)s'. Kies uit: %(keuzes)s.") % {"v": channel, "keuzes": ", ".join(CHANNELS)}
                )
        errors.raise_any()
