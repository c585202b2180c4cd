"""Guessing passwords: after ten wrong passwords for one account from one address, that address cannot log in
to it for a quarter of an hour (also with the right password); `leerlus user unlock` lifts that at once."""

import json

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.test import Client

from leerlus.cli import cli

pytestmark = pytest.mark.django_db

RIGHT = "Stadhuisplein-Lente-42"


def _login(client: Client, password: str):
    return client.post("/inloggen/", {"username": "ingrid", "password": password})


def test_twenty_wrong_passwords_lock_the_account_for_that_address():
    get_user_model().objects.create_user("ingrid", password=RIGHT)
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    answers = [_login(guesser, f"gok{n}").status_code for n in range(20)]
    assert answers[:9] == [200] * 9  # the form again, with "klopt niet"
    assert set(answers[10:]) == {429}
    locked = _login(guesser, RIGHT)
    assert locked.status_code == 429 and "Te vaak een verkeerd wachtwoord" in locked.content.decode()

    colleague = Client(REMOTE_ADDR="198.51.100.20")  # the same account from elsewhere is not blocked
    assert _login(colleague, RIGHT).status_code == 302

    result = CliRunner().invoke(cli, ["user", "unlock", "ingrid", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["attempts_cleared"] >= 1
    assert _login(guesser, RIGHT).status_code == 302


def test_a_success_resets_the_count():
    get_user_model().objects.create_user("ingrid", password=RIGHT)
    client = Client()
    for _round in range(3):
        assert {_login(client, "fout").status_code for _n in range(8)} == {200}
        assert _login(client, RIGHT).status_code == 302
        client.logout()
