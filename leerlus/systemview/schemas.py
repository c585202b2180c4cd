"""The JSON forms of the system view: a what-if outcome per channel (`leerlus simulate --json`, the what-if
page's twin) and the system map's nodes and links."""

import math

from ninja import Field, Schema
from pydantic import field_serializer, model_serializer

from leerlus.presentation.documents import choice_of
from leerlus.systemview.system_map import COLUMNS

QueueMethod = choice_of(("erlang_c", "erlang_a", "simulation"))
NodeKind = choice_of(COLUMNS)
LinkOrigin = choice_of(("learned", "drawn", "structure"))


class ChannelOutcome(Schema):
    """One channel's waiting, rounded; an endless wait or queue (Erlang C beyond capacity) is null."""

    name: str
    service_level: float | None = Field(description="Deel van alle contacten dat binnen de doeltijd antwoord krijgt.")
    asa_seconds: float | None = Field(description="Gemiddelde wachttijd van wie antwoord krijgt.")
    occupancy: float | None = Field(description="Deel van de tijd dat medewerkers bezig zijn.")
    abandon_rate: float | None = Field(description="Deel van de contacten dat het wachten opgeeft.")
    queue_length: float | None = Field(description="Gemiddeld aantal wachtenden.")
    method: QueueMethod

    @field_serializer("service_level", "asa_seconds", "occupancy", "abandon_rate", "queue_length")
    def _rounded(self, value: float | None) -> float | None:
        return round(value, 6) if value is not None and math.isfinite(value) else None


class Scenario(Schema):
    name: str
    channels: list[ChannelOutcome]


class SimulationDocument(Schema):
    """Every channel now, and after each scenario's changes."""

    channels: list[ChannelOutcome]
    scenarios: list[Scenario] | None = Field(None, description="Alleen als het scenariobestand scenario's had.")

    @model_serializer(mode="wrap")
    def _scenarios_only_when_given(self, handler):
        document = handler(self)
        if self.scenarios is None:
            document.pop("scenarios", None)
        return document


class NodeOut(Schema):
    key: str = Field(description="soort:naam")
    kind: NodeKind
    name: str


class LinkOut(Schema):
    source: str = Field(description="De sleutel (soort:naam) van het beginpunt.")
    target: str
    origin: LinkOrigin = Field(description="learned: uit een rimpeling; drawn: door mensen getekend; structure.")
    note: str
    lag_days: int | None
    strength: float | None
    evidence: str | None = Field(description="De pagina die laat zien waarom.")

    @staticmethod
    def resolve_source(link) -> str:
        return link.source.key

    @staticmethod
    def resolve_target(link) -> str:
        return link.target.key


class SystemMapDocument(Schema):
    nodes: list[NodeOut]
    links: list[LinkOut]
