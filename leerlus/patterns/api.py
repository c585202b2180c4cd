"""The patterns' REST router: patterns and incidents, the same documents as the pages' twins and `--json`."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router

from leerlus.core.schemas import ChannelCode
from leerlus.patterns.models import Incident, Pattern
from leerlus.patterns.schemas import (
    IncidentOut,
    IncidentsDocument,
    IncidentStatus,
    PatternKind,
    PatternOut,
    PatternsDocument,
)
from leerlus.patterns.selectors import (
    IncidentFilter,
    PatternFilter,
    incident_card,
    incidents_document,
    patterns_document,
)

router = Router(tags=["patronen"])


@router.get("/patterns", response=PatternsDocument)
def list_patterns(
    request,
    since: date | None = None,
    kind: PatternKind | None = None,
    channel: ChannelCode | None = None,
    service: str | None = None,
):
    """The patterns found, newest and strongest first (dismissed ones not), and their incidents."""
    return patterns_document(PatternFilter(since=since, kind=kind, channel=channel, service=service))


@router.get("/patterns/{pk}", response=PatternOut)
def get_pattern(request, pk: int):
    return PatternOut.from_orm(get_object_or_404(Pattern.objects.select_related("service"), pk=pk))


@router.get("/incidents", response=IncidentsDocument)
def list_incidents(request, since: date | None = None, status: IncidentStatus | None = None):
    """The incidents: one per event, with its patterns; by default the ones to read (nieuw and bekend)."""
    return incidents_document(IncidentFilter(since=since, status=status))


@router.get("/incidents/{pk}", response=IncidentOut)
def get_incident(request, pk: int):
    get_object_or_404(Incident, pk=pk)
    return IncidentOut.of(incident_card(pk))
