"""The core domain: organisation, departments, people, channels, services and signals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "leerlus.core"
    label = "core"
    verbose_name = _("Organisatie en signalen")

    def ready(self):
        from leerlus.core.data_version import renew_on_change
        from leerlus.core.models import Service

        renew_on_change(Service)  # a service's name is a label in the cached charts and pattern lists
