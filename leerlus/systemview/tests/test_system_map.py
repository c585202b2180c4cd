"""The system map: parts of the organisation, links learned from ripples and drawn by people."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from leerlus.core.models import DailyCount, Department, Organisation, Service
from leerlus.patterns.models import Pattern
from leerlus.systemview.models import DrawnLink, ItSystem

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(client):
    organisation = Organisation.objects.create(name="Gemeente Test", it_budget=1_000_000, playground_share=0.05)
    permits = Department.objects.create(organisation=organisation, name="Vergunningen", world="uitvoering")
    service = Service.objects.create(name="Omgevingsvergunning", department=permits)
    for channel in ("website", "telefoon"):
        DailyCount.objects.create(day=date(2026, 1, 5), channel=channel, service=service, count=3)
    ItSystem.objects.create(name="Omgevingsloket")
    DrawnLink.objects.create(
        source_kind="systeem",
        source="Omgevingsloket",
        target_kind="kanaal",
        target="website",
        note="Het loket is het vergunningendeel van de website.",
    )
    ripple = Pattern.objects.create(
        kind="ripple",
        start=date(2025, 9, 15),
        end=date(2025, 9, 17),
        channel="telefoon",
        service=service,
        terms=[],
        magnitude=1.4,
        score=7.0,
        figures={"before": 10.0, "after": 24.0, "cause_magnitude": 0.8},
        cause={"channel": "website", "service": "Omgevingsvergunning", "terms": []},
        effect={"channel": "telefoon", "service": "Omgevingsvergunning", "terms": []},
        lag_days=2,
        signature="r|1",
    )
    client.force_login(get_user_model().objects.create_user("kcc", password="x"))
    return ripple


def test_the_map_holds_every_kind_of_part_and_both_kinds_of_link(client, municipality):
    document = client.get("/systeem/kaart/", {"format": "json"}).json()
    keys = {node["key"] for node in document["nodes"]}
    assert {
        "systeem:Omgevingsloket",
        "kanaal:website",
        "kanaal:telefoon",
        "dienst:Omgevingsvergunning",
        "afdeling:Vergunningen",
    } <= keys
    learned = [link for link in document["links"] if link["origin"] == "learned"]
    assert learned == [
        {
            "source": "kanaal:website",
            "target": "kanaal:telefoon",
            "origin": "learned",
            "note": municipality.summary,
            "lag_days": 2,
            "strength": 1.4,
            "evidence": f"/patronen/{municipality.pk}/",
        }
    ]
    assert any(link["origin"] == "drawn" and link["source"] == "systeem:Omgevingsloket" for link in document["links"])


def test_the_page_draws_the_map_and_a_dismissed_ripple_is_no_link(client, municipality):
    html = client.get("/systeem/kaart/").content.decode()
    assert html.count('class="link learned"') == 1 and f'href="/patronen/{municipality.pk}/"' in html
    assert 'data-node="systeem:Omgevingsloket"' in html and "systemview/map.js" in html
    municipality.status = Pattern.Status.DISMISSED
    municipality.save()
    assert 'class="link learned"' not in client.get("/systeem/kaart/").content.decode()


def test_the_map_is_a_picture_without_tab_stops_and_also_a_list(client, municipality):
    html = client.get("/systeem/kaart/").content.decode()
    picture = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in picture and "tabindex" not in picture and "<a " not in picture
    listed = html[html.index('class="map-list"') :]
    assert "<h3>Kanalen</h3>" in listed and "<h3>IT-systemen</h3>" in listed
    assert "naar Telefoon (geleerd uit de signalen)" in listed and "van Website (geleerd uit de signalen)" in listed
    assert f'<a href="/patronen/{municipality.pk}/">{municipality.summary}</a>' in listed
    assert "naar Website (getekend)" in listed  # the drawn link, from the IT system
