"""Patterns with their evidence, the topics they speak of, and the state of the analysis."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerlus.core.channels import CHANNEL_CHOICES
from leerlus.core.models import Service

KINDS = [
    ("spike", _("piek")),
    ("level_shift", _("niveauverschuiving")),
    ("trend", _("trend")),
    ("emerging_topic", _("nieuw onderwerp")),
    ("ripple", _("rimpeling")),
]


class Topic(models.Model):
    number = models.SmallIntegerField(_("nummer"), unique=True)
    terms = models.JSONField(_("woorden"), help_text=_("De woorden die het onderwerp het best beschrijven."))
    size = models.PositiveIntegerField(_("omvang"), help_text=_("Aantal teksten waarop het onderwerp is geleerd."))

    class Meta:
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        ordering = ["number"]

    def __str__(self):
        return ", ".join(self.terms[:3])


class Pattern(models.Model):
    class Status(models.TextChoices):
        NEW = "nieuw", _("nieuw")
        ACKNOWLEDGED = "erkend", _("erkend")
        DISMISSED = "afgewezen", _("afgewezen")

    kind = models.CharField(_("soort"), max_length=20, choices=KINDS)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True, help_text=_("Leeg: het duurt nog voort."))
    channel = models.CharField(_("kanaal"), max_length=20, choices=CHANNEL_CHOICES, blank=True,
                               help_text=_("Leeg: over alle kanalen."))
    service = models.ForeignKey(Service, models.SET_NULL, null=True, blank=True, verbose_name=_("dienst"),
                                help_text=_("Leeg: over alle diensten."))
    topic = models.SmallIntegerField(_("onderwerp"), null=True, blank=True)
    terms = models.JSONField(_("woorden"), default=list)
    magnitude = models.FloatField(_("omvang"), help_text=_("Relatieve verandering: 0,9 is +90%."))
    score = models.FloatField(_("sterkte"), help_text=_("Hoe sterk het bewijs is; vergelijkbaar tussen reeksen."))
    summary = models.TextField(_("samenvatting"))
    examples = models.JSONField(_("voorbeelden"), default=list, help_text=_("Nummers van voorbeeldsignalen."))
    evidence = models.JSONField(_("ook gezien in"), default=list, help_text=_("Andere reeksen met dezelfde gebeurtenis."))
    cause = models.JSONField(_("oorzaak"), null=True, blank=True)
    effect = models.JSONField(_("gevolg"), null=True, blank=True)
    lag_days = models.PositiveSmallIntegerField(_("vertraging in dagen"), null=True, blank=True)
    series = models.JSONField(_("reeks"), default=dict, help_text=_("Waargenomen aantallen en de verwachting, per dag."))
    signature = models.CharField(_("kenmerk"), max_length=300, unique=True,
                                 help_text=_("Herkent dezelfde gebeurtenis bij een volgende analyse."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    dismiss_reason = models.TextField(_("reden van afwijzen"), blank=True,
                                      help_text=_("Waarom dit geen patroon is; bewaard om van te leren."))
    problem = models.ForeignKey("playground.Problem", models.SET_NULL, null=True, blank=True,
                                related_name="patterns", verbose_name=_("vraagstuk"))
    found_at = models.DateTimeField(_("gevonden op"), auto_now_add=True)

    class Meta:
        verbose_name = _("patroon")
        verbose_name_plural = _("patronen")
        ordering = ["-start", "-score"]

    def __str__(self):
        return self.summary[:80]


class SeriesCount(models.Model):
    """Signals per day, channel, service and topic after classification: what the series are made of."""

    day = models.DateField(_("dag"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=CHANNEL_CHOICES)
    service = models.ForeignKey(Service, models.CASCADE, null=True, blank=True, db_index=False, verbose_name=_("dienst"))
    topic = models.SmallIntegerField(_("onderwerp"), null=True, blank=True)
    count = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("aantal per dag")
        verbose_name_plural = _("aantallen per dag")
        indexes = [models.Index(fields=["day"], name="seriescount_day")]


class AnalysisState(models.Model):
    """One row: the fitted classifier (pickled; written and read only by leerlus) and the last run."""

    classifier = models.BinaryField(_("getraind model"), null=True)
    words_per_day = models.BinaryField(_("woorden per dag"), null=True,
                                       help_text=_("Hoeveel signalen per dag elk woord bevatten (geen teksten)."))
    data_until = models.DateField(_("gegevens tot en met"), null=True)
    finished_at = models.DateTimeField(_("laatste analyse"), null=True)
    seconds = models.FloatField(_("duur in seconden"), null=True)

    class Meta:
        verbose_name = _("analysestand")
        verbose_name_plural = _("analysestand")
