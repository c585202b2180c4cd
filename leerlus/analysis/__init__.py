"""The analysis core: a plain library without Django. Frames and strings in, results out."""

from leerlus.analysis.redact import REDACTION_KINDS, Redactor, redact

__all__ = ["REDACTION_KINDS", "Redactor", "redact"]
