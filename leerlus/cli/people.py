"""People and access: first-run setup, users and API keys."""

from pathlib import Path

import click
from django.utils.translation import gettext as _

from leerlus.cli.base import cli, command, emit
from leerlus.errors import InputError
from leerlus.presentation.formatting import day


def _password(password_file: Path | None, **person) -> str:
    """The password from the file's first line; or asked twice without showing it, again until the two are the same
    and it meets the password rules (`person`: the username, e-mail and name it may not resemble)."""
    if password_file is None:
        from leerlus.core.people import check_password

        while True:
            password = click.prompt("Wachtwoord", hide_input=True, default="", show_default=False)
            if password != click.prompt("Nog een keer", hide_input=True, default="", show_default=False):
                click.echo("De twee wachtwoorden zijn niet gelijk; probeer het opnieuw.", err=True)
                continue
            try:
                return check_password(password, **person)
            except InputError as error:
                click.echo(f"{error} Probeer het opnieuw.", err=True)
    try:
        lines = password_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            _("Kan het wachtwoordbestand %(f)s niet lezen: %(e)s") % {"f": password_file, "e": error}
        ) from None
    return lines[0] if lines else ""


def _ask(value: str | None, question: str, default: str | None = None) -> str:
    return value if value is not None else click.prompt(question, default=default)


WORLDS = ["techniek", "beleid", "uitvoering"]


@cli.command()
@click.option("--organisation", help="Naam van de organisatie, bijvoorbeeld 'Gemeente Voorbeeldstad'.")
@click.option("--admin", help="Gebruikersnaam van de eerste beheerder.")
@click.option("--email", help="E-mailadres van de beheerder.")
@click.option("--name", help="Naam van de beheerder (standaard de gebruikersnaam).")
@click.option("--department", help="Afdeling van de beheerder (standaard Informatievoorziening).")
@click.option("--world", type=click.Choice(WORLDS), help="Wereld van die afdeling (standaard techniek).")
@click.option("--password-file", type=click.Path(path_type=Path), help="Lees het wachtwoord uit dit bestand.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def setup(organisation, admin, email, name, department, world, password_file, as_json):
    """Richt een nieuwe installatie in: de organisatie en de eerste beheerder (vraagt wat niet is meegegeven)."""
    from leerlus.core.first_run import DEFAULT_DEPARTMENT, DEFAULT_WORLD, check_install, check_not_installed, install

    check_not_installed()
    if None in (organisation, admin, email):  # interactive: ask for what was not given
        organisation = _ask(organisation, "Naam van de organisatie")
        admin = _ask(admin, "Gebruikersnaam van de beheerder")
        email = _ask(email, "E-mailadres van de beheerder")
        name = _ask(name, "Naam van de beheerder", default="")
        department = _ask(department, "Afdeling van de beheerder", default=DEFAULT_DEPARTMENT)
        world = world or click.prompt("Wereld van die afdeling", default=DEFAULT_WORLD, type=click.Choice(WORLDS))
    department, world = department or DEFAULT_DEPARTMENT, world or DEFAULT_WORLD
    check_install(
        organisation=organisation, admin=admin, email=email, department=department, world=world
    ).raise_any()  # before the password is asked
    done = install(
        organisation=organisation,
        admin=admin,
        email=email,
        name=name or "",
        department=department,
        world=world,
        password=_password(password_file, username=admin, email=email, name=name or ""),
    )
    emit(done, as_json, _setup_lines)


def _setup_lines(document):
    admin = document["admin"]
    yield f"{document['organisation']} is ingericht; beheerder {admin['username']} ({admin['department']})."
    yield "Start de webapplicatie met `leerlus serve`, log in en volg Inrichten."


@cli.group()
def user():
    """Mensen met een account: toevoegen en tonen."""


@user.command(name="add")
@click.argument("username")
@click.option("--role", required=True, help="beheerder, teamlid of lezer.")
@click.option("--department", help="De afdeling (moet bestaan); standaard de enige afdeling als er één is.")
@click.option("--name", default="", help="Naam van de persoon (standaard de gebruikersnaam).")
@click.option("--email", default="", help="E-mailadres.")
@click.option("--password-file", type=click.Path(path_type=Path), help="Lees het wachtwoord uit dit bestand.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def user_add(username, role, department, name, email, password_file, as_json):
    """Voegt een persoon met een account toe (vraagt het wachtwoord twee keer als er geen bestand is)."""
    from leerlus.core import people
    from leerlus.core.schemas import PersonOut

    people.check_role(role)
    people.check_username(username)
    people.check_email(email)
    home = people.find_department(department) if department else people.only_department()
    person = people.add_person(
        username=username,
        role=role,
        department=home,
        name=name,
        email=email,
        password=_password(password_file, username=username, email=email, name=name),
    )
    emit(PersonOut.from_orm(person), as_json, lambda p: [_person_line(p)])


def _person_line(person) -> str:
    login = "  (via identity provider)" if person["through_provider"] else ""
    login = login if person["can_log_in"] else "  (nog geen wachtwoord)"
    where = f"{person['department']} ({person['world']})"
    return f"{person['username'] or '-':<16} {person['role']:<10} {person['name']} — {where}{login}"


@user.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def user_list(as_json):
    """Toont iedereen met rol, afdeling en discipline."""
    from leerlus.core.people import people_document

    emit(people_document(), as_json, lambda document: [_person_line(p) for p in document["people"]])


@user.command(name="unlock")
@click.argument("username")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def user_unlock(username, as_json):
    """Heft de blokkade na te veel mislukte inlogpogingen op (voor alle adressen)."""
    from leerlus.core.people import unlock

    emit(unlock(username), as_json, _unlock_lines)


def _unlock_lines(document):
    cleared = {"n": document["attempts_cleared"], "u": document["username"]}
    return [_("%(n)s mislukte pogingen van %(u)s gewist; %(u)s kan weer inloggen.") % cleared]


@cli.group(name="key")
def user_key():
    """API-sleutels: uitgeven, tonen en intrekken."""


@user_key.command(name="add")
@click.argument("username")
@click.option("--name", "purpose", required=True, help="Waarvoor de sleutel is, bijvoorbeeld 'dashboard'.")
@click.option("--days", default=365, show_default=True, type=click.IntRange(1, 3650), help="Geldig zoveel dagen.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def key_add(username, purpose, days, as_json):
    """Geeft een nieuwe API-sleutel uit; de sleutel wordt alleen nu getoond."""
    from leerlus.core.tokens import issue_for_username

    emit(issue_for_username(username, purpose, days), as_json, _key_issued_lines)


def _key_issued_lines(document):
    until = day(document["token"]["expires_at"])
    keep = _("Bewaar deze sleutel nu; hij wordt niet nog eens getoond. Geldig tot %(d)s.") % {"d": until}
    return [document["key"], keep]


@user_key.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def key_list(as_json):
    """Toont alle API-sleutels met eigenaar, geldigheid en laatste gebruik (nooit de sleutel zelf)."""
    from leerlus.core.tokens import tokens_document

    emit(tokens_document(), as_json, lambda d: [_token_line(t) for t in d["tokens"]])


def _token_line(token) -> str:
    used = day(token["last_used_at"]) if token["last_used_at"] else "-"
    until = day(token["expires_at"])
    who = f"{token['username']:<16} {token['name']:<20}"
    return f"{token['id']:>4}  {token['state']:<11} {who} tot {until}  gebruikt {used}"


@user_key.command(name="revoke")
@click.argument("token_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-document op stdout.")
@command
def key_revoke(token_id, as_json):
    """Trekt een API-sleutel in: hij werkt direct niet meer."""
    from leerlus.core.tokens import revoke

    emit(revoke(token_id), as_json, lambda t: [_token_line(t)])
