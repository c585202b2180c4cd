"""Services → the Uniforme Productnamenlijst (UPL), the national list of product names of Dutch governments.

No Python package ships the list. fixtures/upl-actueel.csv holds its 1,140 names and URIs as published by Logius
at https://standaarden.overheid.nl/owms/oquery/UPL-actueel.json, taken from the generated copy in the @frameless/upl
package (frameless/strapi, packages/upl, EUPL-1.2; generated 4 October 2023). fixtures/upl.csv maps the service names
municipalities commonly use (the demo's among them) onto a name of that list; a service whose own name is a UPL
name needs no line there."""

import csv
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")
UPL_FILE = FIXTURES / "upl-actueel.csv"
SERVICES_FILE = FIXTURES / "upl.csv"


@cache
def upl_names() -> dict[str, tuple[str, str]]:
    """Every UPL name, casefolded → (UPL name, URI)."""
    with UPL_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["upl"].casefold(): (row["upl"], row["uri"]) for row in csv.DictReader(handle)}


@cache
def _services() -> dict[str, tuple[str, str]]:
    with SERVICES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["service"].casefold(): upl_names()[row["upl"].casefold()] for row in csv.DictReader(handle)}


def upl_of(*names: str) -> tuple[str, str] | None:
    """(UPL name, URI) for the first of a service's names or aliases that is a UPL name or mapped onto one."""
    for name in names:
        key = name.strip().casefold()
        if found := _services().get(key) or upl_names().get(key):
            return found
    return None
