"""Which file column feeds which canonical field: the canonical names, Dutch aliases, --map."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from leerlus.errors import InputError

FIELDS = ("id", "received_at", "channel", "service", "text", "source", "location", "department", "demand")

HEADER_ALIASES = {
    "id": ["kenmerk", "nummer", "nr", "zaaknummer", "meldingnummer", "meldingsnummer", "external_id", "extern_id"],
    "received_at": [
        "datum",
        "datum_tijd",
        "datumtijd",
        "tijdstip",
        "ontvangen",
        "ontvangen_op",
        "ontvangstdatum",
        "aangemaakt",
        "aanmaakdatum",
        "created",
        "created_at",
        "date",
        "datetime",
        "timestamp",
    ],
    "channel": ["kanaal", "contactkanaal", "medium"],
    "service": ["onderwerp", "dienst", "product", "categorie", "category", "categoryname", "subject", "zaaktype"],
    "text": [
        "tekst",
        "omschrijving",
        "bericht",
        "melding",
        "toelichting",
        "beschrijving",
        "opmerking",
        "description",
        "message",
        "body",
    ],
    "source": ["bron", "melder", "type_melder", "doelgroep"],
    "location": ["locatie", "plaats", "wijk", "buurt", "gebied", "regio", "regionname", "adres"],
    "department": ["afdeling", "team", "teamname", "organisatieonderdeel"],
    "demand": ["soort_vraag", "vraagsoort"],
}
_ALIAS_TO_FIELD = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}
_ALIAS_TO_FIELD.update({field: field for field in FIELDS})


def normalise_header(header: str) -> str:
    """The form in which headers are compared: lower case, spaces and hyphens as underscores."""
    return "_".join(str(header).strip().lower().replace("-", " ").split())


@dataclass(frozen=True)
class ColumnPlan:
    """Position in the row of each canonical field that the file carries."""

    positions: dict[str, int]
    headers: dict[str, str] = field(default_factory=dict)  # the file's own name of each field's column

    @classmethod
    def from_columns(cls, columns: list[str], column_map: dict[str, str], file_name: str) -> "ColumnPlan":
        positions: dict[str, int] = {}
        normalised = [normalise_header(c) for c in columns]
        for position, header in enumerate(normalised):
            field = _ALIAS_TO_FIELD.get(header)
            if field and field not in positions:
                positions[field] = position
        for column, field in column_map.items():
            if field == "" and normalise_header(column) in normalised:  # the wizard's "not used": no alias either
                positions = {f: p for f, p in positions.items() if normalised[p] != normalise_header(column)}
                continue
            if field not in FIELDS:
                raise InputError(
                    _("Onbekend veld '%(v)s' in --map. Kies uit: %(keuzes)s.")
                    % {"v": field, "keuzes": ", ".join(FIELDS)}
                )
            if normalise_header(column) not in normalised:
                raise InputError(
                    _("Kolom '%(v)s' uit --map staat niet in '%(f)s'. Kolommen: %(keuzes)s.")
                    % {"v": column, "f": file_name, "keuzes": ", ".join(columns)}
                )
            for other, position in list(positions.items()):
                if normalised[position] == normalise_header(column):
                    del positions[other]
            positions[field] = normalised.index(normalise_header(column))
        return cls(positions, {field: str(columns[position]) for field, position in positions.items()})

    def check(
        self, columns: list[str], file_name: str, has_default_channel: bool, has_default_date: bool = False
    ) -> None:
        """Refuses a file that cannot give any valid row, before anything is written."""
        found = ", ".join(c for c in columns if c) or _("geen")
        if "received_at" not in self.positions and not has_default_date:
            raise InputError(
                _(
                    "'%(f)s' heeft geen kolom received_at (of datum). Gevonden kolommen: %(k)s. "
                    "Gebruik --map KOLOM=received_at, of geef één datum voor het hele bestand met --date."
                )
                % {"f": file_name, "k": found}
            )
        if "text" not in self.positions and "service" not in self.positions:
            raise InputError(
                _("'%(f)s' heeft geen kolom text of service (of tekst, onderwerp). Gevonden kolommen: %(k)s.")
                % {"f": file_name, "k": found}
            )
        if "channel" not in self.positions and not has_default_channel:
            raise InputError(
                _("'%(f)s' heeft geen kolom channel (of kanaal). Geef het kanaal met --channel.") % {"f": file_name}
            )


def suggested_fields(columns: list[str]) -> dict[str, str]:
    """Field -> the column whose header names it (canonical name or Dutch alias), as an import would read it."""
    plan = ColumnPlan.from_columns(columns, {}, "")
    return {field: columns[position] for field, position in plan.positions.items()}
