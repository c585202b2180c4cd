"""The system view: what-if for service channels; the system map follows."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SystemviewConfig(AppConfig):
    name = "leerlus.systemview"
    label = "systemview"
    verbose_name = _("Systeemblik")
