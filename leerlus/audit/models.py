"""One line of the audit trail. Rows are only ever added: saving an existing row or deleting one is refused."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Het auditlog wordt alleen aangevuld, nooit gewijzigd.")

    def delete(self):
        raise PermissionError("Het auditlog wordt alleen aangevuld, nooit gewist.")


class AuditEntry(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", _("web")
        API = "api", _("API")
        CLI = "cli", _("opdrachtregel")
        ADMIN = "beheer", _("beheer")
        JOB = "taak", _("taak")
        SYSTEM = "systeem", _("systeem")

    class Action(models.TextChoices):
        CREATE = "create", _("aangemaakt")
        UPDATE = "update", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        VIEW = "view", _("bekeken")
        EXPORT = "export", _("geëxporteerd")
        LOGIN = "login", _("ingelogd")
        LOGIN_FAILED = "login_failed", _("inloggen mislukt")
        LOGOUT = "logout", _("uitgelogd")

    at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    actor = models.CharField(_("wie"), max_length=150, db_index=True)
    channel = models.CharField(_("via"), max_length=10, choices=Channel.choices)
    source = models.CharField(_("vanaf"), max_length=200, blank=True)
    action = models.CharField(_("handeling"), max_length=12, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("soort"), max_length=100)
    object_id = models.CharField(_("nummer"), max_length=64, blank=True)
    summary = models.CharField(_("wat"), max_length=300, blank=True)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Het auditlog wordt alleen aangevuld, nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Het auditlog wordt alleen aangevuld, nooit gewist.")
