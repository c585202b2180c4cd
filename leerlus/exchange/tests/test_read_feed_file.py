"""`leerlus exchange read FILE`: a feed saved as a file is checked and kept like one from the web, and the pull
leaves it alone. The demo ships its neighbour Elderveen this way, so "Elders geprobeerd" is not empty."""

import json

import pytest
from click.testing import CliRunner

from leerlus.cli import cli
from leerlus.core.models import Service
from leerlus.demo.exchange import FIXTURES
from leerlus.exchange.models import ForeignLesson
from leerlus.playground.models import Problem

NEIGHBOUR_FEED = FIXTURES / "elderveen-lessen.json"


def _leerlus(*args):
    return CliRunner().invoke(cli, [*args, "--json"])


@pytest.mark.django_db
def test_a_feed_file_is_read_once_and_never_pulled(tmp_path):
    first = json.loads(_leerlus("exchange", "read", str(NEIGHBOUR_FEED)).stdout)
    assert (first["lessons_new"], first["errors"]) == (3, [])
    again = json.loads(_leerlus("exchange", "read", str(NEIGHBOUR_FEED)).stdout)
    assert (again["lessons_new"], again["lessons_updated"], again["lessons_removed"]) == (0, 0, 0)
    assert json.loads(_leerlus("exchange", "pull").stdout)["feeds"] == 0
    listed = json.loads(_leerlus("exchange", "list").stdout)
    assert listed[0]["municipality"] == "Gemeente Elderveen" and listed[0]["lessons"] == 3


@pytest.mark.django_db
def test_a_broken_file_is_refused_with_a_clear_message(tmp_path):
    broken = tmp_path / "lessen.json"
    broken.write_text('{"feed_version": "1.0", "lessons": [')
    result = _leerlus("exchange", "read", str(broken))
    assert result.exit_code == 2 and "geen leesbare JSON" in result.stderr
    assert not ForeignLesson.objects.exists()


@pytest.mark.django_db
def test_the_demo_waste_problem_has_lessons_from_elderveen(beheerder):
    _leerlus("exchange", "read", str(NEIGHBOUR_FEED))
    problem = Problem.objects.create(title="Veel telefoontjes over afval en containers")
    problem.services.add(Service.objects.create(name="Afval en containers"))
    page = beheerder.get(f"/proeftuin/vraagstukken/{problem.pk}/").content.decode()
    section = page[page.index("Elders geprobeerd") :]
    assert "Gemeente Elderveen" in section and "chatbot op de website: mislukt" in section
    assert "Ophaaldag per sms" in section and "paspoort" not in section.lower()
