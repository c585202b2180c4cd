"""Retrospectives with their actions, citizen conversations, governance checks and the calendar key."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerlus.core.models import Organisation, Person


class Retrospective(models.Model):
    month = models.DateField(_("maand"), unique=True, help_text=_("De eerste dag van de besproken maand."))
    held_on = models.DateField(_("gehouden op"))
    participants = models.ManyToManyField(Person, blank=True, verbose_name=_("deelnemers"))
    conclusions = models.TextField(_("conclusies"), help_text=_("Wat de bijeenkomst concludeerde."))

    class Meta:
        verbose_name = _("retrospectief")
        verbose_name_plural = _("retrospectieven")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%Y-%m}"


class Action(models.Model):
    retrospective = models.ForeignKey(
        Retrospective, models.CASCADE, related_name="actions", verbose_name=_("retrospectief")
    )
    text = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(Person, models.SET_NULL, null=True, verbose_name=_("eigenaar"))
    due = models.DateField(_("uiterlijk"))
    done_on = models.DateField(
        _("afgerond op"),
        null=True,
        blank=True,
        help_text=_("Leeg: de actie staat open en komt terug in de volgende brief."),
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due"]

    def __str__(self):
        return self.text


class Conversation(models.Model):
    """A quarterly conversation with citizens; what they said is stored as `bijeenkomst` signals."""

    quarter = models.DateField(_("kwartaal"), help_text=_("De eerste dag van het kwartaal."))
    held_on = models.DateField(_("gehouden op"))
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("aantal inwoners"), default=0)
    statements = models.PositiveIntegerField(_("vastgelegde uitspraken"), default=0)

    class Meta:
        verbose_name = _("inwonersgesprek")
        verbose_name_plural = _("inwonersgesprekken")
        ordering = ["-held_on"]


class GovernanceCheck(models.Model):
    held_on = models.DateField(_("gehouden op"), unique=True)
    measured = models.JSONField(
        _("uit de gegevens"),
        default=dict,
        help_text=_("Wat de gegevens op die dag zeiden, per stelling (score en toelichting)."),
    )
    answers = models.JSONField(
        _("antwoorden"), default=dict, help_text=_("Scores 1–5 van de deelnemers, per stelling.")
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("sturingscheck")
        verbose_name_plural = _("sturingschecks")
        ordering = ["held_on"]


class CalendarFeed(models.Model):
    """The secret address at which Outlook and other clients subscribe to the rhythm's calendar."""

    organisation = models.OneToOneField(Organisation, models.CASCADE, verbose_name=_("organisatie"))
    key = models.CharField(_("sleutel"), max_length=64, unique=True, default=secrets.token_urlsafe)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")
