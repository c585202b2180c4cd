"""Intake: listening to every channel, from files today; the API and widget build on it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "leerlus.intake"
    label = "intake"
    verbose_name = _("Binnenkomst")

    def ready(self):
        from leerlus.intake import jobs  # noqa: F401  registers the "import" job
