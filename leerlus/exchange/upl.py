"""Services → the Uniforme Productnamenlijst (UPL): no package ships the list, so a small committed CSV maps the
service names a municipality commonly uses (the demo's among them) onto a UPL name and its URI."""

import csv
from functools import cache
from pathlib import Path

UPL_FILE = Path(__file__).with_name("fixtures") / "upl.csv"


@cache
def _table() -> dict[str, tuple[str, str]]:
    with UPL_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["service"].casefold(): (row["upl"], row["uri"]) for row in csv.DictReader(handle)}


def upl_of(*names: str) -> tuple[str, str] | None:
    """(UPL name, URI) for the first of a service's names or aliases that the list knows, else None."""
    for name in names:
        if found := _table().get(name.strip().casefold()):
            return found
    return None
