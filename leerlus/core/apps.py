"""The core domain: organisation, departments, people, channels, services and signals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "leerlus.core"
    label = "core"
    verbose_name = _("Organisatie en signalen")
