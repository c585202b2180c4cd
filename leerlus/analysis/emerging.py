"""Finds emerging topics: words that were (almost) never used and suddenly are.

Works on the number of signals per day that contain each word, for every word, also words that
no fitted topic model knows. Words that emerge together and occur in the same texts form one
emerging topic. A word that was just as common a year earlier is a yearly rhythm, not news.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from leerlus.analysis.grouping import linked_groups
from leerlus.analysis.text import as_tokens

YEAR = 364


@dataclass(frozen=True)
class EmergingTopic:
    terms: tuple[str, ...]
    term_columns: tuple[int, ...]
    start: int  # day number of the first mention in the burst
    recent: int  # signals with the words in the first window
    magnitude: float
    score: float


@dataclass(frozen=True)
class WordsPerDay:
    """How many signals contain each word, per day: what the detector remembers between runs."""

    first_day: date
    words: tuple[str, ...]
    counts: sparse.csr_matrix  # days × words

    @classmethod
    def count(cls, first_day: date, day_numbers: np.ndarray, codes: np.ndarray, tokens: list[list[str]]):
        """day_numbers and codes per signal (its day, its distinct text); tokens per distinct text.

        Also returns the 0/1 matrix of distinct texts × words, for grouping words that share texts.
        """
        vectorizer = CountVectorizer(analyzer=as_tokens, binary=True)
        doc_term = vectorizer.fit_transform(tokens).tocsr() if any(tokens) else sparse.csr_matrix((len(tokens), 0))
        words = tuple(vectorizer.get_feature_names_out()) if doc_term.shape[1] else ()
        days = int(day_numbers.max()) + 1 if len(day_numbers) else 0
        signals = sparse.csr_matrix((np.ones(len(codes)), (day_numbers, codes)), shape=(days, len(tokens)))
        return cls(first_day, words, (signals @ doc_term).tocsr()), doc_term

    def signals_with(self, word: str, first: date, last: date) -> int:
        """How many signals of the days first … last contain the word (0 for a word never seen)."""
        if word not in self.words:
            return 0
        start, stop = max((first - self.first_day).days, 0), max((last - self.first_day).days + 1, 0)
        return int(self.counts[start:stop, self.words.index(word)].sum())

    def __add__(self, other: "WordsPerDay") -> "WordsPerDay":
        first = min(self.first_day, other.first_day)
        words = tuple(sorted(set(self.words) | set(other.words)))
        column = {word: i for i, word in enumerate(words)}
        parts = []
        for part in (self, other):
            coo = part.counts.tocoo()
            offset = (part.first_day - first).days
            parts.append((coo.row + offset, np.array([column[part.words[c]] for c in coo.col], dtype=int), coo.data))
        rows, cols, data = (np.concatenate(values) for values in zip(*parts))
        days = (
            max(
                self.first_day + timedelta(days=self.counts.shape[0]),
                other.first_day + timedelta(days=other.counts.shape[0]),
            )
            - first
        )
        return WordsPerDay(first, words, sparse.csr_matrix((data, (rows, cols)), shape=(days.days, len(words))))


class EmergingTermDetector:
    """fit(day_term, words, doc_term) finds topics_: words with a burst after a quiet history."""

    def __init__(
        self,
        *,
        window_days=14,
        history_days=120,
        min_history_days=42,
        min_count=15,
        quiet_ratio=0.1,
        min_cooccurrence=0.3,
        max_terms=6,
    ):
        self.window_days = window_days
        self.history_days = history_days
        self.min_history_days = min_history_days
        self.min_count = min_count
        self.quiet_ratio = quiet_ratio
        self.min_cooccurrence = min_cooccurrence
        self.max_terms = max_terms

    def fit(self, words_per_day: WordsPerDay, doc_term: sparse.spmatrix, doc_words, first_onset: int = 0):
        """doc_term: distinct texts × doc_words (0/1), to group words that share texts; onsets before
        day number `first_onset` are not looked for (they were, in an earlier run)."""
        day_term, words = words_per_day.counts, words_per_day.words
        totals = np.asarray(day_term.sum(axis=0)).ravel()
        candidates = np.flatnonzero(totals >= self.min_count)
        counts = day_term[:, candidates].toarray().astype(float)
        onsets = self._onsets(counts, first_onset)
        found = [(candidates[c], day, recent, hist) for c, (day, recent, hist) in onsets.items()]
        self.topics_ = self._group(found, words, doc_term, {word: i for i, word in enumerate(doc_words)})
        return self

    def _onsets(self, counts: np.ndarray, first_onset: int) -> dict[int, tuple[int, float, float]]:
        days = counts.shape[0]
        cum = np.vstack([np.zeros((1, counts.shape[1])), np.cumsum(counts, axis=0)])
        result = {}
        for t in range(max(self.min_history_days, first_onset), days):
            end = min(days, t + self.window_days)
            recent = cum[end] - cum[t]
            history = cum[t] - cum[max(0, t - self.history_days)]
            history_days = min(t, self.history_days)
            recent_rate, history_rate = recent / (end - t), history / history_days
            burst = (recent >= self.min_count) & (counts[t] > 0) & (history_rate <= self.quiet_ratio * recent_rate)
            if t >= YEAR + self.window_days:
                last_year = cum[t - YEAR + self.window_days] - cum[t - YEAR]
                burst &= last_year < 0.3 * recent * self.window_days / (end - t)
            for column in np.flatnonzero(burst):
                result.setdefault(int(column), (t, float(recent[column]), float(history_rate[column])))
        return result

    def _group(self, found, words, doc_term, doc_column) -> list[EmergingTopic]:
        if not found:
            return []
        present = sparse.hstack(
            [
                doc_term[:, [doc_column[words[f[0]]]]]
                if words[f[0]] in doc_column
                else sparse.csr_matrix((doc_term.shape[0], 1))
                for f in found
            ]
        ).tocsr()
        present = (present > 0).astype(np.float32)
        together = (present.T @ present).toarray()
        frequency = np.diag(together)

        def linked(i, j):
            close = abs(found[i][1] - found[j][1]) <= 7
            return close and together[i, j] / max(min(frequency[i], frequency[j]), 1) >= self.min_cooccurrence

        topics = []
        for members in linked_groups(len(found), linked):
            members.sort(key=lambda i: -found[i][2])
            lead = found[members[0]]
            start = min(found[i][1] for i in members)
            magnitude = lead[2] / max(lead[3] * self.window_days, 1.0) - 1  # from at most one per window
            expected = lead[3] * self.window_days
            topics.append(
                EmergingTopic(
                    terms=tuple(words[found[i][0]] for i in members[: self.max_terms]),
                    term_columns=tuple(int(found[i][0]) for i in members[: self.max_terms]),
                    start=start,
                    recent=int(lead[2]),
                    magnitude=float(magnitude),
                    score=float((lead[2] - expected) / np.sqrt(expected + 1)),
                )
            )
        return sorted(topics, key=lambda topic: topic.start)
