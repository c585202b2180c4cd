"""JSON documents of the audit trail: `leerlus audit --json` and the audit page's twin."""

from datetime import datetime

from ninja import Field, Schema

from leerlus.audit.models import AuditEntry
from leerlus.presentation.documents import choice_of

Channel = choice_of(AuditEntry.Channel.values)
AuditAction = choice_of(AuditEntry.Action.values)


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor: str = Field(description="Gebruikersnaam, 'anoniem' of 'systeem'.")
    channel: Channel
    source: str = Field(description="IP-adres (web, API) of computer en account (opdrachtregel).")
    action: AuditAction
    object_type: str = Field(description="app.model, bijvoorbeeld playground.experiment of core.signal.")
    object_id: str
    summary: str = Field(description="Het object en de namen van gewijzigde velden; nooit hun waarden.")


class AuditDocument(Schema):
    """The newest lines that match the filter, newest first."""

    entries: list[AuditEntryOut]
    total: int = Field(description="Het aantal regels dat bij het filter past (ook buiten deze lijst).")
