"""The audit app: connects the recorder to every model save and delete, and to logins and logouts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "leerlus.audit"
    label = "audit"
    verbose_name = _("Auditlog")

    def ready(self):
        from leerlus.audit import recorder

        recorder.connect()
