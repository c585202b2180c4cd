"""Patterns, not single complaints: the analysis runs, the patterns it found and what people decided."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatternsConfig(AppConfig):
    name = "leerlus.patterns"
    label = "patterns"
    verbose_name = _("Patronen")

    def ready(self):
        from leerlus.core.data_version import renew_on_change
        from leerlus.patterns import jobs  # noqa: F401  registers the "analysis" job
        from leerlus.patterns.models import AnalysisState, Incident, IncidentMarking, KnownEvent, Pattern

        # the start page's incidents and the patterns list are cached per data version
        renew_on_change(AnalysisState, Incident, IncidentMarking, KnownEvent, Pattern)
