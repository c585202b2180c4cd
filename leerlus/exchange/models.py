"""Subscriptions to other municipalities' feeds, the lessons pulled from them (kept by URI) and the incidents of
their early warning (signalen.json)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerlus.exchange.addresses import check_url
from leerlus.patterns.models import KINDS
from leerlus.playground.models import Lesson


class Subscription(models.Model):
    url = models.URLField(
        _("adres van de feed"),
        max_length=500,
        unique=True,
        help_text=_("Bijvoorbeeld https://leerlus.katwijk.nl/uitwisseling/lessen.json."),
    )
    municipality = models.CharField(
        _("gemeente"), max_length=200, blank=True, help_text=_("Zoals de feed zichzelf noemt (na het ophalen).")
    )
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    pulled_at = models.DateTimeField(_("laatst opgehaald"), null=True, blank=True, editable=False)
    error = models.TextField(_("fout bij het laatste ophalen"), blank=True, editable=False)
    etag = models.CharField(_("ETag"), max_length=200, blank=True, editable=False)
    signals_etag = models.CharField(_("ETag van de signalen"), max_length=200, blank=True, editable=False)
    signals_error = models.TextField(_("fout bij het laatste ophalen van de signalen"), blank=True, editable=False)
    from_file = models.BooleanField(
        _("uit een bestand"),
        default=False,
        editable=False,
        help_text=_("Gelezen met `leerlus exchange read`; wordt niet van het web opgehaald."),
    )

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["url"]

    def __str__(self):
        return self.municipality or self.url

    def clean(self):
        """Beheer refuses an internal address as `leerlus exchange subscribe` does (the pull checks it again)."""
        if self.url.startswith(("http://", "https://")):
            try:
                check_url(self.url)
            except OSError as error:
                raise ValidationError({"url": str(error)}) from None


class ForeignLesson(models.Model):
    """A lesson of another municipality, as its feed published it (text only: shown escaped, never as HTML)."""

    subscription = models.ForeignKey(Subscription, models.CASCADE, related_name="lessons", verbose_name=_("abonnement"))
    uri = models.URLField(_("vaste URI"), max_length=500)
    municipality = models.CharField(_("gemeente"), max_length=200)
    cbs_code = models.CharField(_("CBS-gemeentecode"), max_length=6, blank=True)
    licence = models.CharField(_("licentie"), max_length=10)
    title = models.CharField(_("titel"), max_length=200)
    problem = models.TextField(_("vraagstuk"))
    tried = models.TextField(_("wat ze probeerden"))
    happened = models.TextField(_("wat er gebeurde"))
    learned = models.TextField(_("wat ze leerden"))
    differently = models.TextField(_("wat ze anders zouden doen"), blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Lesson.Outcome.choices)
    effects = models.JSONField(_("gemeten effecten"), default=list)
    period_start = models.DateField(_("begin"), null=True, blank=True)
    period_end = models.DateField(_("einde"), null=True, blank=True)
    disciplines = models.JSONField(_("disciplines van het team"), default=list)
    services = models.JSONField(_("diensten"), default=list, help_text=_("Naam en UPL-code per dienst."))
    channels = models.JSONField(_("kanalen"), default=list)
    updated = models.DateTimeField(_("bijgewerkt op"))

    class Meta:
        verbose_name = _("les van elders")
        verbose_name_plural = _("lessen van elders")
        ordering = ["-updated"]
        constraints = [models.UniqueConstraint(fields=["subscription", "uri"], name="foreign_lesson_uri")]

    def __str__(self):
        return self.title


class ForeignIncident(models.Model):
    """An incident another municipality published in its early warning: figures and words, never texts."""

    subscription = models.ForeignKey(
        Subscription, models.CASCADE, related_name="incidents", verbose_name=_("abonnement")
    )
    municipality = models.CharField(_("gemeente"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=KINDS)
    start = models.DateField(_("begin"))
    last_day = models.DateField(
        _("laatste dag"), help_text=_("Het einde, of bij een incident dat nog duurt de laatste dag van hun gegevens.")
    )
    magnitude = models.FloatField(_("omvang"), help_text=_("Relatieve verandering: 0,9 is +90%."))
    services = models.JSONField(_("diensten"), default=list, help_text=_("Naam en UPL-code per dienst."))
    channels = models.JSONField(_("kanalen"), default=list)
    terms = models.JSONField(_("woorden"), default=list)
    size = models.PositiveIntegerField(_("aantal signalen"), null=True, blank=True)

    class Meta:
        verbose_name = _("incident van elders")
        verbose_name_plural = _("incidenten van elders")
        ordering = ["municipality", "start"]

    def __str__(self):
        return f"{self.municipality} {self.start}"
