"""One import run of a file: what it read, kept, skipped and why."""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_STORED_ERRORS = 1000


class ImportBatch(models.Model):
    file_name = models.CharField(_("bestandsnaam"), max_length=255, help_text=_("Naam van het ingelezen bestand."))
    file_format = models.CharField(_("formaat"), max_length=20, help_text=_("csv, xlsx, json, …"))
    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("door"),
    )
    read = models.PositiveIntegerField(_("gelezen"), default=0, help_text=_("Aantal gelezen rijen."))
    imported = models.PositiveIntegerField(_("opgeslagen"), default=0, help_text=_("Aantal nieuwe signalen."))
    duplicates = models.PositiveIntegerField(_("dubbel"), default=0, help_text=_("Rijen die er al waren."))
    rejected = models.PositiveIntegerField(_("afgewezen"), default=0, help_text=_("Rijen met een fout."))
    redacted = models.JSONField(_("verwijderde persoonsgegevens"), default=dict, help_text=_("Aantal per soort."))
    errors = models.JSONField(
        _("fouten"),
        default=list,
        help_text=_("Regelnummer, redencode en gegevens per afgewezen rij (de eerste 1000)."),
    )
    rejected_by_reason = models.JSONField(
        _("afgewezen per reden"),
        default=list,
        help_text=_("Per redencode: aantal, de eerste regelnummers en, bij onbekende kanalen, de codes."),
    )
    rejected_file = models.CharField(
        _("lijst van afgewezen regels"),
        max_length=255,
        blank=True,
        help_text=_("CSV-bestand met alle afgewezen regels, in de datamap; leeg als er geen waren."),
    )
    seconds = models.FloatField(_("duur in seconden"), default=0)

    class Meta:
        verbose_name = _("importronde")
        verbose_name_plural = _("importrondes")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.file_name} ({self.started_at:%d-%m-%Y %H:%M})"

    def rejected_path(self) -> Path | None:
        """The CSV file with every rejected line, or None when there were none (or it was removed)."""
        if not self.rejected_file:
            return None
        path = settings.HOME / self.rejected_file
        return path if path.is_file() else None


class Source(models.Model):
    """A named way in for signals: a saved mapping for files of one kind, or a system that is synced on a schedule."""

    class Kind(models.TextChoices):
        FILE = "bestand", _("Bestand")
        SIGNALEN = "signalen", _("Signalen (REST API)")
        SIGNALEN_CSV = "signalen-csv", _("Signalen (datawarehouse-ZIP)")
        OPENKLANT = "openklant", _("Open Klant (klantcontacten)")
        KISS = "kiss", _("KISS (contactmomentendetails)")
        IMAP = "imap", _("Gedeelde mailbox (IMAP)")

    name = models.CharField(
        _("naam"),
        max_length=100,
        unique=True,
        help_text=_("Naam waaronder u deze bron kiest, bijv. 'KISS maandexport'."),
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.FILE, help_text=_("Hoe de signalen binnenkomen.")
    )
    mapping = models.JSONField(
        _("koppeling"),
        default=dict,
        blank=True,
        help_text=_("Formaat, kolommen, kanaalwaarden en het kanaal of de datum voor het hele bestand."),
    )
    url = models.CharField(
        _("adres"),
        max_length=500,
        blank=True,
        help_text=_("Adres van de API, het ZIP-bestand (of een pad) of de mailbox (imaps://gebruiker@server/INBOX)."),
    )
    token_file = models.CharField(
        _("sleutelbestand"),
        max_length=500,
        blank=True,
        help_text=_("Pad naar het bestand met de sleutel of het wachtwoord; gelezen bij elke synchronisatie."),
    )
    every = models.DurationField(
        _("elke"),
        null=True,
        blank=True,
        help_text=_("Hoe vaak de bron wordt gesynchroniseerd; leeg: alleen met de hand."),
    )
    cursor = models.CharField(
        _("stand"),
        max_length=200,
        blank=True,
        help_text=_("Tot waar de vorige synchronisatie kwam (moment of nummer); de volgende gaat daar verder."),
    )
    last_sync_at = models.DateTimeField(_("laatst gesynchroniseerd"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True, help_text=_("Leeg na een geslaagde synchronisatie."))
    failures = models.PositiveIntegerField(_("mislukt op rij"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, verbose_name=_("aangemaakt door")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(
        _("laatst gebruikt"), null=True, blank=True, help_text=_("Moment van de laatste import met deze bron.")
    )

    FAILING_AFTER = 3  # failed syncs in a row before the start page names the source

    class Meta:
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_failing(self) -> bool:
        return self.failures >= self.FAILING_AFTER


class WidgetSite(models.Model):
    """A website allowed to send page feedback through the widget (the CORS allow-list)."""

    origin = models.CharField(
        _("website"),
        max_length=200,
        unique=True,
        help_text=_("Schema, host en eventueel poort, zonder pad: bijv. https://www.voorbeeldstad.nl."),
    )
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("website met feedbackwidget")
        verbose_name_plural = _("websites met feedbackwidget")
        ordering = ["origin"]

    def __str__(self):
        return self.origin


class PageFeedback(models.Model):
    """One widget submission waiting to become a signal: already redacted, moved by the 'widget' job in batches."""

    key = models.UUIDField(
        _("sleutel"), unique=True, help_text=_("Door het script gemaakt: een herhaling telt één keer.")
    )
    received_at = models.DateTimeField(_("ontvangen op"))
    page = models.CharField(_("pagina"), max_length=500, help_text=_("Adres van de pagina, zonder query en fragment."))
    useful = models.BooleanField(_("geholpen"), null=True, help_text=_("Ja of nee; leeg als de bezoeker niet koos."))
    text = models.TextField(_("tekst"), blank=True, help_text=_("Wat de bezoeker zocht, zonder persoonsgegevens."))

    class Meta:
        verbose_name = _("paginafeedback in de wachtrij")
        verbose_name_plural = _("paginafeedback in de wachtrij")
