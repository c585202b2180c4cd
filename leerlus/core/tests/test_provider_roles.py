"""The role the identity provider's groups give: the highest role wins, '*' is anyone, a bad mapping is named."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from leerlus.core.provider_roles import groups_in, parse_role_groups, role_for

MAPPING = parse_role_groups("beheerder=GG-Leerlus-Beheer, teamlid=GG-Leerlus-Team|GG-KCC")


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ({"GG-Leerlus-Beheer", "GG-KCC"}, "beheerder"),
        ({"GG-KCC"}, "teamlid"),
        ({"GG-Iedereen"}, None),
        (set(), None),
    ],
)
def test_the_highest_role_of_any_group_counts_and_no_mapped_group_gives_none(groups, role):
    assert role_for(groups, MAPPING) == role


def test_a_star_lets_everyone_in_with_that_role():
    assert role_for({"GG-Iedereen"}, parse_role_groups("beheerder=GG-Leerlus-Beheer,lezer=*")) == "lezer"


def test_one_group_sent_as_a_string_counts_as_a_list_of_one():
    assert groups_in({"groups": "GG-KCC"}, "groups") == {"GG-KCC"}
    assert groups_in({"roles": ["a", "b"]}, "roles") == {"a", "b"}
    assert groups_in({}, "groups") == set()


@pytest.mark.parametrize("text", ["beheer=GG-A", "beheerder", "teamlid="])
def test_a_mapping_that_names_no_role_or_no_group_is_refused_with_what_is_wrong(text):
    with pytest.raises(ImproperlyConfigured, match="beheerder, teamlid, lezer"):
        parse_role_groups(text)
