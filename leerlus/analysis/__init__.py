"""The analysis core: a plain library without Django. Frames and strings in, results out."""

from leerlus.analysis.engine import PatternFinder, SignalClassifier, TextIndex
from leerlus.analysis.redact import REDACTION_KINDS, Redactor, redact
from leerlus.analysis.results import Pattern
from leerlus.analysis.series import SeriesKey

__all__ = [
    "REDACTION_KINDS",
    "Pattern",
    "PatternFinder",
    "Redactor",
    "SeriesKey",
    "SignalClassifier",
    "TextIndex",
    "redact",
]
