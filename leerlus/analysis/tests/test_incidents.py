"""One event is one card: the facets of a planted event are grouped, and false cards stay within the budget."""

from datetime import timedelta

import holidays
import pytest

from leerlus.analysis import scenario
from leerlus.analysis.engine import PatternFinder, SignalClassifier, TextIndex


@pytest.fixture(scope="module")
def analysed():
    frame, truth = scenario.municipality(volume=0.25, seed=3)
    index = TextIndex(frame["text"])
    classifier = SignalClassifier().fit(frame, index)
    labels = classifier.transform(frame, index)
    labelled = frame.assign(service=labels["service"], topic=labels["topic"])
    closed = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))
    finder = PatternFinder(holidays=closed).fit(
        labelled[["id", "day", "channel", "service", "topic", "text"]],
        {t.number: t.terms for t in classifier.topics_},
        index,
    )
    return finder, truth


def _about(incident, event) -> bool:
    last = incident.end or incident.start + timedelta(days=13)
    window = (event.start - timedelta(days=3), (event.end or event.start + timedelta(days=27)) + timedelta(days=7))
    return (
        incident.start <= window[1]
        and window[0] <= last
        and bool(set(incident.services) & set(event.services) or set(incident.terms) & set(event.terms))
    )


def test_the_storm_is_one_card_with_its_facets(analysed):
    finder, truth = analysed
    storm = next(e for e in truth if e.name == "storm")
    cards = [i for i in finder.incidents_ if _about(i, storm)]
    assert len(cards) == 1
    card = cards[0]
    assert "Afval" in card.services and "telefoon" in card.channels
    assert len(card.patterns) >= 2 and {"storm", "omgewaaid", "boom"} & set(card.terms)


def test_every_planted_event_is_found_and_false_cards_stay_within_the_budget(analysed):
    finder, truth = analysed
    news = [e for e in truth if e.news]
    assert all(any(_about(i, e) for i in finder.incidents_) for e in news)
    seasons = [e for e in truth if e.kind == "season"]
    unexplained = [i for i in finder.incidents_ if i.expected is None and not any(_about(i, e) for e in news + seasons)]
    months = len(finder.days_) / 30.4
    assert len(unexplained) / months <= 1.0  # the default budget: about one false card a month
