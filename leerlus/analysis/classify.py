"""Classifies signals: which service (learned), failure or value demand, and sentiment.

The service classifier learns from the municipality's own signals that carry a service and falls
back to the service aliases when it is unsure. Failure demand (a contact caused by a failure to
do something, or to do it right, for the citizen: chasing progress, repeating, not understanding
a letter) and sentiment are read from Dutch cue phrases: no labelled Dutch data ships with any
package, and the cues are explainable to the people who read the results.
"""

import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

from leerlus.analysis.text import as_tokens, tokenize

FAILURE_CUES = [
    # chasing progress and waiting
    r"\bstatus\b",
    r"\bwacht(en)?\b.{0,30}\b(al|nog|op)\b",
    r"\bal\b.{0,25}\b(weken|maanden|dagen)\b",
    r"\bwaar blijft\b",
    r"\bhoe lang (nog|duurt)\b",
    r"\bduurt\b.{0,15}\b(lang|lange)\b",
    r"\bonderweg\b",
    r"\bnog steeds\b",
    r"\bnog altijd\b",
    r"\bnog (niet|geen|niks|niets)\b",
    # repeating and no answer
    r"\b(al|weer|opnieuw|wederom|nogmaals)\b.{0,25}\b(keer|gebeld|gemaild|gemeld|melding|opgestuurd|ingeleverd)\b",
    r"\b(tweede|derde|vierde|zoveelste) (keer|melding)\b",
    r"\beerder gemeld\b",
    r"\bal eerder\b",
    r"\bniemand\b",
    r"\bgeen (reactie|antwoord|bericht|terugkoppeling)\b",
    r"\bnooit\b",
    r"\bbelt?\b.{0,10}\bterug\b",
    r"\bterugbel",
    r"\bdezelfde (stukken|papieren|gegevens)\b",
    r"\bopnieuw\b",
    # not done, or not done right
    r"\bniet\b.{0,20}\b(geleegd|opgehaald|gekomen|verwerkt|ontvangen|overgemaakt|beantwoord|gerepareerd|gedaan)\b",
    r"\bklopt niet\b",
    r"\bfout",
    r"\bwerkt niet\b",
    r"\blukt niet\b",
    r"\bkapot\b",
    r"\bverkeerd",
    r"\bdoet het\b.{0,15}\bniet\b",
    r"\bzonder bericht\b",
    r"\bverzet\b",
    r"\bte veel\b",
    r"\btwee keer\b",
    r"\bdubbel\b",
    r"\bboete\b",
    r"\bvergeten\b",
    r"\bniet meer\b",
    r"\bgebeurt er niets\b",
    r"\bniets gebeurd\b",
    r"\bopent niet\b",
    r"\baccepteert\b.{0,30}\bniet\b",
    # not understanding
    r"\bbegrijp\b.{0,40}\bniet\b",
    r"\bsnap\b.{0,40}\bniet\b",
    r"\bonduidelijk\b",
    r"\bniet (duidelijk|te volgen)\b",
    r"\bwat (bedoelt|betekent)\b",
]
POSITIVE_CUES = [
    r"\bbedankt\b",
    r"\bdank (u|je) wel\b",
    r"\bdankjewel\b",
    r"\bfijn\b",
    r"\btevreden\b",
    r"\bprima\b",
    r"\bsnel geholpen\b",
    r"\bgoed geholpen\b",
    r"\bvriendelijk",
    r"\bduidelijk\b",
    r"\bsuper\b",
    r"\bgeweldig\b",
    r"\bhandig\b",
    r"\bcompliment",
    r"\bblij\b",
    r"\btop\b",
    r"\bmooi\b",
    r"\bprettig\b",
]
NEGATIVE_CUES = [
    r"\bboos\b",
    r"\bslecht",
    r"\bbelachelijk\b",
    r"\bschandalig\b",
    r"\bteleurgesteld\b",
    r"\bklacht",
    r"\bfrustrer",
    r"\birritant\b",
    r"\bonacceptabel\b",
    r"\bniemand\b",
    r"\bnooit\b",
    r"\bkapot\b",
    r"\bvies\b",
    r"\bgevaarlijk",
    r"\bonduidelijk\b",
    r"\bfout",
    r"\bwerkt niet\b",
    r"\blukt niet\b",
    r"\bnog steeds\b",
    r"\bniet (blij|tevreden|duidelijk|goed|fijn)\b",
    r"\bergerlijk\b",
    r"\bzorgen\b",
    r"\bschade\b",
    r"\bklopt niet\b",
    r"\bboete\b",
    r"\bwaarom duurt\b",
    r"\bzo lang\b",
]

_FAILURE = re.compile("|".join(FAILURE_CUES))
_POSITIVE = re.compile("|".join(POSITIVE_CUES))
_NEGATIVE = re.compile("|".join(NEGATIVE_CUES))
_NEGATED_POSITIVE = re.compile(r"\bniet (blij|tevreden|duidelijk|goed|fijn|prettig)\b")


def demand(text: str) -> str | None:
    """'failure' when the text shows a failure to do something (right) for the citizen, else 'value'."""
    if not text.strip():
        return None
    return "failure" if _FAILURE.search(text.lower()) else "value"


def sentiment(text: str) -> str | None:
    """'negative', 'neutral' or 'positive' from Dutch cue phrases; None without text."""
    if not text.strip():
        return None
    lowered = text.lower()
    negated = len(_NEGATED_POSITIVE.findall(lowered))
    score = len(_POSITIVE.findall(lowered)) - negated - len(_NEGATIVE.findall(lowered))
    return "positive" if score > 0 else "negative" if score < 0 else "neutral"


class ServiceClassifier:
    """Predicts the service of a text: a linear model on the municipality's own labelled signals,
    with the service names and aliases as a fallback when the model is unsure or untrained."""

    def __init__(self, *, min_examples=50, min_confidence=0.5, max_training=200_000, seed=0):
        self.min_examples = min_examples
        self.min_confidence = min_confidence
        self.max_training = max_training
        self.seed = seed

    def fit(self, tokens: list[list[str]], services: list[str | None], aliases: dict[str, list[str]]):
        """tokens: token lists of all texts; services: the given service per text or None."""
        self.alias_words_ = {}
        for service, words in aliases.items():
            for phrase in [service, *words]:
                for word in tokenize(phrase):
                    self.alias_words_.setdefault(word, service)
        labelled = [i for i, s in enumerate(services) if s and tokens[i]]
        rng = np.random.default_rng(self.seed)
        if len(labelled) > self.max_training:
            labelled = sorted(rng.choice(labelled, self.max_training, replace=False))
        classes = {services[i] for i in labelled}
        self.vectorizer_, self.model_ = None, None
        if len(labelled) >= self.min_examples and len(classes) >= 2:
            self.vectorizer_ = TfidfVectorizer(
                analyzer=as_tokens, sublinear_tf=True, min_df=2 if len(labelled) > 1000 else 1
            )
            features = self.vectorizer_.fit_transform([tokens[i] for i in labelled])
            self.model_ = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=20, tol=None, random_state=self.seed)
            self.model_.fit(features, [services[i] for i in labelled])
        return self

    def predict(self, tokens: list[list[str]]) -> list[str | None]:
        """The most likely service per text, or None when neither model nor aliases are sure enough."""
        predicted: list[str | None] = [self._by_alias(t) for t in tokens]
        if self.model_ is not None and tokens:
            features = self.vectorizer_.transform(tokens)
            probabilities = self.model_.predict_proba(features)
            best = probabilities.argmax(axis=1)
            known_words = np.diff(features.indptr) > 0  # a text without a known word gets no guess
            confident = (probabilities[np.arange(len(best)), best] >= self.min_confidence) & known_words
            for i in np.flatnonzero(confident):
                if tokens[i]:
                    predicted[i] = str(self.model_.classes_[best[i]])
        return predicted

    def _by_alias(self, tokens: list[str]) -> str | None:
        for word in tokens:
            if word in self.alias_words_:
                return self.alias_words_[word]
        return None
