"""The analysis core: a plain library without Django. Frames and strings in, results out."""

from importlib import import_module

# Where each public name lives. They are imported on first use: the estimators pull in SciPy and scikit-learn
# (about two seconds), which a command that only reads the database, or a model that names a SeriesKey, never needs.
_MODULES = {
    "PatternFinder": "engine",
    "SignalClassifier": "engine",
    "TextIndex": "engine",
    "REDACTION_KINDS": "redact",
    "Redactor": "redact",
    "redact": "redact",
    "Pattern": "results",
    "SeriesKey": "series",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str):
    if name not in _MODULES:
        raise AttributeError(f"module 'leerlus.analysis' has no attribute {name!r}")
    return getattr(import_module(f"leerlus.analysis.{_MODULES[name]}"), name)
