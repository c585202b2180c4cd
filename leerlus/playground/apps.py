"""The experiment playground: problems (vraagstukken) now; experiments, kaders and lessons follow."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaygroundConfig(AppConfig):
    name = "leerlus.playground"
    label = "playground"
    verbose_name = _("Proeftuin")
