"""The organisation, its departments and people, the channel aliases, services and signals."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerlus.core.channels import CHANNEL_CHOICES


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, help_text=_("Bijvoorbeeld: Gemeente Voorbeeldstad."))
    it_budget = models.DecimalField(
        _("IT-budget per jaar"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("Het jaarlijkse IT-budget in euro's."),
    )
    playground_share = models.DecimalField(
        _("aandeel proeftuin"),
        max_digits=4,
        decimal_places=3,
        default=0.05,
        help_text=_("Deel van het IT-budget voor experimenten, tussen 0,05 en 0,10 (5–10%)."),
    )
    alarm_budget = models.FloatField(
        _("vals alarm per maand"),
        default=1.0,
        validators=[MinValueValidator(0.05), MaxValueValidator(10.0)],
        help_text=_(
            "Hoeveel meldingen per maand over niets de analyse hoogstens mag geven, voor de hele gemeente. "
            "Lager: minder valse meldingen, maar kleine gebeurtenissen vallen weg. Standaard 1."
        ),
    )

    anonymise_after_days = models.PositiveIntegerField(
        _("teksten anonimiseren na (dagen)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30)],
        help_text=_(
            "Na zoveel dagen worden tekst, locatie, afdeling en extern kenmerk van een signaal gewist; kanaal, "
            "dienst en datum blijven voor de tellingen. Leeg: nooit. Bijvoorbeeld 365."
        ),
    )
    delete_after_days = models.PositiveIntegerField(
        _("signalen verwijderen na (dagen)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30)],
        help_text=_(
            "Na zoveel dagen wordt een signaal verwijderd; de tellingen per dag blijven. Leeg: nooit. "
            "Bijvoorbeeld 1825."
        ),
    )

    cbs_code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode heeft de vorm GM0363."))],
        help_text=_("De code van het CBS voor de gemeente, bijvoorbeeld GM0363; staat bij gedeelde lessen."),
    )

    class Licence(models.TextChoices):
        CC0 = "CC0-1.0", _("CC0 1.0 (geen voorwaarden)")
        CC_BY = "CC-BY-4.0", _("CC BY 4.0 (met naamsvermelding)")

    lessons_licence = models.CharField(
        _("licentie van gedeelde lessen"),
        max_length=10,
        choices=Licence.choices,
        default=Licence.CC_BY,
        help_text=_("Onder welke licentie andere gemeenten de openbare lessen mogen hergebruiken."),
    )
    publish_signals = models.BooleanField(
        _("vroege waarschuwing delen"),
        default=False,
        help_text=_(
            "Publiceert op /uitwisseling/signalen.json de aantallen signalen per week, dienst en kanaal (nooit onder "
            "de 10) en de incidenten met hun woorden, zodat andere gemeenten zien wanneer een stijging niet alleen "
            "hier is. Nooit teksten of namen."
        ),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name

    def clean(self):
        anonymise, delete = self.anonymise_after_days, self.delete_after_days
        if anonymise and delete and delete <= anonymise:
            raise ValidationError(
                {
                    "delete_after_days": _("Verwijderen moet later komen dan anonimiseren (%(n)s dagen).")
                    % {"n": anonymise}
                }
            )

    @property
    def playground_budget(self):
        return self.it_budget * self.playground_share


class Department(models.Model):
    class World(models.TextChoices):
        TECHNIEK = "techniek", _("Techniek")
        BELEID = "beleid", _("Beleid")
        UITVOERING = "uitvoering", _("Uitvoering")

    organisation = models.ForeignKey(Organisation, models.CASCADE, verbose_name=_("organisatie"))
    name = models.CharField(_("naam"), max_length=200, help_text=_("Naam van de afdeling."))
    world = models.CharField(
        _("wereld"),
        max_length=20,
        choices=World.choices,
        help_text=_("De wereld waartoe de afdeling hoort: techniek, beleid of uitvoering."),
    )

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(models.Model):
    class Role(models.TextChoices):
        BEHEERDER = "beheerder", _("Beheerder")
        TEAMLID = "teamlid", _("Teamlid")
        LEZER = "lezer", _("Lezer")

    name = models.CharField(_("naam"), max_length=200, help_text=_("Naam van de medewerker."))
    department = models.ForeignKey(Department, models.PROTECT, verbose_name=_("afdeling"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("gebruikersaccount"),
        help_text=_("Het account waarmee deze persoon inlogt."),
    )
    role = models.CharField(
        _("rol"),
        max_length=20,
        choices=Role.choices,
        default=Role.LEZER,
        help_text=_("Beheerder: alles; teamlid: werkt mee aan experimenten; lezer: kan niets wijzigen."),
    )
    provider_subject = models.CharField(
        _("kenmerk bij de identity provider"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_(
            "SHA-256 van de uitgever en het vaste kenmerk (sub) van wie via de identity provider van de organisatie "
            "inlogt; leeg voor een lokaal account."
        ),
    )

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ChannelAlias(models.Model):
    value = models.CharField(
        _("waarde"),
        max_length=100,
        unique=True,
        help_text=_("Kanaalcode zoals die in een export staat, bijvoorbeeld 'citizen-android'."),
    )
    channel = models.CharField(
        _("kanaal"),
        max_length=20,
        choices=CHANNEL_CHOICES,
        help_text=_("Het kanaal uit de vaste lijst waar deze code voor staat."),
    )

    class Meta:
        verbose_name = _("kanaalalias")
        verbose_name_plural = _("kanaalaliassen")
        ordering = ["value"]

    def __str__(self):
        return f"{self.value} → {self.channel}"


class Service(models.Model):
    name = models.CharField(
        _("naam"),
        max_length=200,
        unique=True,
        help_text=_("Naam van het product of de dienst, bijvoorbeeld 'Paspoort'."),
    )
    aliases = models.TextField(
        _("aliassen"),
        blank=True,
        help_text=_("Andere namen voor deze dienst in exports, één per regel."),
    )
    department = models.ForeignKey(
        Department,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("afdeling"),
        help_text=_("De afdeling die de dienst uitvoert."),
    )

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


DEMANDS = [("failure", _("faalvraag")), ("value", _("waardevraag"))]


class Signal(models.Model):
    received_at = models.DateTimeField(_("ontvangen op"), help_text=_("Moment waarop het signaal binnenkwam."))
    received_on = models.DateField(
        _("ontvangen op dag"),
        help_text=_("De dag (Nederlandse tijd) waarop het signaal binnenkwam."),
    )
    channel = models.CharField(
        _("kanaal"),
        max_length=20,
        choices=CHANNEL_CHOICES,
        help_text=_("Kanaal waarlangs het signaal kwam."),
    )
    service = models.ForeignKey(
        Service,
        models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        verbose_name=_("dienst"),
        help_text=_("Dienst waarover het signaal gaat; leeg als de bron die niet noemt."),
    )
    source = models.CharField(
        _("bron"),
        max_length=60,
        blank=True,
        help_text=_("Wie het meldde: inwoner, ondernemer, medewerker, …"),
    )
    text = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_("De tekst, zonder persoonsgegevens: die zijn vóór opslag vervangen."),
    )
    location = models.CharField(_("locatie"), max_length=200, blank=True, help_text=_("Wijk, plaats of gebied."))
    department = models.CharField(
        _("afdeling"),
        max_length=200,
        blank=True,
        help_text=_("Afdeling of team zoals de bron die noemt."),
    )
    external_id = models.CharField(
        _("extern kenmerk"),
        max_length=200,
        blank=True,
        help_text=_("Kenmerk in het bronsysteem."),
    )
    content_hash = models.BigIntegerField(
        _("inhoudshash"),
        help_text=_("Vingerafdruk (64 bits) van de geschoonde inhoud."),
    )
    dedupe_key = models.BigIntegerField(
        _("ontdubbelsleutel"),
        unique=True,
        help_text=_("Extern kenmerk of inhoud met volgnummer: dezelfde rij wordt nooit twee keer opgeslagen."),
    )
    batch = models.ForeignKey(
        "intake.ImportBatch",
        models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        verbose_name=_("importronde"),
    )
    # Filled in by the analysis (`leerlus analyse`); empty until then.
    analysed = models.BooleanField(
        _("geanalyseerd"), db_default=False, help_text=_("Of de analyse dit signaal al heeft ingedeeld.")
    )
    effective_service = models.ForeignKey(
        Service,
        models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="+",
        verbose_name=_("dienst (opgegeven of herkend)"),
        help_text=_("De opgegeven dienst; zonder die de dienst die de analyse herkende. Hierop wordt gefilterd."),
    )
    demand = models.CharField(
        _("soort vraag"),
        max_length=7,
        blank=True,
        db_default="",
        choices=DEMANDS,
        help_text=_("Faalvraag: contact door iets wat niet (goed) ging. Waardevraag: een echte vraag."),
    )
    given_demand = models.CharField(
        _("soort vraag volgens de bron"),
        max_length=7,
        blank=True,
        db_default="",
        choices=DEMANDS,
        help_text=_(
            "Zoals het bronsysteem het gaf (bijv. het gespreksresultaat in KISS); gaat voor op wat de analyse herkent."
        ),
    )
    sentiment = models.CharField(
        _("toon"),
        max_length=8,
        blank=True,
        db_default="",
        choices=[("negative", _("negatief")), ("neutral", _("neutraal")), ("positive", _("positief"))],
        help_text=_("Toon van de tekst, herkend aan Nederlandse signaalwoorden."),
    )
    topic = models.SmallIntegerField(
        _("onderwerp"), null=True, blank=True, help_text=_("Nummer van het ontdekte onderwerp.")
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["received_at", "id"], name="signal_time"),
            models.Index(fields=["channel", "received_at"], name="signal_channel_time"),
            models.Index(fields=["effective_service", "received_at"], name="signal_service_time"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.received_at:%d-%m-%Y}"


class DailyCount(models.Model):
    """Signals per day, channel and service: kept up to date by every import, read by the charts."""

    day = models.DateField(_("dag"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=CHANNEL_CHOICES)
    service = models.ForeignKey(
        Service, models.CASCADE, null=True, blank=True, db_index=False, verbose_name=_("dienst")
    )
    count = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("dagtelling")
        verbose_name_plural = _("dagtellingen")
        indexes = [models.Index(fields=["day"], name="dailycount_day")]


class ApiToken(models.Model):
    """A key for the REST API, bound to a person and so to their role. Only its SHA-256 hash is stored."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="api_tokens", verbose_name=_("persoon"))
    name = models.CharField(_("naam"), max_length=100, help_text=_("Waarvoor de sleutel is, bijvoorbeeld 'dashboard'."))
    key_hash = models.CharField(_("vingerafdruk"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"), help_text=_("Daarna werkt de sleutel niet meer."))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)

    class State(models.TextChoices):
        ACTIVE = "actief", _("actief")
        EXPIRED = "verlopen", _("verlopen")
        REVOKED = "ingetrokken", _("ingetrokken")

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self):
        return f"{self.person} · {self.name}"

    def state(self, now) -> "ApiToken.State":
        if self.revoked_at:
            return self.State.REVOKED
        return self.State.ACTIVE if self.expires_at > now else self.State.EXPIRED
