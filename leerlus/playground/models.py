"""Problems (vraagstukken): what patterns point at and what an experiment will serve."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Problem(models.Model):
    title = models.CharField(_("titel"), max_length=200, help_text=_("Het vraagstuk in één zin."))
    description = models.TextField(_("toelichting"), blank=True, help_text=_("Wat speelt er, voor wie, sinds wanneer?"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vraagstuk")
        verbose_name_plural = _("vraagstukken")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
