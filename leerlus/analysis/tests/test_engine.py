"""The whole analysis on planted signals: every kind of pattern is found where it was planted."""

from datetime import date

import holidays

from leerlus.analysis import synthetic
from leerlus.analysis.engine import PatternFinder, SignalClassifier, TextIndex
from leerlus.analysis.keys import SeriesKey
from leerlus.analysis.text import tokenize_all
from leerlus.analysis.topics import TopicModel

CLOSED = frozenset(holidays.country_holidays("NL", years=[2025, 2026]))
RELEASE, STORM = synthetic.RELEASE_DAY, synthetic.STORM_DAY


def test_every_kind_of_pattern_is_found_where_it_was_planted():
    signals = synthetic.signals(holidays=CLOSED).drop(columns="topic")
    index = TextIndex(signals["text"])
    classifier = SignalClassifier().fit(signals, index)
    labels = classifier.transform(signals, index)
    frame = signals.assign(topic=labels["topic"])
    finder = PatternFinder(holidays=CLOSED).fit(frame, {t.number: t.terms for t in classifier.topics_}, index)
    by_kind = {}
    for pattern in finder.patterns_:
        by_kind.setdefault(pattern.kind, []).append(pattern)
    first = date(2025, 1, 1)
    day = lambda p: (p.start - first).days  # noqa: E731

    assert any(abs(day(p) - STORM) <= 1 and p.key.service == "Afval" for p in by_kind["spike"])
    assert any(abs(day(p) - RELEASE) <= 3 and p.key.service == "Vergunning" for p in by_kind["level_shift"])
    assert any(p.key == SeriesKey("website", "Afval") and p.magnitude > 0.8 for p in by_kind["trend"])
    assert any("omgevingsloket" in p.terms and abs(day(p) - RELEASE) <= 2 for p in by_kind["emerging_topic"])
    ripple = next(p for p in by_kind["ripple"] if p.cause == SeriesKey("website", "Vergunning"))
    assert ripple.effect == SeriesKey("telefoon", "Vergunning") and 1 <= ripple.lag_days <= 5
    assert ripple.cause_magnitude > 0 and ripple.after > ripple.before and ripple.examples
    # the storm is one pattern, described where it happened, not once per level
    assert len([p for p in by_kind["spike"] if abs(day(p) - STORM) <= 1]) == 1


def test_topics_are_stable_and_carry_their_words():
    texts = (
        ["paspoort verlopen afspraak maken"] * 30
        + ["container niet geleegd afval"] * 30
        + ["parkeervergunning aanvragen bezoekers"] * 30
    )
    tokens = tokenize_all(f"{t} {i % 7}" for i, t in enumerate(texts))
    first, second = TopicModel(n_topics=3).fit(tokens), TopicModel(n_topics=3).fit(tokens)
    assert first.topics_ == second.topics_
    assert {
        frozenset(t.terms[:2]) <= frozenset(("paspoort", "verlopen", "afspraak", "maken"))
        or "container" in t.terms
        or "parkeervergunning" in t.terms
        for t in first.topics_
    } == {True}
    labels = first.transform(tokens)
    assert len(set(labels[:30])) == len(set(labels[30:60])) == 1 and labels[0] != labels[40]
