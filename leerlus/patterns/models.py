"""Patterns with their evidence, the incidents (events) they belong to and what people said about them, the known
events announced ahead, the topics the patterns speak of, and the state of the analysis."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerlus.analysis.keys import SeriesKey
from leerlus.core.channels import CHANNEL_CHOICES
from leerlus.core.models import Person, Service

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


class Incident(models.Model):
    """One event with all the patterns it left in the series: one card to read and to mark."""

    class Status(models.TextChoices):
        NEW = "nieuw", _("nieuw")
        EXPECTED = "verwacht", _("verwacht")
        KNOWN = "bekend", _("bekend")
        FALSE = "onterecht", _("onterecht")

    class ExpectedReason(models.TextChoices):
        SEASON_MARKED = "season_marked", _("vorig jaar als verwacht gemarkeerd")
        ANNOUNCED = "announced", _("aangekondigd")

    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=KINDS,
        help_text=_("De soort van het sterkste patroon; een rimpeling als er een in zit."),
    )
    start = models.DateField(_("begin"), help_text=_("Het begin van het vroegste patroon."))
    end = models.DateField(_("einde"), null=True, blank=True, help_text=_("Leeg: een van de patronen duurt nog voort."))
    channels = models.JSONField(_("kanalen"), default=list, help_text=_("De kanalen waarin het te zien is."))
    services = models.JSONField(_("diensten"), default=list, help_text=_("De namen van de diensten waarover het gaat."))
    topics = models.JSONField(
        _("onderwerpen"), default=list, help_text=_("Nummers van de onderwerpen waarover het gaat.")
    )
    terms = models.JSONField(
        _("woorden"), default=list, help_text=_("De woorden die het best zeggen waarover het gaat.")
    )
    score = models.FloatField(_("sterkte"), help_text=_("De sterkte van het sterkste patroon."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        help_text=_("Nieuw, of wat iemand ervan zei: verwacht, bekend of onterecht."),
    )
    reason = models.TextField(_("reden"), blank=True, help_text=_("Waarom iemand het zo markeerde, in eigen woorden."))
    expected_reason = models.CharField(
        _("waarom verwacht"),
        max_length=20,
        choices=ExpectedReason.choices,
        blank=True,
        help_text=_("Waarom de analyse het verwachtte (dan is het vanzelf verwacht); leeg als ze het niet verwachtte."),
    )
    marked_by = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemarkeerd door"),
        help_text=_("Wie het als laatste markeerde."),
    )
    marked_at = models.DateTimeField(
        _("gemarkeerd op"), null=True, blank=True, help_text=_("Leeg: niemand heeft het gemarkeerd.")
    )
    found_at = models.DateTimeField(
        _("gevonden op"),
        auto_now_add=True,
        help_text=_("De analyse die het voor het eerst vond; een volgende analyse herkent het."),
    )

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidenten")
        ordering = ["-start", "-score"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.start:%Y-%m-%d}"


class IncidentMarking(models.Model):
    """Every marking of an incident, kept as it was given: who said what, when and why. Never changed."""

    incident = models.ForeignKey(
        Incident,
        models.PROTECT,
        related_name="markings",
        verbose_name=_("incident"),
        help_text=_("Het gemarkeerde incident."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Incident.Status.choices,
        help_text=_("De markering: verwacht, bekend of onterecht."),
    )
    reason = models.TextField(_("reden"), help_text=_("Waarom, in de woorden van wie markeerde."))
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="+", verbose_name=_("persoon"), help_text=_("Wie markeerde.")
    )
    at = models.DateTimeField(_("op"), auto_now_add=True, help_text=_("Wanneer het gemarkeerd werd."))

    class Meta:
        verbose_name = _("markering")
        verbose_name_plural = _("markeringen")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.incident}: {self.get_status_display()}"


class KnownEvent(models.Model):
    """An event announced ahead (tax letters sent, a new portal): the rise that follows is expected, not news."""

    day = models.DateField(
        _("dag"), help_text=_("De dag van de gebeurtenis, bijvoorbeeld de dag dat de aanslagen verstuurd zijn.")
    )
    description = models.CharField(
        _("omschrijving"), max_length=200, help_text=_("Bijvoorbeeld: aanslagen gemeentelijke belastingen verstuurd.")
    )
    services = models.JSONField(
        _("diensten"),
        default=list,
        blank=True,
        help_text=_("Namen van de diensten die het raakt; leeg: alle diensten."),
    )
    channels = models.JSONField(
        _("kanalen"),
        default=list,
        blank=True,
        help_text=_("De kanalen waarin het te zien zal zijn; leeg: alle kanalen."),
    )
    days = models.PositiveSmallIntegerField(
        _("dagen"), default=28, help_text=_("Hoe lang na de dag een stijging er het gevolg van is.")
    )
    added_by = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
        help_text=_("Wie de gebeurtenis invoerde."),
    )

    class Meta:
        verbose_name = _("bekende gebeurtenis")
        verbose_name_plural = _("bekende gebeurtenissen")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.description}"


class Pattern(models.Model):
    class Status(models.TextChoices):
        NEW = "nieuw", _("nieuw")
        ACKNOWLEDGED = "erkend", _("erkend")
        DISMISSED = "afgewezen", _("afgewezen")

    kind = models.CharField(_("soort"), max_length=20, choices=KINDS)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True, help_text=_("Leeg: het duurt nog voort."))
    channel = models.CharField(
        _("kanaal"), max_length=20, choices=CHANNEL_CHOICES, blank=True, help_text=_("Leeg: over alle kanalen.")
    )
    service = models.ForeignKey(
        Service,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("dienst"),
        help_text=_("Leeg: over alle diensten."),
    )
    topic = models.SmallIntegerField(_("onderwerp"), null=True, blank=True)
    terms = models.JSONField(_("woorden"), default=list)
    magnitude = models.FloatField(_("omvang"), help_text=_("Relatieve verandering: 0,9 is +90%."))
    score = models.FloatField(_("sterkte"), help_text=_("Hoe sterk het bewijs is; vergelijkbaar tussen reeksen."))
    figures = models.JSONField(
        _("cijfers"),
        default=dict,
        blank=True,
        help_text=_("Signalen per dag ervoor en erna en andere cijfers waaruit de samenvatting wordt geschreven."),
    )
    examples = models.JSONField(_("voorbeelden"), default=list, help_text=_("Nummers van voorbeeldsignalen."))
    evidence = models.JSONField(
        _("ook gezien in"), default=list, help_text=_("Andere reeksen met dezelfde gebeurtenis.")
    )
    cause = models.JSONField(_("oorzaak"), null=True, blank=True)
    effect = models.JSONField(_("gevolg"), null=True, blank=True)
    lag_days = models.PositiveSmallIntegerField(_("vertraging in dagen"), null=True, blank=True)
    series = models.JSONField(
        _("reeks"), default=dict, help_text=_("Waargenomen aantallen en de verwachting, per dag.")
    )
    signature = models.CharField(
        _("kenmerk"), max_length=300, unique=True, help_text=_("Herkent dezelfde gebeurtenis bij een volgende analyse.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    dismiss_reason = models.TextField(
        _("reden van afwijzen"), blank=True, help_text=_("Waarom dit geen patroon is; bewaard om van te leren.")
    )
    incident = models.ForeignKey(
        Incident,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="patterns",
        verbose_name=_("incident"),
        help_text=_("De gebeurtenis waar dit patroon bij hoort."),
    )
    cause_topic = models.SmallIntegerField(
        _("onderwerp van de oorzaak"),
        null=True,
        blank=True,
        help_text=_("Bij een rimpeling: het onderwerp van de oorzaakreeks."),
    )
    found_at = models.DateTimeField(_("gevonden op"), auto_now_add=True)

    class Meta:
        verbose_name = _("patroon")
        verbose_name_plural = _("patronen")
        ordering = ["-start", "-score"]

    def __str__(self):
        return self.summary[:80]

    @property
    def summary(self) -> str:
        """The sentence about it, in the reader's language."""
        from leerlus.patterns.sentences import pattern_summary  # the sentences module reads these models

        return pattern_summary(self)

    @property
    def key(self) -> SeriesKey:
        """The series it was found in (a ripple: its effect)."""
        return SeriesKey(self.channel or None, self.service.name if self.service_id else None, self.topic)

    @property
    def evidence_key(self) -> SeriesKey:
        """The series whose evidence it weighs (a ripple: its cause), as the analysis' feedback counts it."""
        if self.kind != "ripple" or not self.cause:
            return self.key
        return SeriesKey(self.cause["channel"], self.cause["service"], self.cause_topic)

    def series_keys(self) -> tuple[SeriesKey, ...]:
        return tuple(dict.fromkeys((self.key, self.evidence_key)))


class SeriesCount(models.Model):
    """Signals per day, channel, service and topic after classification: what the series are made of."""

    day = models.DateField(_("dag"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=CHANNEL_CHOICES)
    service = models.ForeignKey(
        Service, models.CASCADE, null=True, blank=True, db_index=False, verbose_name=_("dienst")
    )
    topic = models.SmallIntegerField(_("onderwerp"), null=True, blank=True)
    count = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("aantal per dag")
        verbose_name_plural = _("aantallen per dag")
        indexes = [models.Index(fields=["day"], name="seriescount_day")]


class AnalysisState(models.Model):
    """One row: the fitted classifier (pickled; written and read only by leerlus) and the last run."""

    classifier = models.BinaryField(_("getraind model"), null=True)
    words_per_day = models.BinaryField(
        _("woorden per dag"), null=True, help_text=_("Hoeveel signalen per dag elk woord bevatten (geen teksten).")
    )
    data_until = models.DateField(_("gegevens tot en met"), null=True)
    finished_at = models.DateTimeField(_("laatste analyse"), null=True)
    seconds = models.FloatField(_("duur in seconden"), null=True)

    class Meta:
        verbose_name = _("analysestand")
        verbose_name_plural = _("analysestand")
