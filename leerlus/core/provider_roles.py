"""Which role the identity provider's groups give (LEERLUS_OIDC_ROLE_GROUPS): the highest role whose groups match."""

from django.core.exceptions import ImproperlyConfigured

from leerlus.core.models import Person

RANK = (Person.Role.BEHEERDER, Person.Role.TEAMLID, Person.Role.LEZER)  # most rights first
ANYONE = "*"  # every account the provider signs in


def parse_role_groups(text: str) -> dict[str, frozenset[str]]:
    """'beheerder=GG-Beheer|GG-IV,teamlid=GG-Team,lezer=*' → each role with the groups that give it."""
    mapping = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        role, equals, groups = (piece.strip() for piece in item.partition("="))
        names = frozenset(name.strip() for name in groups.split("|") if name.strip())
        if not equals or role not in RANK or not names:
            raise ImproperlyConfigured(
                f"LEERLUS_OIDC_ROLE_GROUPS: '{item}' is not role=group|group; roles: {', '.join(RANK)}."
            )
        mapping[role] = names
    return mapping


def groups_in(claims: dict, claim: str) -> set[str]:
    """The groups in the claims: a list, or one name as a string (ADFS sends one group that way)."""
    value = claims.get(claim) or []
    return {value} if isinstance(value, str) else {str(group) for group in value}


def role_for(groups: set[str], mapping: dict[str, frozenset[str]]) -> str | None:
    """The highest role any of the groups gives; None when no group does (and no role is for ANYONE)."""
    for role in RANK:
        wanted = mapping.get(role, frozenset())
        if ANYONE in wanted or wanted & groups:
            return role
    return None
