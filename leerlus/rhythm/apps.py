"""The learning rhythm: monthly retrospective brief, quarterly citizen conversations, six-monthly
governance check, and the calendar that holds them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RhythmConfig(AppConfig):
    name = "leerlus.rhythm"
    label = "rhythm"
    verbose_name = _("Leerritme")

    def ready(self):
        from leerlus.rhythm import jobs  # noqa: F401  registers the "brief" job
