"""Searching the audit trail: by moment, person, action and words in what was recorded."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.audit.models import AuditEntry
from leerlus.audit.schemas import AuditDocument
from leerlus.errors import InputError

MAX_LIMIT = 10_000


@dataclass
class AuditFilter:
    since: date | None = None
    actor: str = ""
    action: str = ""
    words: str = ""
    limit: int = 200

    def validate(self) -> "AuditFilter":
        if self.action and self.action not in AuditEntry.Action.values:
            raise InputError(
                _("Onbekende handeling '%(v)s'. Kies uit: %(keuzes)s.")
                % {"v": self.action[:20], "keuzes": ", ".join(AuditEntry.Action.values)},
                field="action",
            )
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InputError(_("Kies een aantal tussen 1 en %(max)s.") % {"max": MAX_LIMIT}, field="limit")
        return self


def matching(f: AuditFilter):
    entries = AuditEntry.objects.all()
    if f.since:
        entries = entries.filter(at__gte=timezone.make_aware(datetime.combine(f.since, time.min)))
    if f.actor:
        entries = entries.filter(actor__iexact=f.actor.strip())
    if f.action:
        entries = entries.filter(action=f.action)
    for word in f.words.split():
        entries = entries.filter(Q(summary__icontains=word) | Q(object_type__icontains=word) | Q(source=word))
    return entries


def audit_document(f: AuditFilter) -> AuditDocument:
    entries = matching(f.validate())
    return AuditDocument(entries=list(entries[: f.limit]), total=entries.count())
