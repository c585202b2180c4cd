"""The whole analysis as two estimators: SignalClassifier labels signals, PatternFinder finds patterns.

Signals come in as a pandas frame (id, day, channel, service, text); labels and patterns come out.
Texts are tokenised once per distinct text (TextIndex): real exports repeat many texts, and every
model reuses the same tokens.
"""

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd

from leerlus.analysis.calibration import AlarmBudget
from leerlus.analysis.classify import ServiceClassifier, demand, sentiment
from leerlus.analysis.detect import ChangeFinder
from leerlus.analysis.emerging import EmergingTermDetector, WordsPerDay
from leerlus.analysis.evidence import distinctive_terms, examples
from leerlus.analysis.feedback import Feedback
from leerlus.analysis.incidents import group_incidents
from leerlus.analysis.keys import SeriesKey
from leerlus.analysis.patterns import merge_changes
from leerlus.analysis.results import Pattern
from leerlus.analysis.ripples import find_ripples
from leerlus.analysis.series import count_cube, daily_series, day_index
from leerlus.analysis.text import tokenize_all
from leerlus.analysis.topics import TopicModel


class TextIndex:
    """The distinct texts of a frame, their tokens, and for each signal the number of its text."""

    def __init__(self, texts: pd.Series):
        codes, uniques = pd.factorize(texts.fillna(""), sort=False)
        self.codes = codes
        self.texts = list(uniques)
        self.tokens = tokenize_all(self.texts)
        self._counted = None

    def count_words(self, first_day: date, day_numbers: np.ndarray):
        """WordsPerDay.count of these signals, counted once: a full run counts ahead while other workers label."""
        if self._counted is None or self._counted[0] != first_day or not np.array_equal(self._counted[1], day_numbers):
            self._counted = (first_day, day_numbers, WordsPerDay.count(first_day, day_numbers, self.codes, self.tokens))
        return self._counted[2]


class SignalClassifier:
    """fit(signals) learns the service model and the topics; transform(signals) labels each signal."""

    def __init__(self, *, aliases=None, seed=0):
        self.aliases = aliases
        self.seed = seed

    def fit(self, signals: pd.DataFrame, text_index: TextIndex | None = None):
        index = text_index or TextIndex(signals["text"])
        pairs = pd.DataFrame({"code": index.codes, "service": signals["service"].to_numpy()}).dropna().drop_duplicates()
        self.service_model_ = ServiceClassifier(seed=self.seed).fit(
            [index.tokens[c] for c in pairs["code"]], list(pairs["service"]), self.aliases or {}
        )
        self.topic_model_ = TopicModel(seed=self.seed).fit(index.tokens, np.bincount(index.codes))
        self.topics_ = self.topic_model_.topics_
        return self

    def transform(self, signals: pd.DataFrame, text_index: TextIndex | None = None) -> pd.DataFrame:
        """id, service, service_origin (given|classified|None), demand, sentiment, topic (-1: none)."""
        index = text_index or TextIndex(signals["text"])
        per_text = (
            pd.DataFrame(
                {
                    "service": self.service_model_.predict(index.tokens),
                    "demand": [demand(t) for t in index.texts],
                    "sentiment": [sentiment(t) for t in index.texts],
                    "topic": self.topic_model_.transform(index.tokens),
                }
            )
            .iloc[index.codes]
            .reset_index(drop=True)
        )
        given = signals["service"].reset_index(drop=True)
        has_given = given.notna()
        labels = pd.DataFrame({"id": signals["id"].to_numpy()})
        labels["service"] = given.where(has_given, per_text["service"])
        labels["service_origin"] = np.where(has_given, "given", np.where(labels["service"].notna(), "classified", None))
        for column in ("demand", "sentiment", "topic"):
            labels[column] = per_text[column].to_numpy()
        return labels


class PatternFinder:
    """fit(signals, topic_terms) finds patterns_ in a frame with id, day, channel, service, topic, text.

    For an incremental run, `signals` may hold only the new signals and all signals from day
    `complete_from` on: pass the count cube of all signals (`cube`, see `series.count_cube`), the words-per-day
    counts of the earlier run
    plus those of the new signals (`words_per_day`), the day from which counts changed (`new_from`),
    `window_lookup(key, first_day, last_day, limit) -> [(id, text)]` for evidence older than the
    signals given, and `stored_evidence(kind, key, start) -> (terms, examples) | None`: the evidence
    of a pattern found before, reused when its window lies wholly before the new signals.
    """

    def __init__(
        self,
        *,
        holidays=frozenset(),
        budget=AlarmBudget(),
        feedback=Feedback(),
        min_per_day=0.5,
        max_examples=5,
        evidence_sample=2000,
        seed=0,
    ):
        self.holidays = holidays
        self.budget = budget
        self.feedback = feedback
        self.min_per_day = min_per_day
        self.max_examples = max_examples
        self.evidence_sample = evidence_sample
        self.seed = seed

    def fit(
        self,
        signals: pd.DataFrame,
        topic_terms: dict[int, tuple[str, ...]],
        text_index: TextIndex | None = None,
        *,
        cube: pd.DataFrame | None = None,
        complete_from: date | None = None,
        words_per_day: WordsPerDay | None = None,
        new_from: date | None = None,
        window_lookup=None,
        stored_evidence=None,
    ):
        self.topic_terms = topic_terms
        self.patterns_, self.incidents_ = [], []
        cube = count_cube(signals) if cube is None else cube
        if cube.empty:
            self.data_until_ = None
            return self
        self.days_ = day_index(min(cube["day"]), max(cube["day"]))
        self.data_until_ = self.days_[-1].date()
        self._signals = signals.reset_index(drop=True)
        self._day_number = ((pd.to_datetime(signals["day"]) - self.days_[0]).dt.days).to_numpy()
        self._given_from = (complete_from - self.days_[0].date()).days if complete_from else 0
        self._window_lookup = window_lookup
        self._stored_evidence = stored_evidence or (lambda kind, key, start: None)
        self._new_day = (new_from - self.days_[0].date()).days if new_from else 0
        self._coded = {name: pd.factorize(self._signals[name]) for name in ("channel", "service", "topic")}
        self._rng = np.random.default_rng(self.seed)
        index = text_index or TextIndex(signals["text"])
        self._codes = index.codes
        counted, self._doc_term = index.count_words(self.days_[0].date(), self._day_number)
        self._doc_words = counted.words
        self.words_per_day_ = counted if words_per_day is None else words_per_day
        first_onset = (new_from - self.days_[0].date()).days - EmergingTermDetector().window_days if new_from else 0
        self.series_ = daily_series(cube, self.days_, self.min_per_day)
        changes, self.baselines_, adjusted = self._changes()
        ripples = find_ripples(changes, adjusted)
        self.patterns_ = [self._pattern(event) for event in merge_changes(changes)]
        self.patterns_ += [self._ripple(ripple) for ripple in ripples]
        self.patterns_ += self._emerging(first_onset)
        self.patterns_ = [self._weigh(p) for p in self.patterns_]
        self.patterns_.sort(key=lambda p: (p.start, p.score), reverse=True)
        self.incidents_ = group_incidents(self.patterns_, topic_services=self._topic_services())
        del self._signals, self._doc_term
        return self

    def _topic_services(self) -> dict[int, str]:
        """For each topic, the service that holds at least 60% of its signals."""
        known = self._signals[(self._signals["topic"] >= 0) & self._signals["service"].notna()]
        shares = known.groupby("topic")["service"].value_counts(normalize=True)
        return {int(topic): service for (topic, service), share in shares.items() if share >= 0.6}

    def _weigh(self, pattern: Pattern) -> Pattern:
        """What people said: a lower score for evidence they marked false, a reason when it was expected."""
        key = pattern.cause if pattern.kind == "ripple" else pattern.key
        score = round(pattern.score * self.feedback.weight(pattern.kind, key), 2)
        return replace(pattern, score=score, expected=self.feedback.expected(pattern))

    def _changes(self):
        changes, baselines, adjusted = [], {}, {}
        # a series seen under several names (one channel that carries one service) is one test, not several
        distinct = len({counts.tobytes() for counts in self.series_.values()})
        finder = ChangeFinder.for_budget(self.budget, distinct, holidays=self.holidays)
        for key, counts in self.series_.items():
            finder.fit(self.days_, counts)
            adjusted[key] = finder.adjusted_
            baselines[key] = finder.baseline_.expected_
            changes += [(key, change) for change in finder.changes_]
        return changes, baselines, adjusted

    def _mask(self, key: SeriesKey) -> np.ndarray:
        mask = np.ones(len(self._signals), dtype=bool)
        for name, (codes, values) in self._coded.items():
            value = getattr(key, name)
            if value is not None:
                mask &= codes == values.get_loc(value) if value in values else np.zeros(len(mask), dtype=bool)
        return mask

    def _evidence(
        self, kind: str, key: SeriesKey, first: int, last: int, terms=()
    ) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The distinctive words of a series in days first..last against the eight weeks before, and examples."""
        if last < self._new_day:
            stored = self._stored_evidence(kind, key, self._day(first))
            if stored is not None:
                return stored
        ids, texts_inside = self._window(key, first, last)
        if not terms:
            terms = distinctive_terms(texts_inside, self._window(key, first - 56, first - 1)[1])
        return terms, examples(ids, texts_inside, terms, self.max_examples)

    def _window(self, key: SeriesKey, first: int, last: int) -> tuple[list[int], list[str]]:
        """Ids and texts of (a sample of) the signals of a series in days first..last."""
        first = max(first, 0)
        if last < first:
            return [], []
        if first < self._given_from:
            found = self._window_lookup(key, self._day(first), self._day(last), self.evidence_sample)
            return [i for i, _t in found], [t or "" for _i, t in found]
        rows = np.flatnonzero(self._mask(key) & (self._day_number >= first) & (self._day_number <= last))
        if len(rows) > self.evidence_sample:
            rows = np.sort(self._rng.choice(rows, self.evidence_sample, replace=False))
        texts = self._signals["text"].to_numpy()[rows]
        return list(self._signals["id"].to_numpy()[rows]), [t if isinstance(t, str) else "" for t in texts]

    def _day(self, number: int) -> date:
        return self.days_[number].date()

    def _chart(self, key: SeriesKey) -> dict:
        return {
            "observed": tuple(float(v) for v in self.series_[key]),
            "baseline": tuple(round(float(v), 2) for v in np.nan_to_num(self.baselines_[key])),
            "first_day": self._day(0),
        }

    def _pattern(self, event) -> Pattern:
        key, change = event.key, event.change
        last = change.end if change.end is not None else min(change.start + 13, len(self.days_) - 1)
        topic = self.topic_terms.get(key.topic, ()) if key.topic is not None else ()
        terms, examples = self._evidence(change.kind, key, change.start, last, topic)
        return Pattern(
            kind=change.kind,
            start=self._day(change.start),
            end=self._day(change.end) if change.end is not None else None,
            key=key,
            terms=terms,
            magnitude=round(change.magnitude, 3),
            score=round(change.score, 2),
            before=round(change.before, 2),
            after=round(change.after, 2),
            span_days=len(self.days_) if change.kind == "trend" else None,
            examples=examples,
            evidence=event.evidence,
            **self._chart(key),
        )

    def _ripple(self, ripple) -> Pattern:
        cause, effect = ripple.cause_change, ripple.effect_change
        last = effect.end if effect.end is not None else min(effect.start + 13, len(self.days_) - 1)
        terms, examples = self._evidence("ripple", ripple.effect, effect.start, last)
        return Pattern(
            kind="ripple",
            start=self._day(cause.start),
            end=self._day(effect.start),
            key=ripple.effect,
            terms=terms,
            magnitude=round(effect.magnitude, 3),
            score=round(ripple.score, 2),
            examples=examples,
            cause=ripple.cause,
            effect=ripple.effect,
            lag_days=ripple.lag_days,
            before=round(effect.before, 2),
            after=round(effect.after, 2),
            cause_magnitude=round(cause.magnitude, 3),
            **self._chart(ripple.effect),
        )

    def _emerging(self, first_onset: int) -> list[Pattern]:
        counts = self.words_per_day_
        offset = (self.days_[0].date() - counts.first_day).days  # the counts may start earlier than the signals
        detector = EmergingTermDetector().fit(counts, self._doc_term, self._doc_words, first_onset + offset)
        doc_column = {word: i for i, word in enumerate(self._doc_words)}
        patterns: list[Pattern] = []
        for topic in detector.topics_:
            start = topic.start - offset
            columns = [doc_column[w] for w in topic.terms if w in doc_column]
            holds = np.asarray(self._doc_term[:, columns].sum(axis=1)).ravel() > 0
            mask = holds[self._codes] & (self._day_number >= start) & (self._day_number < start + 14)
            key = self._home(mask)
            if any(
                p.key.compatible(key) and (self._day(start) - p.start).days <= 14 and p.key.service == key.service
                for p in patterns
            ):
                continue  # the same news, in words that caught on a little later
            terms, found = self._evidence("emerging_topic", key, start, start + 13, topic.terms)
            lead = counts.counts[offset : offset + len(self.days_), topic.term_columns[0]].toarray().ravel()
            patterns.append(
                Pattern(
                    kind="emerging_topic",
                    start=self._day(start),
                    end=None,
                    key=key,
                    terms=topic.terms,
                    magnitude=round(topic.magnitude, 3),
                    score=round(topic.score, 2),
                    examples=found,
                    recent=int(topic.recent),
                    observed=tuple(float(v) for v in lead),
                    first_day=self._day(0),
                )
            )
        return patterns

    def _home(self, mask: np.ndarray) -> SeriesKey:
        """The channel and service where most of these signals arrive (60% or more), else None."""
        fields = {}
        for name in ("channel", "service"):
            shares = self._signals.loc[mask, name].value_counts(normalize=True)
            if len(shares) and shares.iloc[0] >= 0.6:
                fields[name] = shares.index[0]
        return SeriesKey(**fields)
