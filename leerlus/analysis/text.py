"""Dutch text into words, once: every model of the analysis shares the same tokens.

Redaction tokens such as [BSN] and numbers are dropped, so that they never become a topic word, and
so is a capitalised word that is a known first name or surname (`names.py`): a name that slipped
through redaction is kept out of the words-per-day counts and the classifier's vocabulary.
Tokenising once and handing the token lists to scikit-learn's vectorisers (with `as_tokens` as
their analyzer) saves a full pass over a million texts per model.
"""

import re
from collections.abc import Iterable

from stop_words import get_stop_words

from leerlus.analysis.names import name_words

REDACTION_TOKEN = re.compile(r"\[[A-Z]+\]")
WORD = re.compile(r"[^\W\d_]{3,}")
# Words that say nothing about a subject in Dutch contact texts, on top of the standard list.
CONTACT_WORDS = {
    "graag",
    "wel",
    "mijn",
    "ik",
    "we",
    "wij",
    "jullie",
    "u",
    "uw",
    "kan",
    "kunnen",
    "moet",
    "moeten",
    "mag",
    "heb",
    "hebben",
    "heeft",
    "wordt",
    "worden",
    "zijn",
    "gaat",
    "waarom",
    "hoe",
    "wat",
    "waar",
    "wanneer",
    "welke",
    "beller",
    "bellen",
    "vraag",
    "vragen",
    "over",
    "nog",
    "niet",
    "al",
    "geen",
    "even",
    "keer",
    "goedemiddag",
    "goedemorgen",
    "hallo",
    "beste",
    "groet",
    "groeten",
    "vriendelijke",
    "alvast",
    "bedankt",
}
STOP_WORDS = frozenset(get_stop_words("dutch")) | CONTACT_WORDS


def tokenize(text: str) -> list[str]:
    """The content words of one text, lower case, in order; no names."""
    names = name_words()
    words = WORD.findall(REDACTION_TOKEN.sub(" ", text))
    return [w for w in (w.lower() for w in words if not (w[0].isupper() and w.lower() in names)) if w not in STOP_WORDS]


def tokenize_all(texts: Iterable[str]) -> list[list[str]]:
    return [tokenize(t) for t in texts]


def as_tokens(tokens: list[str]) -> list[str]:
    """The analyzer for scikit-learn vectorisers that receive token lists instead of strings."""
    return tokens
