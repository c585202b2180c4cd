"""One row per background job: what it is, where it stands, what it said and what it produced."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Kinds of which at most one job waits at a time: a second request joins the waiting one.
SINGLE_KINDS = ("analysis",)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("wachtend")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")
        CANCELLED = "cancelled", _("geannuleerd")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField(_("soort"), max_length=40)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("resultaat"), null=True, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    stage = models.CharField(_("fase"), max_length=200, blank=True)
    done = models.PositiveBigIntegerField(_("gedaan"), default=0)
    total = models.PositiveBigIntegerField(_("totaal"), null=True, blank=True)
    log = models.JSONField(_("logboek"), default=list, blank=True)
    cancel_requested = models.BooleanField(_("annuleren gevraagd"), default=False)
    inline = models.BooleanField(
        _("in de opdrachtregel"),
        default=False,
        help_text=_("Draait in het proces dat haar startte, niet op een worker."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gestart door"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("laatste teken van leven"),
        null=True,
        blank=True,
        help_text=_("Bij een lopende taak: de laatste hartslag; bij een wachtende: wanneer ze naar de wachtrij ging."),
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("deel van"),
        null=True,
        blank=True,
        related_name="parts",
        on_delete=models.CASCADE,
        help_text=_("Bij een deel van een grotere taak (een analyse in stukken): die taak."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        indexes = [models.Index(fields=["status", "heartbeat_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(status="queued", kind__in=SINGLE_KINDS),
                name="jobs_one_waiting_per_single_kind",
            )
        ]

    def __str__(self):
        return self.title or self.kind

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
