"""`python -m tests.oidc_provider.run serve PORT REDIRECT_URI`: a fresh provider with users anna, bert and carl
(password "wachtwoord-bij-de-idp") and one confidential client; `groups USER [GROUP ...]` sets a user's groups."""

import os
import sys

import django

PASSWORD = "wachtwoord-bij-de-idp"
CLIENT_ID, CLIENT_SECRET = "leerlus", "geheim-van-de-client"
USERS = {
    "anna": ("Anna", "de Boer", ["GG-Leerlus-Beheer", "GG-Iedereen"]),
    "bert": ("Bert", "Smit", ["GG-Leerlus-Team"]),
    "carl": ("Carl", "Visser", ["GG-Iedereen"]),
}


def serve(port: int, redirect_uri: str) -> None:
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType
    from waitress import serve as waitress_serve

    call_command("migrate", verbosity=0, interactive=False)
    call_command("creatersakey", verbosity=0)
    for username, (first, last, groups) in USERS.items():
        user = User.objects.create_user(
            username, email=f"{username}@testdorp.nl", password=PASSWORD, first_name=first, last_name=last
        )
        user.groups.set(Group.objects.get_or_create(name=name)[0] for name in groups)
    client = Client.objects.create(
        name="leerlus",
        client_type="confidential",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
    )
    client.redirect_uris = [redirect_uri]
    client.post_logout_redirect_uris = [redirect_uri.replace("/oidc/callback/", "/inloggen/")]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))
    waitress_serve(get_wsgi_application(), host="127.0.0.1", port=port, threads=4, _quiet=True)


def set_groups(username: str, groups: list[str]) -> None:
    from django.contrib.auth.models import Group, User

    User.objects.get(username=username).groups.set(Group.objects.get_or_create(name=name)[0] for name in groups)


if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    django.setup()
    command, *args = sys.argv[1:]
    if command == "serve":
        serve(int(args[0]), args[1])
    else:
        set_groups(args[0], args[1:])
