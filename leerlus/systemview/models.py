"""The parts of the system map that people add: IT systems, and links they know of with a note."""

from django.db import models
from django.utils.translation import gettext_lazy as _

KINDS = [("kanaal", _("kanaal")), ("dienst", _("dienst")), ("afdeling", _("afdeling")), ("systeem", _("IT-systeem"))]


class ItSystem(models.Model):
    name = models.CharField(
        _("naam"), max_length=200, unique=True, help_text=_("Bijvoorbeeld: zaaksysteem, KCC-systeem, website.")
    )
    description = models.TextField(_("omschrijving"), blank=True, help_text=_("Waarvoor het wordt gebruikt."))

    class Meta:
        verbose_name = _("IT-systeem")
        verbose_name_plural = _("IT-systemen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DrawnLink(models.Model):
    """A link between two parts of the system that people know of (the analysis learns the others)."""

    source_kind = models.CharField(_("van (soort)"), max_length=10, choices=KINDS)
    source = models.CharField(
        _("van"), max_length=200, help_text=_("Naam van het kanaal, de dienst, afdeling of het systeem.")
    )
    target_kind = models.CharField(_("naar (soort)"), max_length=10, choices=KINDS)
    target = models.CharField(_("naar"), max_length=200)
    note = models.TextField(_("toelichting"), help_text=_("Wat het verband is en hoe we het weten."))

    class Meta:
        verbose_name = _("getekend verband")
        verbose_name_plural = _("getekende verbanden")

    def __str__(self):
        return f"{self.source} → {self.target}"
