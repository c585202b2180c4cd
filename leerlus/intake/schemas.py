"""The import JSON of PRODUCT.md: `leerlus import --json`, what the demo and the start plan report, and the push API."""

from datetime import date, datetime

from ninja import Field, Schema

from leerlus.presentation.documents import choice_of

PushStatus = choice_of(("accepted", "rejected"))


class RejectedRow(Schema):
    line: int = Field(description="Regelnummer in het bestand; de kopregel is regel 1.")
    reason: str
    code: str = Field("", description="Redencode, bijvoorbeeld date_unreadable of channel_unknown.")


class ValueCount(Schema):
    value: str
    count: int


class RejectedGroup(Schema):
    """All rows rejected for one reason: how many, the first line numbers, for unknown channels the codes."""

    code: str = Field(description="Redencode, bijvoorbeeld date_unreadable of channel_unknown.")
    reason: str
    count: int
    lines: list[int] = Field(description="De eerste regelnummers met deze reden.")
    values: list[ValueCount] = Field([], description="Bij channel_unknown: de onbekende kanaalcodes met aantallen.")


class ImportSummary(Schema):
    """What one import did: rows read, new, already there, rejected (and why), personal data removed."""

    read: int
    imported: int
    duplicates: int
    rejected: int
    errors: list[RejectedRow] = []
    redacted: dict[str, int] = Field({}, description="Verwijderde persoonsgegevens per soort.")
    seconds: float = 0.0
    rejected_by_reason: list[RejectedGroup] = Field([], description="Afgewezen rijen per reden, grootste eerst.")
    batch: int | None = Field(None, description="Nummer van de importronde.")
    rejected_file: str | None = Field(None, description="CSV-bestand met alle afgewezen regels (regel, code, reden).")


class RetentionOut(Schema):
    """`leerlus retention --json`: the periods, the cut-off days and what was (or, with --dry-run, would be) done."""

    dry_run: bool
    anonymise_after_days: int | None = Field(description="Teksten anonimiseren na zoveel dagen; null: nooit.")
    delete_after_days: int | None = Field(description="Signalen verwijderen na zoveel dagen; null: nooit.")
    anonymise_before: date | None = Field(description="Signalen van vóór deze dag verliezen hun tekst.")
    delete_before: date | None = Field(description="Signalen van vóór deze dag worden verwijderd.")
    anonymised: int
    deleted: int


class SyncSummary(Schema):
    """`leerlus sync --json` for one source: what was fetched and what the import did with it."""

    source: str
    fetched: int = Field(description="Aantal items dat de bron gaf (vertrouwelijke meegeteld).")
    imported: int
    duplicates: int
    rejected: int
    confidential: int = Field(0, description="Vertrouwelijke items: geteld, niet opgeslagen.")
    errors: list[str] = Field([], description="Waarom de synchronisatie stopte; de volgende gaat verder.")
    rejected_by_reason: list[RejectedGroup] = Field([], description="Afgewezen items per reden.")
    redacted: dict[str, int] = Field({}, description="Verwijderde persoonsgegevens per soort.")
    cursor: str = Field(description="Stand waar de volgende synchronisatie verder gaat.")
    seconds: float = 0.0


class SourceOut(Schema):
    """One source in `leerlus source list --json`; the secret itself is never part of it."""

    name: str
    kind: str
    url: str
    token_file: str = Field(description="Pad naar het sleutelbestand; de sleutel zelf wordt nooit getoond.")
    every_minutes: int | None = Field(description="Om de hoeveel minuten de bron wordt gesynchroniseerd.")
    cursor: str
    last_sync_at: datetime | None
    last_error: str
    failures: int = Field(description="Aantal mislukte synchronisaties op rij.")

    @staticmethod
    def resolve_every_minutes(source) -> int | None:
        return int(source.every.total_seconds() // 60) if source.every else None


class SourceList(Schema):
    sources: list[SourceOut]


class PushedSignal(Schema):
    """One signal for `POST /api/v1/signals`: the same fields as a file import, all checked and redacted."""

    received_at: str = Field(description="Moment of dag (ISO 8601 of een Nederlandse datum).")
    channel: str = Field(description="Kanaalcode (telefoon, balie, website, …) of een eigen code met een koppeling.")
    text: str = ""
    service: str = ""
    source: str = Field("", description="Wie het meldde: inwoner, ondernemer, medewerker, …")
    location: str = ""
    department: str = ""
    external_id: str = Field(
        "", description="Het kenmerk in het bronsysteem: hetzelfde kenmerk wordt één keer bewaard."
    )


class PushedProblem(Schema):
    """Why one item was refused, as RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str = Field(description="Redencode, bijvoorbeeld date_unreadable of channel_unknown.")


class PushedItem(Schema):
    index: int = Field(description="De plaats van het item in de batch, vanaf 0.")
    status: PushStatus = Field(description="accepted: opgeslagen of al aanwezig.")
    problem: PushedProblem | None = None


class PushResult(Schema):
    """The answer to a pushed batch: counts, and per item whether it was taken."""

    received: int
    imported: int
    duplicates: int
    rejected: int
    batch: int | None = Field(None, description="Nummer van de importronde.")
    items: list[PushedItem]


class WidgetSiteOut(Schema):
    origin: str = Field(description="Een website die de feedbackwidget mag gebruiken (schema, host, poort).")
    added_at: datetime


class WidgetSites(Schema):
    """`leerlus widget list --json`: the allow-list and how many submissions wait to become signals."""

    sites: list[WidgetSiteOut]
    waiting: int = Field(description="Reacties in de wachtrij; de taak 'widget' maakt er signalen van.")


class WidgetImport(Schema):
    """`leerlus widget import --json`: what moving the queue into signals did."""

    imported: int
    duplicates: int
    rejected: int
