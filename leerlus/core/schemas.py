"""JSON documents of the core: a signal and a page of signals (`leerlus signals --json`, the signals page's twin),
people (`leerlus user … --json`), API keys (`leerlus key … --json`) and the first run (`leerlus setup --json`)."""

from datetime import datetime

from django.utils import timezone
from ninja import Field, Schema

from leerlus.core.channels import CHANNELS
from leerlus.core.models import ApiToken, Department, Person, Signal
from leerlus.presentation.documents import choice_of

ChannelCode = choice_of(CHANNELS)
Demand = choice_of(value for value, _label in Signal._meta.get_field("demand").choices)
Sentiment = choice_of(value for value, _label in Signal._meta.get_field("sentiment").choices)
ServiceOrigin = choice_of(("given", "classified"))


class SignalOut(Schema):
    """One signal; the classification fields stay null until `leerlus analyse` ran."""

    id: int
    external_id: str | None
    received_at: datetime = Field(description="Moment van binnenkomst, Nederlandse tijd.")
    channel: ChannelCode
    service: str | None = Field(description="De opgegeven dienst, anders de herkende.")
    service_origin: ServiceOrigin | None = Field(description="given: door de bron opgegeven; classified: herkend.")
    demand: Demand | None = Field(description="failure: faalvraag; value: waardevraag.")
    sentiment: Sentiment | None
    topic: int | None = Field(description="Nummer van het ontdekte onderwerp.")
    text: str

    @staticmethod
    def resolve_external_id(signal: Signal) -> str | None:
        return signal.external_id or None

    @staticmethod
    def resolve_received_at(signal: Signal) -> datetime:
        return timezone.localtime(signal.received_at)

    @staticmethod
    def resolve_service(signal: Signal) -> str | None:
        return signal.effective_service.name if signal.effective_service_id else None

    @staticmethod
    def resolve_service_origin(signal: Signal) -> str | None:
        return "given" if signal.service_id else ("classified" if signal.effective_service_id else None)

    @staticmethod
    def resolve_demand(signal: Signal) -> str | None:
        return signal.demand or None

    @staticmethod
    def resolve_sentiment(signal: Signal) -> str | None:
        return signal.sentiment or None


class SignalPage(Schema):
    """One page of signals, newest first, with the cursor of the next page (null on the last)."""

    signals: list[SignalOut]
    next_cursor: str | None


class BackupOut(Schema):
    """`leerlus backup --json` and `leerlus restore --json`: the copy and what the database holds."""

    file: str
    database: choice_of(("sqlite", "postgresql"))
    bytes: int = Field(description="Grootte van de kopie in bytes.")
    rows: dict[str, int] = Field(description="Aantal rijen per tabel (app.model).")
    seconds: float


Role = choice_of(Person.Role.values)
World = choice_of(Department.World.values)


class PersonOut(Schema):
    """A person with their account: role, department and the discipline (world) that follows from it."""

    id: int
    name: str
    username: str | None = Field(description="De inlognaam; null voor iemand zonder account.")
    email: str | None
    role: Role
    department: str
    world: World = Field(description="De discipline, van de afdeling: techniek, beleid of uitvoering.")
    can_log_in: bool = Field(description="false zolang er nog geen wachtwoord is ingesteld.")
    through_provider: bool = Field(description="true voor wie via de identity provider van de organisatie inlogt.")

    @staticmethod
    def resolve_username(person: Person) -> str | None:
        return person.user.get_username() if person.user_id else None

    @staticmethod
    def resolve_email(person: Person) -> str | None:
        return (person.user.email or None) if person.user_id else None

    @staticmethod
    def resolve_department(person: Person) -> str:
        return person.department.name

    @staticmethod
    def resolve_world(person: Person) -> str:
        return person.department.world

    @staticmethod
    def resolve_can_log_in(person: Person) -> bool:
        signs_in = person.provider_subject or (person.user_id and person.user.has_usable_password())
        return bool(person.user_id and person.user.is_active and signs_in)

    @staticmethod
    def resolve_through_provider(person: Person) -> bool:
        return bool(person.provider_subject)


class PeopleDocument(Schema):
    """Everyone, by name: `leerlus user list --json`."""

    people: list[PersonOut]


TokenState = choice_of(ApiToken.State.values)


class TokenOut(Schema):
    """An API key as it is kept: never the key itself, only who, what for, and until when."""

    id: int
    name: str
    username: str
    person: str
    state: TokenState = Field(description="actief, verlopen of ingetrokken.")
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None = Field(description="Bijgewerkt hoogstens eens per vijf minuten.")


class TokensDocument(Schema):
    """Every API key: `leerlus key list --json`."""

    tokens: list[TokenOut]


class IssuedToken(Schema):
    """`leerlus key add --json`: the key, shown this once."""

    key: str
    token: TokenOut


class UnlockOut(Schema):
    """`leerlus user unlock --json`."""

    username: str
    attempts_cleared: int


class SetupOut(Schema):
    """What `leerlus setup` made: the organisation and its first beheerder."""

    organisation: str
    admin: PersonOut


SetupStepSlug = choice_of(("organisatie", "afdelingen", "mensen", "import"))


class SetupStepOut(Schema):
    slug: SetupStepSlug
    title: str
    done: bool
    state: str = Field(description="Wat er al is, in de taal van de gebruiker: '3 afdelingen', 'IT-budget 0'.")


class SetupDocument(Schema):
    """How far Inrichten has got: `/inrichten/?format=json`."""

    complete: bool
    steps: list[SetupStepOut]
