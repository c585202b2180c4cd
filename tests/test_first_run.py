"""The first run on a fresh data directory, with the real command: `leerlus setup` alone gives a beheerder who logs
in to a real `leerlus serve`; weak passwords and a second setup are refused; `leerlus user add` for each role."""

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

import pytest

from tests.conftest import serving

PASSWORD = "Stadhuisplein-Lente-42"


@pytest.fixture
def password_file(tmp_path):
    def write(password: str):
        path = tmp_path / f"wachtwoord-{len(password)}"
        path.write_text(password + "\n")
        return str(path)

    return write


def _setup(leerlus_home, password_file, password=PASSWORD, check=True):
    return leerlus_home(
        "setup",
        "--organisation",
        "Gemeente Katwijk",
        "--admin",
        "ingrid",
        "--email",
        "ingrid@katwijk.nl",
        "--password-file",
        password_file(password),
        "--json",
        check=check,
    )


def _log_in(base_url: str, username: str, password: str) -> tuple[str, str]:
    """Logs in through the real login form (with its CSRF token); returns the page reached and its address."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = browser.open(base_url + "/inloggen/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    request = urllib.request.Request(base_url + "/inloggen/", data=data.encode(), headers={"Referer": base_url})
    with browser.open(request) as response:
        return response.url, response.read().decode()


def test_setup_alone_gives_a_beheerder_who_logs_in(new_leerlus_home, password_file):
    leerlus_home = new_leerlus_home  # the very first command on a new data directory
    done = json.loads(_setup(leerlus_home, password_file).stdout)
    assert done["organisation"] == "Gemeente Katwijk"
    assert {k: done["admin"][k] for k in ("username", "role", "department", "world", "can_log_in")} == {
        "username": "ingrid",
        "role": "beheerder",
        "department": "Informatievoorziening",
        "world": "techniek",
        "can_log_in": True,
    }
    with serving(leerlus_home.env) as base_url:
        url, page = _log_in(base_url, "ingrid", PASSWORD)
        assert url == base_url + "/"
        assert "<h1>Gemeente Katwijk</h1>" in page and "ingrid (beheerder)" in page
        assert "Leerlus inrichten" in page and 'href="/inrichten/"' in page


def test_a_weak_password_is_refused_in_dutch(leerlus_home, password_file):
    refused = _setup(leerlus_home, password_file, "ingrid2026", check=False)
    assert refused.returncode == 2 and refused.stdout == ""
    assert "Dit wachtwoord is te kort: het moet minstens 12 tekens hebben." in refused.stderr
    assert "lijkt te veel op de gebruikersnaam" in refused.stderr
    numeric = _setup(leerlus_home, password_file, "202620262026", check=False)
    assert numeric.returncode == 2 and "Dit wachtwoord bevat alleen cijfers." in numeric.stderr
    common = _setup(leerlus_home, password_file, "password1234", check=False)
    assert common.returncode == 2 and "Dit wachtwoord is te algemeen." in common.stderr
    assert json.loads(leerlus_home("user", "list", "--json").stdout) == {"people": []}  # nothing was made


def test_a_second_setup_changes_nothing_and_exits_2(leerlus_home, password_file):
    _setup(leerlus_home, password_file)
    again = leerlus_home(
        "setup", "--organisation", "Gemeente Anders", "--admin", "kees", "--email", "kees@anders.nl",
        "--password-file", password_file(PASSWORD), check=False,
    )  # fmt: skip
    assert again.returncode == 2
    assert "leerlus is al ingericht voor Gemeente Katwijk (beheerders: ingrid)" in again.stderr
    people = json.loads(leerlus_home("user", "list", "--json").stdout)["people"]
    assert [p["username"] for p in people] == ["ingrid"]


def test_user_add_for_each_role(leerlus_home, password_file):
    _setup(leerlus_home, password_file)
    for username, role in (("sanne", "beheerder"), ("ahmed", "teamlid"), ("linda", "lezer")):
        added = json.loads(
            leerlus_home(
                "user", "add", username, "--role", role, "--name", username.title(),
                "--email", f"{username}@katwijk.nl", "--password-file", password_file(PASSWORD), "--json",
            ).stdout
        )  # fmt: skip
        assert (added["username"], added["role"], added["department"], added["can_log_in"]) == (
            username,
            role,
            "Informatievoorziening",  # the only department, so it need not be named
            True,
        )
    listed = leerlus_home("user", "list").stdout
    assert re.search(r"ahmed\s+teamlid\s+Ahmed — Informatievoorziening \(techniek\)", listed)

    unknown_role = leerlus_home("user", "add", "kees", "--role", "baas", check=False)
    assert unknown_role.returncode == 2
    assert "Onbekende rol 'baas'. Kies uit: beheerder, teamlid, lezer." in unknown_role.stderr
    unknown_department = leerlus_home(
        "user", "add", "kees", "--role", "lezer", "--department", "Vergunningen",
        "--password-file", password_file(PASSWORD), check=False,
    )  # fmt: skip
    assert unknown_department.returncode == 2
    assert "Onbekende afdeling 'Vergunningen'. Bestaande afdelingen: Informatievoorziening." in (
        unknown_department.stderr
    )
    taken = leerlus_home(
        "user", "add", "ahmed", "--role", "lezer", "--password-file", password_file(PASSWORD), check=False
    )
    assert taken.returncode == 2 and "Gebruikersnaam 'ahmed' bestaat al." in taken.stderr
