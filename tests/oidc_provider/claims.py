"""What the test provider says about a user: name, e-mail, username, and the `groups` scope with their groups."""

from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims, user):
    claims.update(name=user.get_full_name(), given_name=user.first_name, family_name=user.last_name, email=user.email)
    claims["preferred_username"] = user.username
    return claims


class GroupsClaims(ScopeClaims):
    info_groups = ("Groups", "The groups you are in.")

    def scope_groups(self):
        return {"groups": sorted(self.user.groups.values_list("name", flat=True))}
