"""The exchange's JSON forms, once: the public lessons feed and the early warning's signals feed
(docs/lessons-feed.schema.json and docs/signals-feed.schema.json describe the same documents for other
implementations), a subscription, the result of a pull and the incidents also seen elsewhere."""

from datetime import date

from ninja import Field, Schema

from leerlus.core.models import Department, Organisation
from leerlus.core.schemas import ChannelCode
from leerlus.playground.models import Lesson
from leerlus.presentation.documents import choice_of

Outcome = choice_of(Lesson.Outcome.values)
Licence = choice_of(Organisation.Licence.values)
World = choice_of(Department.World.values)


class Municipality(Schema):
    name: str
    cbs_code: str | None = Field(description="CBS-gemeentecode, bijvoorbeeld GM0363.")


class FeedEffect(Schema):
    channel: ChannelCode | None
    service: str | None
    relative_effect: float | None = Field(description="0,2 = +20%.")
    ci_low: float | None = Field(description="Ondergrens van het 95%-interval.")
    ci_high: float | None
    method: str | None


class Period(Schema):
    start: date
    end: date


class Discipline(Schema):
    department: str
    world: World


class FeedService(Schema):
    name: str
    upl: str | None = Field(description="Naam in de Uniforme Productnamenlijst.")
    upl_uri: str | None


class FeedLesson(Schema):
    uri: str = Field(description="Vaste URI van de les; een abonnee houdt de les hieraan bij.")
    title: str
    municipality: Municipality
    licence: Licence
    problem: str = Field(description="Het vraagstuk in woorden.")
    tried: str
    happened: str
    learned: str
    differently: str
    outcome: Outcome
    effects: list[FeedEffect]
    period: Period | None
    disciplines: list[Discipline] = Field(description="Afdelingen en werelden van het team; geen namen.")
    services: list[FeedService]
    channels: list[ChannelCode]
    published: str
    updated: str


class LessonsFeed(Schema):
    """/uitwisseling/lessen.json: one page of the lessons the municipality marked openbaar."""

    feed_version: str = "1.0"
    municipality: Municipality
    licence: Licence
    page: int
    next: str | None = Field(description="Adres van de volgende pagina, of null.")
    lessons: list[FeedLesson]


class WeekCount(Schema):
    week: date = Field(description="De maandag van de week.")
    service: FeedService | None = Field(description="null: signalen zonder dienst.")
    channel: ChannelCode
    count: int = Field(description="Signalen in die week; een aantal onder de 10 staat er niet in.")


class FeedIncident(Schema):
    kind: str
    start: date
    end: date | None = Field(description="null: het duurt nog voort.")
    magnitude: float = Field(description="Relatieve verandering van het sterkste patroon: 0,9 is +90%.")
    services: list[FeedService]
    channels: list[ChannelCode]
    terms: list[str] = Field(description="Woorden die geen naam zijn en in minstens 10 signalen staan.")
    size: int = Field(description="Signalen in de diensten en kanalen van het incident, tijdens het incident.")


class SignalsFeed(Schema):
    """/uitwisseling/signalen.json: weekly counts and incidents, for the early warning across municipalities."""

    feed_version: str = "1.0"
    municipality: Municipality
    data_until: date
    minimum_count: int = Field(description="Aantallen hieronder worden niet gepubliceerd.")
    counts: list[WeekCount]
    incidents: list[FeedIncident]


class SubscriptionOut(Schema):
    url: str
    municipality: str
    lessons: int
    pulled_at: str | None
    error: str | None

    @staticmethod
    def resolve_lessons(subscription) -> int:
        return subscription.lessons.count()

    @staticmethod
    def resolve_pulled_at(subscription) -> str | None:
        return subscription.pulled_at.isoformat() if subscription.pulled_at else None

    @staticmethod
    def resolve_error(subscription) -> str | None:
        return subscription.error or None


class FeedError(Schema):
    feed: str
    error: str


class PullResult(Schema):
    """`leerlus exchange pull --json` and the result of the "exchange_pull" job."""

    feeds: int
    lessons_new: int
    lessons_updated: int
    lessons_removed: int
    errors: list[FeedError]
    signal_feeds: int = Field(0, description="Feeds die ook hun signalen delen (signalen.json).")
    incidents_elsewhere: int = Field(0, description="Incidenten van andere gemeenten, na het ophalen.")


class SeenAt(Schema):
    municipality: str
    start: date
    last_day: date
    services: list[str]
    terms: list[str]

    @staticmethod
    def resolve_services(incident) -> list[str]:
        return [service["name"] for service in incident.services]


class SeenElsewhere(Schema):
    """One of our incidents with the same rise in the same service at other municipalities in the same weeks."""

    incident: int
    start: date
    services: list[str]
    municipalities: list[str]
    elsewhere: list[SeenAt]
