"""A pattern's evidence in words: the distinctive terms of its window against the weeks before, and examples."""

from collections import Counter

from leerlus.analysis.text import tokenize


def distinctive_terms(inside: list[str], before: list[str], top: int = 5) -> tuple[str, ...]:
    """Words that are at least 1.5 times as common in `inside` as in `before` (and not rare inside)."""
    now = Counter(word for text in inside for word in set(tokenize(text)))
    then = Counter(word for text in before for word in set(tokenize(text)))
    minimum = max(3, 0.05 * len(inside))
    lift = {
        word: (n + 0.5) / max(len(inside), 1) / ((then[word] + 0.5) / max(len(before), 1))
        for word, n in now.items()
        if n >= minimum
    }
    return tuple(word for word in sorted(lift, key=lambda w: (-lift[w], w))[:top] if lift[word] > 1.5)


def examples(ids: list[int], texts: list[str], terms: tuple[str, ...], limit: int) -> tuple[int, ...]:
    """Signal ids with a text, those that use the pattern's words first."""
    with_words = [i for i, t in zip(ids, texts) if t and any(w in t.lower() for w in terms)]
    others = [i for i, t in zip(ids, texts) if t and i not in with_words]
    return tuple(int(i) for i in (with_words + others)[:limit])
