"""publiccode.yml describes this release: it parses, names the current version and has what the standard requires."""

from pathlib import Path

import yaml

import leerlus

DESCRIPTION = yaml.safe_load((Path(__file__).resolve().parent.parent / "publiccode.yml").read_text(encoding="utf-8"))


def test_it_names_the_current_version():
    assert DESCRIPTION["softwareVersion"] == leerlus.__version__


def test_it_has_the_keys_the_standard_requires():
    required = {"publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType", "legal"}
    assert required <= DESCRIPTION.keys()
    assert DESCRIPTION["legal"]["license"] == "EUPL-1.2"
    assert DESCRIPTION["maintenance"]["type"] in {"internal", "contract", "community", "none"}


def test_it_describes_the_product_in_dutch_and_english():
    for language in ("nl", "en"):
        text = DESCRIPTION["description"][language]
        assert text["shortDescription"] and len(text["shortDescription"]) <= 150
        assert len(text["longDescription"]) >= 150 and text["features"]
