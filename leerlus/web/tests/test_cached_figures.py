"""The start page's cached figures: an import shows at once, and the cached part carries nobody's name or role."""

import pytest
from django.contrib.auth import get_user_model

from leerlus.core.models import Person
from leerlus.intake.services import import_file

pytestmark = pytest.mark.django_db

EXPORT = """received_at,channel,service,text
2026-03-02,telefoon,Afval,De container is niet geleegd
2026-03-02,website,Afval,Container vergeten
2026-03-03,balie,Paspoort,Afspraak maken lukt niet
"""


def test_an_import_shows_at_once_and_nobody_sees_another_users_name(beheerder, client, tmp_path):
    assert "Er zijn nog geen signalen" in beheerder.get("/").content.decode()
    export = tmp_path / "export.csv"
    export.write_text(EXPORT)
    import_file(export)
    assert "3 signalen uit alle kanalen" in beheerder.get("/").content.decode()
    export.write_text(EXPORT.replace("2026-03-0", "2026-04-0"))  # the same services: only the day counts change
    import_file(export)
    assert "6 signalen uit alle kanalen" in beheerder.get("/").content.decode()
    user = get_user_model().objects.create_user("lotte", password="x")
    Person.objects.create(name="Lotte", department=beheerder.person.department, user=user, role=Person.Role.LEZER)
    client.force_login(user)
    for viewer, own, other in ((client, "lotte (lezer)", "anna"), (beheerder, "anna (beheerder)", "lotte")):
        html = viewer.get("/").content.decode()
        assert "6 signalen uit alle kanalen" in html and own in html and other not in html
    assert "Importeren" not in client.get("/").content.decode()  # the beheerder's links stay the beheerder's
