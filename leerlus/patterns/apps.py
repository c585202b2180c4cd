"""Patterns, not single complaints: the analysis runs, the patterns it found and what people decided."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatternsConfig(AppConfig):
    name = "leerlus.patterns"
    label = "patterns"
    verbose_name = _("Patronen")

    def ready(self):
        from leerlus.patterns import jobs  # noqa: F401  registers the "analysis" job
