"""The UPL names come from the committed copy of the national list: every mapped service names a real UPL entry, and
a service named like a UPL entry is found without a mapping."""

import csv

from leerlus.exchange.upl import SERVICES_FILE, upl_names, upl_of


def test_every_mapped_service_names_an_entry_of_the_list():
    with SERVICES_FILE.open(encoding="utf-8", newline="") as handle:
        mapped = [row["upl"] for row in csv.DictReader(handle)]
    assert mapped and all(name.casefold() in upl_names() for name in mapped)
    assert len(upl_names()) > 1000


def test_a_service_finds_its_upl_name_and_uri_by_name_alias_or_the_list_itself():
    assert upl_of("Afval en containers") == (
        "afvalcontainer",
        "http://standaarden.overheid.nl/owms/terms/afvalcontainer",
    )
    assert upl_of("Huisvuil", "Paspoort en ID-kaart")[0] == "paspoort"
    assert upl_of("Kinderopvangtoeslag") == (
        "kinderopvangtoeslag",
        "http://standaarden.overheid.nl/owms/terms/kinderopvangtoeslag",
    )
    assert upl_of("Iets dat niet bestaat") is None
