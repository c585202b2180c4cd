"""The jobs app: the Job table, the registry of job kinds and the Celery task that runs them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "leerlus.jobs"
    label = "jobs"
    verbose_name = _("Taken")

    def ready(self):
        from importlib import import_module

        from django.conf import settings

        for name in settings.JOB_MODULES:  # the built-in kinds register from their own apps' ready()
            import_module(name.strip())
