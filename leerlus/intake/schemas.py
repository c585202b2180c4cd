"""The import JSON of PRODUCT.md: `leerlus import --json`, and what the demo and the start plan report."""

from ninja import Field, Schema


class RejectedRow(Schema):
    line: int = Field(description="Regelnummer in het bestand; de kopregel is regel 1.")
    reason: str


class ImportSummary(Schema):
    """What one import did: rows read, new, already there, rejected (and why), personal data removed."""

    read: int
    imported: int
    duplicates: int
    rejected: int
    errors: list[RejectedRow] = []
    redacted: dict[str, int] = Field({}, description="Verwijderde persoonsgegevens per soort.")
    seconds: float = 0.0
