"""Groups items that are linked pairwise, directly or through others (connected components)."""

from collections.abc import Callable

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def linked_groups(count: int, linked: Callable[[int, int], bool]) -> list[list[int]]:
    """The groups of items 0..count-1, each in order, ordered by their first item."""
    pairs = [(i, j) for i in range(count) for j in range(i + 1, count) if linked(i, j)]
    rows, cols = (np.array(side, dtype=int) for side in zip(*pairs)) if pairs else (np.empty(0, int), np.empty(0, int))
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(count, count))
    _count, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for item, label in enumerate(labels):
        groups.setdefault(label, []).append(item)
    return list(groups.values())
