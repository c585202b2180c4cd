"""Topic discovery: leerlus' TopicModel next to BERTopic on the same texts with known topics.

Usage: python benchmarks/topic_discovery.py [--texts 100000]   (needs the bench extra: make bench)
BERTopic runs on the CPU with a scikit-learn TF-IDF + TruncatedSVD pipeline as its embedding
model (no download), with its default UMAP and HDBSCAN. Prints the time of each, their ratio and
the adjusted Rand index of each against the known topics.
"""

import argparse
import time

import numpy as np
import pandas as pd
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score
from sklearn.pipeline import make_pipeline

from leerlus.analysis import synthetic
from leerlus.analysis.engine import TextIndex
from leerlus.analysis.topics import TopicModel


def leerlus_topics(texts: list[str]) -> list[int]:
    index = TextIndex(pd.Series(texts))
    model = TopicModel(seed=0).fit(index.tokens, np.bincount(index.codes))
    return list(model.transform(index.tokens)[index.codes])


def bertopic_topics(texts: list[str]) -> list[int]:
    from bertopic import BERTopic

    embedding = make_pipeline(TfidfVectorizer(), TruncatedSVD(100, random_state=0))
    topics, _probabilities = BERTopic(embedding_model=embedding).fit_transform(texts)
    return list(topics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=100_000)
    args = parser.parse_args()
    texts, truth = synthetic.topic_texts(args.texts)
    results = {}
    for name, method in (("leerlus", leerlus_topics), ("BERTopic", bertopic_topics)):
        started = time.perf_counter()
        labels = method(texts)
        results[name] = (time.perf_counter() - started, adjusted_rand_score(truth, labels), len(set(labels)))
    for name, (seconds, ari, topics) in results.items():
        print(f"{name:<9} {seconds:7.1f} s   adjusted Rand index {ari:.3f}   topics {topics}")
    print(
        f"speed-up: {results['BERTopic'][0] / results['leerlus'][0]:.1f}x  ({args.texts:,} texts, "
        f"{len(synthetic.TOPICS)} known topics)"
    )


if __name__ == "__main__":
    main()
