"""Inrichten in the web: a beheerder after `leerlus setup` is led through organisation, departments, people and the
first import; each step shows all its mistakes at once; nobody else may use it."""

import json
import re

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.test import Client

from leerlus.cli import cli
from leerlus.core.first_run import install
from leerlus.core.models import Department, Organisation, Person, Signal

pytestmark = pytest.mark.django_db

PASSWORD = "Stadhuisplein-Lente-42"


@pytest.fixture
def fresh():
    """A fresh install after `leerlus setup`: the organisation, the beheerder Ingrid and her department only."""
    install(organisation="Gemeente Katwijk", admin="ingrid", email="ingrid@katwijk.nl", password=PASSWORD)
    client = Client()
    assert client.post("/inloggen/", {"username": "ingrid", "password": PASSWORD}).status_code == 302
    return client


def test_the_start_page_leads_a_new_beheerder_to_inrichten(fresh):
    html = fresh.get("/").content.decode()
    assert "Leerlus inrichten" in html and 'href="/inrichten/"' in html
    assert "IT-budget 0" in html and "nog geen signalen" in html
    assert fresh.get("/inrichten/").url == "/inrichten/organisatie/"


def test_the_organisation_step_reads_dutch_amounts(fresh):
    form = {"name": "Gemeente Katwijk", "it_budget": "12.000", "share": "7,5"}
    response = fresh.post("/inrichten/organisatie/", form)
    assert response.status_code == 302 and response.url == "/inrichten/afdelingen/"
    organisation = Organisation.objects.get()
    assert organisation.it_budget == 12000 and float(organisation.playground_share) == 0.075
    page = fresh.get("/inrichten/organisatie/").content.decode()
    assert 'value="12.000"' in page and 'value="7,5"' in page
    assert re.search(r'<li class="done[^"]*"><a href="/inrichten/organisatie/" aria-current="step">', page)


def test_every_mistake_of_the_organisation_step_shows_at_its_field(fresh):
    response = fresh.post("/inrichten/organisatie/", {"name": "", "it_budget": "12.5", "share": "20"})
    html = response.content.decode()
    assert response.status_code == 400 and "Verbeter deze 3 punten" in html
    summary = html[html.index('class="error-summary"') :]
    assert re.findall(r'href="#(\w+)"', summary)[:3] == ["name_error", "it_budget_error", "share_error"]
    assert re.search(r'<input id="org-budget"[^>]*aria-invalid="true"[^>]*>', html)
    assert "5 tot 10 procent" in html and 'value="12.5"' in html  # what was typed stays in the form
    assert Organisation.objects.get().it_budget == 0


def test_departments_are_added_and_renamed(fresh):
    fresh.post("/inrichten/afdelingen/", {"name": "Klantcontactcentrum", "world": "uitvoering"})
    fresh.post("/inrichten/afdelingen/", {"name": "Beleid en strategie", "world": "beleid"})
    ict = Department.objects.get(name="Informatievoorziening")
    fresh.post("/inrichten/afdelingen/", {"department": ict.pk, "name": "ICT", "world": "techniek"})
    assert dict(Department.objects.values_list("name", "world")) == {
        "Klantcontactcentrum": "uitvoering",
        "Beleid en strategie": "beleid",
        "ICT": "techniek",
    }
    refused = fresh.post("/inrichten/afdelingen/", {"name": "ict", "world": "financien"})
    html = refused.content.decode()
    assert refused.status_code == 400 and "Afdeling &#x27;ict&#x27; bestaat al." in html
    assert "Onbekende wereld &#x27;financien&#x27;" in html


def test_a_person_is_added_with_a_link_to_set_a_password(fresh):
    kcc = Department.objects.create(organisation=Organisation.objects.get(), name="KCC", world="uitvoering")
    response = fresh.post(
        "/inrichten/mensen/",
        {"name": "Ahmed El Amrani", "username": "ahmed", "email": "ahmed@katwijk.nl", "role": "teamlid",
         "department": kcc.pk},
    )  # fmt: skip
    assert response.status_code == 302
    person = Person.objects.get(user__username="ahmed")
    assert (person.name, person.role, person.department, person.user.has_usable_password()) == (
        "Ahmed El Amrani",
        "teamlid",
        kcc,
        False,
    )
    page = fresh.get("/inrichten/mensen/").content.decode()
    assert "Uitvoering" in page  # the discipline follows from the department
    link = re.search(r"http://testserver(/wachtwoord-instellen/[^<\s]+/)", page).group(1)

    newcomer = Client()
    form = newcomer.get(link, follow=True)
    assert "Wachtwoord instellen" in form.content.decode()
    weak = newcomer.post(form.redirect_chain[-1][0], {"new_password1": "ahmed123", "new_password2": "ahmed123"})
    assert "te kort" in weak.content.decode()
    done = newcomer.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done.url == "/inloggen/"
    assert newcomer.post("/inloggen/", {"username": "ahmed", "password": PASSWORD}).url == "/"


def test_every_mistake_of_the_people_step_shows_at_once(fresh):
    form = {"name": "X", "username": "ingrid", "email": "geen-adres", "role": "baas", "department": ""}
    html = fresh.post("/inrichten/mensen/", form).content.decode()
    assert "Verbeter deze 4 punten" in html
    for message in ("Kies de afdeling", "bestaat al", "is geen e-mailadres", "Onbekende rol"):
        assert message in html
    assert Person.objects.count() == 1


def test_the_import_step_links_to_the_wizard(fresh):
    html = fresh.get("/inrichten/import/").content.decode()
    assert 'href="/signalen/importeren/"' in html and "Stap 4 van 4" in html


@pytest.mark.parametrize("role", ["teamlid", "lezer"])
def test_only_a_beheerder_may_set_up(fresh, role):
    user = get_user_model().objects.create_user(role, password=PASSWORD)
    Person.objects.create(name=role, department=Department.objects.get(), role=role, user=user)
    client = Client()
    client.force_login(user)
    for path in ("/inrichten/organisatie/", "/inrichten/mensen/"):
        response = client.get(path)
        assert response.status_code == 403 and "Alleen een beheerder richt leerlus in." in response.content.decode()
    refused = client.post("/inrichten/organisatie/", {"name": "Overgenomen", "it_budget": "1", "share": "5"})
    assert refused.status_code == 403 and Organisation.objects.get().name == "Gemeente Katwijk"
    assert "Leerlus inrichten" not in client.get("/").content.decode()


def test_a_complete_setup_no_longer_shows_on_the_start_page(fresh):
    organisation = Organisation.objects.get()
    organisation.it_budget = 480_000
    organisation.save()
    Department.objects.create(organisation=organisation, name="KCC", world="uitvoering")
    Person.objects.create(name="Kees", department=Department.objects.get(name="KCC"), role="teamlid")
    assert "Leerlus inrichten" in fresh.get("/").content.decode()  # no signals yet
    Signal.objects.create(received_at="2026-01-05T10:00Z", received_on="2026-01-05", channel="telefoon",
                          content_hash=1, dedupe_key=1)  # fmt: skip
    assert "Leerlus inrichten" not in fresh.get("/").content.decode()


def test_the_json_twins_say_how_far_the_setup_is_and_who_is_there(fresh):
    document = fresh.get("/inrichten/?format=json").json()
    assert document["complete"] is False
    assert [(s["slug"], s["done"], s["state"]) for s in document["steps"]] == [
        ("organisatie", False, "IT-budget 0"),
        ("afdelingen", False, "1 afdeling"),
        ("mensen", False, "1 persoon"),
        ("import", False, "nog geen signalen"),
    ]
    people = fresh.get("/inrichten/mensen/?format=json").json()
    assert [(p["username"], p["role"], p["world"], p["can_log_in"]) for p in people["people"]] == [
        ("ingrid", "beheerder", "techniek", True)
    ]
    assert json.loads(CliRunner().invoke(cli, ["user", "list", "--json"]).stdout) == people
