"""Reads patterns: the filtered overview (newest and strongest first) and the JSON of PRODUCT.md."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from leerlus.core.channels import CHANNELS
from leerlus.errors import InputError
from leerlus.patterns.models import KINDS, AnalysisState, Pattern

KIND_NAMES = [kind for kind, _label in KINDS]


@dataclass(frozen=True)
class PatternFilter:
    since: date | None = None
    kind: str | None = None
    channel: str | None = None
    service: str | None = None
    dismissed: bool = False  # show the dismissed ones instead

    def validate(self) -> "PatternFilter":
        if self.kind and self.kind not in KIND_NAMES:
            raise InputError(_("Onbekende soort '%(v)s'. Kies uit: %(keuzes)s.") % {"v": self.kind, "keuzes": ", ".join(KIND_NAMES)})
        if self.channel and self.channel not in CHANNELS:
            raise InputError(_("Onbekend kanaal '%(v)s'. Kies uit: %(keuzes)s.") % {"v": self.channel, "keuzes": ", ".join(CHANNELS)})
        return self


def pattern_list(f: PatternFilter):
    f.validate()
    patterns = Pattern.objects.select_related("service", "problem")
    patterns = patterns.filter(status=Pattern.Status.DISMISSED) if f.dismissed else patterns.exclude(status=Pattern.Status.DISMISSED)
    if f.since:
        # a pattern that is still going on (a trend, a lasting shift) counts as long as it lasts
        patterns = patterns.filter(start__gte=f.since) | patterns.filter(end__isnull=True, kind="trend")
    if f.kind:
        patterns = patterns.filter(kind=f.kind)
    if f.channel:
        patterns = patterns.filter(channel=f.channel)
    if f.service:
        patterns = patterns.filter(service__name__iexact=f.service)
    return patterns.order_by("-start", "-score")


def pattern_as_json(pattern: Pattern) -> dict:
    """One pattern exactly as in `leerlus patterns --json` (PRODUCT.md)."""
    document = {
        "id": pattern.id,
        "kind": pattern.kind,
        "start": pattern.start.isoformat(),
        "end": pattern.end.isoformat() if pattern.end else None,
        "channel": pattern.channel or None,
        "service": pattern.service.name if pattern.service_id else None,
        "terms": pattern.terms,
        "magnitude": pattern.magnitude,
        "score": pattern.score,
        "summary": pattern.summary,
        "examples": pattern.examples,
    }
    if pattern.kind == "ripple":
        document.update(cause=pattern.cause, effect=pattern.effect, lag_days=pattern.lag_days)
    return document


def patterns_document(f: PatternFilter) -> dict:
    state = AnalysisState.objects.first()
    return {
        "data_until": state.data_until.isoformat() if state and state.data_until else None,
        "patterns": [pattern_as_json(p) for p in pattern_list(f)],
    }


def series_rows(pattern: Pattern) -> list[tuple[date, float, float | None]]:
    """The pattern's series as (day, observed, expected) rows."""
    series = pattern.series or {}
    if not series.get("first_day"):
        return []
    first = date.fromisoformat(series["first_day"])
    expected = series.get("expected") or []
    return [(first + timedelta(days=i), value, expected[i] if i < len(expected) else None)
            for i, value in enumerate(series.get("observed", []))]
