"""Discovers topics in signal texts: TF-IDF, latent semantic analysis and k-means, each topic
labelled with its top words.

Stable by construction: a fixed seed, and topics numbered by size, so the same data gives the same
topics. The number of topics is chosen cheaply: k-means first cuts the texts into many small
clusters, their centroids are merged bottom-up (average linkage, cosine), and the cut of that
tree with the best silhouette score on a sample wins — one k-means run instead of one per
candidate number. New
vocabulary that the fitted model does not know is left to the emerging-topic detector
(`emerging.py`), which counts every word; a full analysis refits the topics.
"""

from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.metrics.pairwise import cosine_distances
from sklearn.preprocessing import normalize

from leerlus.analysis.text import as_tokens


@dataclass(frozen=True)
class Topic:
    number: int
    terms: tuple[str, ...]
    size: int


class TopicModel:
    """fit(token lists) learns topics_; transform(token lists) gives a topic number per text (-1: none)."""

    def __init__(
        self,
        *,
        n_topics=None,
        max_topics=40,
        min_topics=3,
        top_words=5,
        label_weight=0.25,
        sample_size=30_000,
        min_similarity=0.05,
        seed=0,
    ):
        self.n_topics = n_topics
        self.max_topics = max_topics
        self.min_topics = min_topics
        self.top_words = top_words
        self.label_weight = label_weight  # a label word weighs at least this share of the topic's top word
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
        if len({tuple(d) for d in docs}) < 2:  # a category-only export has no texts to find topics in
            self.vectorizer_, self.centroids_, self.topics_ = None, None, []
            return self
        self.vectorizer_ = TfidfVectorizer(
            analyzer=as_tokens,
            sublinear_tf=True,
            min_df=2 if len(docs) > 1000 else 1,
            max_df=0.5 if len(docs) > 20 else 1.0,
        )
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
            Topic(
                number,
                tuple(
                    words[i]
                    for i in np.argsort(-self.centroids_[number])[: self.top_words]
                    if self.centroids_[number][i] >= self.label_weight * self.centroids_[number].max()
                ),
                int(sizes[k]),
            )
            for number, k in enumerate(order)
        ]
        return self

    def _cluster(self, reduced: np.ndarray, weights: np.ndarray) -> np.ndarray:
        distinct = len(np.unique(reduced.round(6), axis=0))
        fine_k = min(self.n_topics or self.max_topics, distinct)
        fine = KMeans(fine_k, n_init=2, random_state=self.seed).fit(reduced, sample_weight=weights)
        if self.n_topics or fine_k <= self.min_topics:
            return fine.labels_
        tree = linkage(normalize(fine.cluster_centers_), method="average", metric="cosine")
        rng = np.random.default_rng(self.seed)
        probe = rng.choice(len(reduced), min(2000, len(reduced)), replace=False, p=weights / weights.sum())
        distances = cosine_distances(reduced[probe])  # once, for every cut
        np.fill_diagonal(distances, 0.0)
        best_labels, best_score = fine.labels_, -2.0
        for k in range(self.min_topics, fine_k + 1):
            labels = fcluster(tree, k, criterion="maxclust")[fine.labels_] - 1
            if len(np.unique(labels[probe])) < 2:
                continue
            score = silhouette_score(distances, labels[probe], metric="precomputed")
            if score > best_score:
                best_labels, best_score = labels, score
        return np.unique(best_labels, return_inverse=True)[1]

    def transform(self, tokens: list[list[str]]) -> np.ndarray:
        if self.vectorizer_ is None:
            return np.full(len(tokens), -1, dtype=int)
        if not tokens:
            return np.empty(0, dtype=int)
        similarity = np.asarray(self.vectorizer_.transform(tokens) @ self.centroids_.T)
        best = similarity.argmax(axis=1)
        best[similarity.max(axis=1) < self.min_similarity] = -1
        return best
