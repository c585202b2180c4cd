"""The playground: problems (vraagstukken), the kaders, experiments with their metrics and learning log,
and the lessons they leave."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerlus.core.channels import CHANNEL_CHOICES
from leerlus.core.models import Organisation, Person, Service


class Problem(models.Model):
    title = models.CharField(_("titel"), max_length=200, help_text=_("Het vraagstuk in één zin."))
    description = models.TextField(_("toelichting"), blank=True, help_text=_("Wat speelt er, voor wie, sinds wanneer?"))
    services = models.ManyToManyField(
        Service,
        blank=True,
        verbose_name=_("diensten"),
        help_text=_("Diensten waar het vraagstuk speelt (naast die van de patronen)."),
    )
    patterns = models.ManyToManyField(
        "patterns.Pattern",
        blank=True,
        related_name="problems",
        verbose_name=_("patronen"),
        help_text=_("De patronen waaruit het vraagstuk blijkt."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vraagstuk")
        verbose_name_plural = _("vraagstukken")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Frameworks(models.Model):
    """The kaders: what an experiment may do without asking anyone (the fast route)."""

    organisation = models.OneToOneField(Organisation, models.CASCADE, verbose_name=_("organisatie"))
    min_team = models.PositiveSmallIntegerField(
        _("kleinste team"), default=3, help_text=_("Minimaal aantal teamleden.")
    )
    max_team = models.PositiveSmallIntegerField(
        _("grootste team"), default=5, help_text=_("Maximaal aantal teamleden.")
    )
    min_departments = models.PositiveSmallIntegerField(
        _("minimaal aantal afdelingen"), default=2, help_text=_("Uit hoeveel verschillende afdelingen het team komt.")
    )
    all_worlds = models.BooleanField(
        _("alle drie werelden"),
        default=True,
        help_text=_("Techniek, beleid en uitvoering zitten vanaf de eerste dag in het team."),
    )
    max_months = models.PositiveSmallIntegerField(_("maximale looptijd in maanden"), default=3)
    max_budget = models.DecimalField(
        _("maximaal budget per experiment"), max_digits=12, decimal_places=2, default=25000, help_text=_("In euro's.")
    )
    conditions = models.TextField(
        _("voorwaarden"),
        blank=True,
        help_text=_("Overige afspraken in gewone taal, bijvoorbeeld over privacy of communicatie."),
    )
    decision_maker = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslisser"),
        help_text=_("Wie beslist over een voorstel buiten de kaders."),
    )

    class Meta:
        verbose_name = _("kaders")
        verbose_name_plural = _("kaders")

    def __str__(self):
        return str(_("Kaders van %(o)s") % {"o": self.organisation})


class Experiment(models.Model):
    class Status(models.TextChoices):
        IDEA = "idee", _("idee")
        APPROVED = "goedgekeurd", _("goedgekeurd")
        RUNNING = "lopend", _("lopend")
        EVALUATION = "evaluatie", _("evaluatie")
        DECIDED = "besluit", _("besluit")

    class Route(models.TextChoices):
        FAST = "snel", _("snelle route (binnen de kaders)")
        ESCALATED = "beslisser", _("naar de beslisser (buiten de kaders)")

    class Decision(models.TextChoices):
        STOP = "stoppen", _("stoppen")
        ADAPT = "aanpassen", _("aanpassen")
        SCALE = "opschalen", _("opschalen")

    problem = models.ForeignKey(Problem, models.PROTECT, related_name="experiments", verbose_name=_("vraagstuk"))
    title = models.CharField(_("titel"), max_length=200)
    intervention = models.TextField(_("interventie"), help_text=_("We denken dat … (wat we doen)"))
    expected_effect = models.TextField(_("verwacht effect"), help_text=_("… leidt tot … (wat er verandert)"))
    team = models.ManyToManyField(Person, related_name="experiments", verbose_name=_("team"))
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, help_text=_("In euro's."))
    start = models.DateField(_("start"))
    end = models.DateField(_("einde"))
    conditions_met = models.BooleanField(
        _("voldoet aan de voorwaarden"),
        default=False,
        help_text=_("Het team bevestigt de vrije voorwaarden uit de kaders."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IDEA)
    route = models.CharField(_("route"), max_length=10, choices=Route.choices, blank=True)
    broken_frameworks = models.JSONField(
        _("buiten de kaders"),
        default=list,
        help_text=_("Welke kaders het voorstel overschrijdt, elk met de cijfers die de zin erover nodig heeft."),
    )
    decision_maker = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("beslisser")
    )
    approved_by = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("goedgekeurd door")
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    refusal = models.TextField(_("reden van afwijzing"), blank=True)
    decision = models.CharField(_("besluit"), max_length=10, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), blank=True)
    proposed_by = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("voorgesteld door")
    )
    excluded_controls = models.JSONField(
        _("weggelaten controlereeksen"),
        default=list,
        blank=True,
        help_text=_(
            "Reeksen die het experiment toch raakte en die dus geen controle mogen zijn: kanaal/dienst, "
            "kanaal of /dienst."
        ),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experimenten")
        ordering = ["-start"]

    def __str__(self):
        return self.title

    @property
    def broken_framework_sentences(self) -> list[str]:
        from leerlus.playground.framework_sentences import breach_sentence

        return [breach_sentence(breach) for breach in self.broken_frameworks]

    @property
    def hypothesis(self) -> str:
        series = ", ".join(str(m) for m in self.metrics.all()) or "…"
        return str(
            _("We denken dat %(i)s leidt tot %(e)s, zichtbaar in %(s)s.")
            % {"i": self.intervention, "e": self.expected_effect, "s": series}
        )


class Metric(models.Model):
    """A signal series the experiment should move, with the direction that counts as better."""

    class Better(models.TextChoices):
        LOWER = "lager", _("lager is beter")
        HIGHER = "hoger", _("hoger is beter")

    experiment = models.ForeignKey(Experiment, models.CASCADE, related_name="metrics", verbose_name=_("experiment"))
    channel = models.CharField(
        _("kanaal"), max_length=20, choices=CHANNEL_CHOICES, blank=True, help_text=_("Leeg: alle kanalen.")
    )
    service = models.ForeignKey(
        Service, models.SET_NULL, null=True, blank=True, verbose_name=_("dienst"), help_text=_("Leeg: alle diensten.")
    )
    terms = models.CharField(
        _("woorden"),
        max_length=200,
        blank=True,
        help_text=_("Alleen signalen met al deze woorden; leeg: alle signalen van de reeks."),
    )
    better = models.CharField(_("beter is"), max_length=5, choices=Better.choices, default=Better.LOWER)
    estimate = models.JSONField(_("effectschatting"), null=True, blank=True)
    estimated_at = models.DateTimeField(_("geschat op"), null=True, blank=True)

    class Meta:
        verbose_name = _("meetreeks")
        verbose_name_plural = _("meetreeksen")

    def __str__(self):
        parts = [self.channel or str(_("alle kanalen")), self.service.name if self.service else str(_("alle diensten"))]
        if self.terms:
            parts.append(f"‘{self.terms}’")
        return " / ".join(parts)


class LogEntry(models.Model):
    class Kind(models.TextChoices):
        OBSERVATION = "observatie", _("observatie")
        SURPRISE = "verrassing", _("verrassing")
        DECISION = "besluit", _("besluit")

    experiment = models.ForeignKey(Experiment, models.CASCADE, related_name="log", verbose_name=_("experiment"))
    day = models.DateField(_("datum"))
    author = models.ForeignKey(Person, models.SET_NULL, null=True, verbose_name=_("auteur"))
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        ordering = ["-day", "-id"]


class Lesson(models.Model):
    class Outcome(models.TextChoices):
        SUCCESS = "geslaagd", _("geslaagd")
        MIXED = "gemengd", _("gemengd")
        FAILURE = "mislukt", _("mislukt")

    class Visibility(models.TextChoices):
        INTERNAL = "intern", _("intern")
        PUBLIC = "openbaar", _("openbaar")

    experiment = models.ForeignKey(
        Experiment, models.SET_NULL, null=True, blank=True, related_name="lessons", verbose_name=_("experiment")
    )
    title = models.CharField(_("titel"), max_length=200)
    tried = models.TextField(_("wat we probeerden"))
    happened = models.TextField(_("wat er gebeurde"))
    learned = models.TextField(_("wat we leerden"))
    differently = models.TextField(_("wat we anders zouden doen"), blank=True)
    outcome = models.CharField(
        _("uitkomst"),
        max_length=10,
        choices=Outcome.choices,
        help_text=_("Mislukkingen zijn lessen als alle andere en worden net zo getoond."),
    )
    tags = models.JSONField(_("labels"), default=list)
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        help_text=_("Openbaar: ook te lezen door andere gemeenten."),
    )
    author = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True, verbose_name=_("auteur"))
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class StartPlan(models.Model):
    """The five-month start plan of the organisation; its progress is read from what happened."""

    organisation = models.OneToOneField(Organisation, models.CASCADE, verbose_name=_("organisatie"))
    start = models.DateField(_("start"), help_text=_("De eerste dag van het startplan."))

    class Meta:
        verbose_name = _("startplan")
        verbose_name_plural = _("startplannen")
