"""Ready column mappings for the exports municipalities already have: Signalen, KISS, Open Klant, Fixi.

Each preset names, per canonical field, the column of that export (compared like header aliases:
case and spaces do not matter). Where the names come from is in docs/handleiding.md
("Een bestand importeren"). A preset is data: adding one is adding an entry here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from leerlus.intake.columns import normalise_header


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    columns: dict[str, str]  # canonical field -> the export's column name
    default_channel: str | None = None  # for exports that carry no channel (KISS is the KCC: telephone)
    note: str = field(default="")

    def mapping_for(self, columns: list[str]) -> dict[str, str]:
        """Field -> the file's own spelling of the column, for the preset's columns that the file has."""
        by_header = {normalise_header(c): c for c in columns}
        return {f: by_header[normalise_header(c)] for f, c in self.columns.items() if normalise_header(c) in by_header}

    def fits(self, columns: list[str]) -> bool:
        return len(self.mapping_for(columns)) == len(self.columns)


PRESETS = {
    preset.name: preset
    for preset in (
        Preset(
            "signalen",
            _("Signalen: export voor het datawarehouse (signals.csv)"),
            {"id": "id", "received_at": "created_at", "channel": "source", "text": "text"},
        ),
        Preset(
            "kiss",
            _("KISS: rapportage contactmomentendetails"),
            {
                "id": "id",
                "received_at": "startdatum",
                "service": "vraag",
                "text": "specifiekeVraag",
                "department": "verantwoordelijkeAfdeling",
            },
            default_channel="telefoon",
        ),
        Preset(
            "openklant",
            _("Open Klant: klantcontacten (Klantinteracties API)"),
            {
                "id": "nummer",
                "received_at": "plaatsgevondenOp",
                "channel": "kanaal",
                "service": "onderwerp",
                "text": "inhoud",
            },
        ),
        Preset(
            "fixi",
            _("Fixi: meldingen openbare ruimte (zoals Katwijk)"),
            {
                "id": "id",
                "received_at": "created",
                "channel": "source",
                "service": "categoryName",
                "department": "teamName",
                "location": "regionName",
            },
        ),
    )
}


def detect_preset(columns: list[str]) -> Preset | None:
    """The preset whose every column the file has (the one with most columns when several fit)."""
    fitting = [p for p in PRESETS.values() if p.fits(columns)]
    return max(fitting, key=lambda p: len(p.columns), default=None)
