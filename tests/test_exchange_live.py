"""One real `leerlus serve` publishes (the demo, A); another data directory subscribes (B) with the real command
line. B shows exactly A's public lessons after one pull, and A's edit and removal after the next."""

import json
import subprocess

import pytest

from tests.conftest import LEERLUS, empty_installation, load_demo, run_django, serving

# What a beheerder of A does in Beheer, as a script in A's data directory.
ADD_INTERNAL = """
from leerlus.playground.models import Lesson
Lesson.objects.create(title="Intern: wie belt wie", tried="t", happened="h", learned="l", outcome="gemengd")
"""
EDIT_AND_HIDE = """
from leerlus.playground.models import Lesson
first, second = Lesson.objects.filter(visibility="openbaar").order_by("pk")
first.learned = "Bijgewerkt: begin klein en meet vanaf dag één."
first.save()
second.visibility = "intern"
second.save()
"""
PUBLIC_TITLES = """
import json
from leerlus.playground.models import Lesson
print(json.dumps(sorted(Lesson.objects.filter(visibility="openbaar").values_list("title", flat=True))))
"""
KEPT = """
import json
from leerlus.exchange.models import ForeignLesson
print(json.dumps(sorted(ForeignLesson.objects.values_list("title", "learned", "municipality"))))
"""


def _leerlus(env: dict, *args) -> dict:
    done = subprocess.run([LEERLUS, *args, "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def publisher(tmp_path_factory):
    env = load_demo(tmp_path_factory, "exchange_a")
    public = json.loads(run_django(env, ADD_INTERNAL + PUBLIC_TITLES))  # one Django start-up for both
    with serving(env, worker=False) as url:  # the feed is made per request
        yield env, url, public


def test_b_shows_exactly_as_public_lessons_and_follows_their_changes(publisher, tmp_path_factory, tmp_path):
    env_a, url_a, public = publisher
    env_b = empty_installation(tmp_path_factory, tmp_path / "b", "exchange_b")
    env_b["LEERLUS_EXCHANGE_ALLOW_PRIVATE"] = "1"  # A is served on loopback
    assert len(public) >= 2

    subscribed = _leerlus(env_b, "exchange", "subscribe", f"{url_a}/uitwisseling/lessen.json")
    assert subscribed["lessons"] == 0
    first = _leerlus(env_b, "exchange", "pull")
    lessons = {key: first[key] for key in ("feeds", "lessons_new", "lessons_updated", "lessons_removed", "errors")}
    assert lessons == {"feeds": 1, "lessons_new": len(public), "lessons_updated": 0, "lessons_removed": 0, "errors": []}
    kept = json.loads(run_django(env_b, KEPT))
    assert [title for title, _learned, _where in kept] == public
    assert {where for _title, _learned, where in kept} == {"Gemeente Voorbeeldstad"}

    unchanged = _leerlus(env_b, "exchange", "pull")
    assert (unchanged["lessons_new"], unchanged["lessons_updated"], unchanged["lessons_removed"]) == (0, 0, 0)

    run_django(env_a, EDIT_AND_HIDE)
    second = _leerlus(env_b, "exchange", "pull")
    assert (second["lessons_new"], second["lessons_updated"], second["lessons_removed"]) == (0, 1, 1)
    kept = json.loads(run_django(env_b, KEPT))
    assert len(kept) == len(public) - 1
    assert any(learned.startswith("Bijgewerkt") for _title, learned, _where in kept)
    listed = _leerlus(env_b, "exchange", "list")
    assert listed[0]["municipality"] == "Gemeente Voorbeeldstad" and listed[0]["lessons"] == len(public) - 1
