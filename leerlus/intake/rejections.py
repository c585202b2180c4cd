"""Why a row was rejected: a stable reason code with parameters, its sentence, and the groups per reason.

A rejected row is stored and shown as a code ("date_unreadable") with parameters (the column it
concerns); the Dutch or English sentence is made from them when it is shown. Sentences name the
column and the problem, never the value: a date cell or a text may hold personal data. Only an
unknown channel code is named, because it is a system code that people need in order to map it.
"""

import csv
import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from leerlus.core.channels import CHANNELS

SAMPLE_LINES = 5  # line numbers shown per reason
SAMPLE_VALUES = 50  # distinct unknown channel codes listed per import
TRACKED_VALUES = 10_000  # distinct codes counted; beyond this they are counted together
VALUE_LENGTH = 50


class RowError(Exception):
    """A row that cannot become a signal: a reason code and its parameters (never a personal value)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params

    def __str__(self) -> str:
        return reason(self.code, self.params)


def _sentences() -> dict:
    """The sentence per code, in the active language; `%(column)s` is the file's own column name."""
    return {
        "not_a_record": _("Geen geldig record: de regel is geen rij met velden."),
        "date_missing": _(
            "Datum (kolom %(column)s) ontbreekt; geef één datum voor het hele bestand (in de wizard bij Kolommen, "
            "op de opdrachtregel met --date)."
        ),
        "date_unreadable": _(
            "Datum in kolom %(column)s is onleesbaar. Gebruik jjjj-mm-dd of dd-mm-jjjj, eventueel met uu:mm."
        ),
        "date_future": _("Datum in kolom %(column)s ligt in de toekomst."),
        "channel_missing": _(
            "Kanaal (kolom %(column)s) ontbreekt; kies een kanaal voor rijen zonder kanaal (in de wizard bij "
            "Kanalen, op de opdrachtregel met --channel)."
        ),
        "channel_unknown": _(
            "Onbekend kanaal '%(value)s'. Kies uit: %(choices)s, of koppel de code aan een kanaal (in de wizard bij "
            "Kanalen, op de opdrachtregel met --map-channel CODE=kanaal)."
        ),
        "text_and_service_missing": _("Tekst en dienst ontbreken allebei; een rij heeft minstens één van beide nodig."),
        "row_unreadable": _(
            "De rij is onleesbaar (bijvoorbeeld een getal van duizenden cijfers); de rij is overgeslagen."
        ),
        "field_too_large": _("Een veld in deze rij is groter dan %(limit)s KiB; de rij is overgeslagen."),
        "too_deep": _("Het record is dieper genest dan %(limit)s niveaus; het is overgeslagen."),
        "file_broken": _(
            "Het bestand breekt hier af of is vanaf hier beschadigd; de rijen ervoor zijn ingelezen, "
            "de rest niet. Exporteer het bestand opnieuw."
        ),
        "too_many_rows": _(
            "Het bestand heeft meer dan %(limit)s rijen; vanaf hier is niets ingelezen. Splits het bestand."
        ),
    }


def _group_sentences() -> dict:
    """The sentence for a whole group; for unknown channels the codes are listed beside it."""
    return {
        "channel_unknown": _(
            "Onbekende kanaalcodes; koppel ze aan een kanaal (in de wizard bij Kanalen, op de opdrachtregel met "
            "--map-channel CODE=kanaal)."
        )
    }


REASON_CODES = tuple(_sentences())


def reason(code: str, params: dict) -> str:
    """The sentence for one rejected row."""
    values = {"column": "", "value": "", "limit": "", "choices": ", ".join(CHANNELS), **params}
    return _sentences()[code] % values


def group_reason(code: str, params: dict) -> str:
    """The sentence for a group of rows with the same code."""
    sentence = _group_sentences().get(code)
    return sentence if sentence else reason(code, params)


@dataclass
class ReasonGroup:
    code: str
    params: dict  # those of the first row without the value: the column, the same for the whole file
    count: int = 0
    lines: list = field(default_factory=list)
    values: Counter = field(default_factory=Counter)


class RejectionTally:
    """Counts rejected rows per reason code, keeps the first line numbers and the unknown channel codes."""

    def __init__(self):
        self.groups: dict[str, ReasonGroup] = {}
        self.total = 0

    def add(self, line: int, code: str, params: dict) -> None:
        self.total += 1
        group = self.groups.get(code)
        if group is None:
            group = self.groups[code] = ReasonGroup(code, {k: v for k, v in params.items() if k != "value"})
        group.count += 1
        if len(group.lines) < SAMPLE_LINES:
            group.lines.append(line)
        if "value" in params:
            value = params["value"]
            if value in group.values or len(group.values) < TRACKED_VALUES:
                group.values[value] += 1
            else:
                group.values[None] += 1  # counted together as "other codes"

    def groups_to_store(self) -> list[dict]:
        """The groups, largest first, without sentences: {code, params, count, lines, values: [[value, count]]}."""
        return [
            {
                "code": group.code,
                "params": group.params,
                "count": group.count,
                "lines": group.lines,
                "values": [[v, n] for v, n in group.values.most_common(SAMPLE_VALUES)],
            }
            for group in sorted(self.groups.values(), key=lambda g: (-g.count, g.code))
        ]


def rejected_rows(errors: list[dict]) -> list[dict]:
    """Stored rejected rows ({line, code, params}) as shown: {line, code, reason}."""
    sentences: dict = {}
    rows = []
    for error in errors:
        if "code" not in error:  # recorded before reason codes: the sentence as it was stored
            rows.append({"line": error["line"], "code": "", "reason": error.get("reason", "")})
            continue
        key = (error["code"], *sorted(error["params"].items()))
        if key not in sentences:
            sentences[key] = reason(error["code"], error["params"])
        rows.append({"line": error["line"], "code": error["code"], "reason": sentences[key]})
    return rows


def described(groups: list[dict]) -> list[dict]:
    """Stored groups as shown: {code, reason (a sentence in the active language), count, lines, values}."""
    return [
        {
            "code": group["code"],
            "reason": group_reason(group["code"], group["params"]),
            "count": group["count"],
            "lines": group["lines"],
            "values": [
                {"value": _("(overige codes)") if value is None else value, "count": count}
                for value, count in group["values"]
            ],
        }
        for group in groups
    ]


def header() -> list[str]:
    return [_("regel"), _("code"), _("reden")]


def rejected_lines_path(batch_id: int) -> Path:
    """Where the full list of an import's rejected lines lives: next to the database, readable by its owner."""
    return settings.HOME / "imports" / f"{batch_id}-afgewezen.csv"


class RejectedLinesFile:
    """Writes every rejected line (line, code, reason) to a CSV file as the rows come in; opened at the first."""

    def __init__(self, batch_id: int):
        self.path = rejected_lines_path(batch_id)
        self._file = None
        self._writer = None
        self._sentences: dict = {}

    def write(self, line: int, code: str, params: dict) -> None:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            self._file = open(descriptor, "w", newline="", encoding="utf-8")  # noqa: SIM115 - closed in close()
            self._writer = csv.writer(self._file)
            self._writer.writerow(header())
        key = (code, *sorted(params.items()))
        sentence = self._sentences.get(key)
        if sentence is None:
            sentence = reason(code, params)
            if len(self._sentences) < TRACKED_VALUES:
                self._sentences[key] = sentence
        self._writer.writerow([line, code, sentence])

    @property
    def written(self) -> bool:
        return self._writer is not None

    def stored_name(self) -> str:
        """The path inside the data directory, as the batch records it; empty when nothing was rejected."""
        return str(self.path.relative_to(settings.HOME)) if self.written else ""

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def copy_rejected_lines(source: str | None, destination: Path) -> None:
    """Copies an import's list of rejected lines; with none, the destination holds only the header."""
    if source:
        shutil.copyfile(source, destination)
    else:
        with open(destination, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerow(header())
