"""The labelling of a full analysis: train on a sample, then classify and store the signals range by range.

The classifier learns from a bounded, fixed sample (every k-th signal by id), is stored in the analysis
state, and each range of signal ids is then labelled on its own: by the same process, or as a part job
on any worker (patterns/jobs.py) that reads the stored model. A range labelled twice gets the same labels.
"""

import pickle

from django.db.models import Max, Min

from leerlus.analysis.engine import SignalClassifier, TextIndex
from leerlus.core.models import Service, Signal
from leerlus.patterns import signal_store
from leerlus.patterns.models import AnalysisState

TRAINING_SAMPLE = 250_000  # signals to learn from: the service model takes at most 200,000, the topics 30,000
PART_SIGNALS = 50_000  # signals per range: for 1,000,000 signals twenty parts, a few seconds each
_loaded: dict = {}  # the stored classifier as last read by this process, under its key


def training_sample():
    return signal_store.load_sample(TRAINING_SAMPLE)


def train(state: AnalysisState, frame) -> SignalClassifier:
    """Fits the classifier on the sample, stores it and marks the state incomplete until the run ends."""
    aliases = {s.name: [a.strip() for a in s.aliases.splitlines() if a.strip()] for s in Service.objects.all()}
    names = signal_store.service_names()
    classifier = SignalClassifier(aliases=aliases).fit(
        frame.assign(service=frame["effective_service_id"].map(names)), TextIndex(frame["text"])
    )
    state.classifier, state.words_per_day = pickle.dumps(classifier), None
    state.save()
    return classifier


def id_ranges(size: int = PART_SIGNALS) -> list[tuple[int, int]]:
    """The signal ids cut into ranges of about `size` signals (ids are mostly consecutive), first and last included."""
    bounds = Signal.objects.aggregate(first=Min("pk"), last=Max("pk"))
    if bounds["first"] is None:
        return []
    starts = range(bounds["first"], bounds["last"] + 1, size)
    return [(first, min(first + size - 1, bounds["last"])) for first in starts]


def stored_classifier(key) -> SignalClassifier:
    """The classifier of the running full analysis, read once per process for each `key` (the run)."""
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = pickle.loads(AnalysisState.objects.values_list("classifier", flat=True).first())
    return _loaded[key]


def remember(key, classifier: SignalClassifier) -> None:
    """The process that trained the classifier keeps it, for the parts it takes itself."""
    _loaded.clear()
    _loaded[key] = classifier


def label_range(first: int, last: int, classifier: SignalClassifier) -> int:
    """Classifies the signals with ids first..last and stores their labels; returns how many there were."""
    frame = signal_store.load_signals(id_range=(first, last))
    if frame.empty:
        return 0
    names = signal_store.service_names()
    labels = classifier.transform(frame.assign(service=frame["service_id"].map(names)), TextIndex(frame["text"]))
    signal_store.store_labels(labels)
    return len(labels)
