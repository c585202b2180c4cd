"""`leerlus setup` and `leerlus user add` without options ask in Dutch, and ask the password again until the two
match and it meets the rules."""

import pytest
from click.testing import CliRunner

from leerlus.cli import cli
from leerlus.core.models import Department, Organisation, Person

pytestmark = pytest.mark.django_db

PASSWORD = "Stadhuisplein-Lente-42"


def test_setup_asks_for_what_is_not_given():
    answers = [
        "Gemeente Katwijk",  # organisation
        "ingrid",  # username
        "ingrid@katwijk.nl",
        "Ingrid de Wit",
        "Klantcontactcentrum",  # her department
        "uitvoering",
        "kort",  # a password that is too short …
        "kort",
        PASSWORD,  # … then two that differ …
        PASSWORD + "!",
        PASSWORD,  # … then a good one, twice
        PASSWORD,
    ]
    result = CliRunner().invoke(cli, ["setup"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    for question in ("Naam van de organisatie", "Gebruikersnaam van de beheerder", "Wereld van die afdeling"):
        assert question in result.output
    assert "Dit wachtwoord is te kort: het moet minstens 12 tekens hebben. Probeer het opnieuw." in result.output
    assert "De twee wachtwoorden zijn niet gelijk; probeer het opnieuw." in result.output
    assert "Gemeente Katwijk is ingericht; beheerder ingrid (Klantcontactcentrum)." in result.output
    person = Person.objects.select_related("user", "department").get()
    assert (person.name, person.role, person.department.world) == ("Ingrid de Wit", "beheerder", "uitvoering")
    assert person.user.check_password(PASSWORD) and person.user.is_staff
    assert Organisation.objects.get().name == "Gemeente Katwijk"


def test_user_add_asks_the_password_twice_and_names_a_missing_department():
    organisation = Organisation.objects.create(name="Gemeente Katwijk")
    for name, world in (("KCC", "uitvoering"), ("Beleid", "beleid")):
        Department.objects.create(organisation=organisation, name=name, world=world)
    missing = CliRunner().invoke(cli, ["user", "add", "kees", "--role", "teamlid"])
    assert missing.exit_code == 2
    assert "Noem de afdeling van deze persoon met --department. Bestaande afdelingen: Beleid, KCC." in missing.output
    added = CliRunner().invoke(
        cli, ["user", "add", "kees", "--role", "teamlid", "--department", "kcc"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert added.exit_code == 0, added.output
    assert Person.objects.get(user__username="kees").department.name == "KCC"
