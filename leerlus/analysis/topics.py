"""Discovers topics in signal texts: TF-IDF, latent semantic analysis and k-means, each topic
labelled with its top words.

Stable by construction: a fixed seed, and topics numbered by size, so the same data gives the same
topics. The number of topics is chosen by the silhouette score among a few candidates. New
vocabulary that the fitted model does not know is left to the emerging-topic detector
(`emerging.py`), which counts every word; a full analysis refits the topics.
"""

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from leerlus.analysis.text import as_tokens


@dataclass(frozen=True)
class Topic:
    number: int
    terms: tuple[str, ...]
    size: int


class TopicModel:
    """fit(token lists) learns topics_; transform(token lists) gives a topic number per text (-1: none)."""

    def __init__(self, *, n_topics=None, candidates=(6, 10, 15, 20, 30), top_words=5, sample_size=30_000,
                 min_similarity=0.05, seed=0):
        self.n_topics = n_topics
        self.candidates = candidates
        self.top_words = top_words
        self.sample_size = sample_size
        self.min_similarity = min_similarity
        self.seed = seed

    def fit(self, tokens: list[list[str]], weights=None):
        """tokens: one token list per distinct text; weights: how often each text occurs (default 1)."""
        rng = np.random.default_rng(self.seed)
        weights = np.ones(len(tokens)) if weights is None else np.asarray(weights, dtype=float)
        keep = [i for i, t in enumerate(tokens) if t]
        if len(keep) > self.sample_size:
            keep = sorted(rng.choice(keep, self.sample_size, replace=False))
        docs, weights = [tokens[i] for i in keep], weights[keep]
        self.vectorizer_ = TfidfVectorizer(analyzer=as_tokens, sublinear_tf=True, min_df=2 if len(docs) > 1000 else 1,
                                           max_df=0.5 if len(docs) > 20 else 1.0)
        features = self.vectorizer_.fit_transform(docs)
        components = max(1, min(100, features.shape[1] - 1, features.shape[0] - 1))
        reduced = normalize(TruncatedSVD(components, random_state=self.seed).fit_transform(features))
        labels = self._cluster(reduced, weights)
        centroids = np.vstack([np.asarray(features[labels == k].mean(axis=0)).ravel() for k in range(labels.max() + 1)])
        sizes = np.bincount(labels, weights=weights).round().astype(int)
        order = np.argsort(-sizes, kind="stable")
        self.centroids_ = normalize(centroids[order])
        words = self.vectorizer_.get_feature_names_out()
        self.topics_ = [
            Topic(number, tuple(words[i] for i in np.argsort(-self.centroids_[number])[: self.top_words]
                                if self.centroids_[number][i] > 0), int(sizes[k]))
            for number, k in enumerate(order)
        ]
        return self

    def _cluster(self, reduced: np.ndarray, weights: np.ndarray) -> np.ndarray:
        distinct = len(np.unique(reduced.round(6), axis=0))
        options = [self.n_topics] if self.n_topics else [k for k in self.candidates if k < distinct] or [max(1, distinct)]
        best_labels, best_score = None, -2.0
        for k in options:
            labels = KMeans(k, n_init=3, random_state=self.seed).fit_predict(reduced, sample_weight=weights)
            if len(options) == 1:
                return labels
            score = silhouette_score(reduced, labels, sample_size=min(4000, len(labels)), random_state=self.seed)
            if score > best_score:
                best_labels, best_score = labels, score
        return best_labels

    def transform(self, tokens: list[list[str]]) -> np.ndarray:
        if not tokens:
            return np.empty(0, dtype=int)
        similarity = np.asarray(self.vectorizer_.transform(tokens) @ self.centroids_.T)
        best = similarity.argmax(axis=1)
        best[similarity.max(axis=1) < self.min_similarity] = -1
        return best
