"""Subscribing and pulling: each feed is read whole first, then its lessons replace what we kept of it in one
transaction (new, updated, removed by URI). A feed that fails leaves everything as it was, with its error noted."""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.exchange.addresses import check_url
from leerlus.exchange.early_warning import pull_signals, signals_url, store_signals
from leerlus.exchange.fetch import DEADLINE_SECONDS, FeedRejected, fetch_page, is_signals_feed, read_file
from leerlus.exchange.models import ForeignIncident, ForeignLesson, Subscription
from leerlus.exchange.schemas import FeedError, PullResult

MAX_PAGES = 20


def subscribe(url: str) -> Subscription:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InputError(_("'%(u)s' is geen geldig http- of https-adres van een feed.") % {"u": url}) from None
    try:
        check_url(url)
    except OSError as error:  # AddressRefused, or a name that does not resolve
        raise InputError(_("Kan niet abonneren op %(u)s: %(e)s") % {"u": url, "e": error}) from None
    subscription, _created = Subscription.objects.get_or_create(url=url)
    return subscription


def unsubscribe(url: str) -> None:
    deleted, _rows = Subscription.objects.filter(url=url.strip()).delete()
    if not deleted:
        raise InputError(_("Geen abonnement op '%(u)s'. Zie `leerlus exchange list`.") % {"u": url})


@dataclass
class _Tally:
    new: int = 0
    updated: int = 0
    removed: int = 0
    signal_feeds: int = 0
    errors: list[FeedError] = field(default_factory=list)

    def result(self, feeds: int) -> PullResult:
        return PullResult(
            feeds=feeds,
            lessons_new=self.new,
            lessons_updated=self.updated,
            lessons_removed=self.removed,
            errors=self.errors,
            signal_feeds=self.signal_feeds,
            incidents_elsewhere=ForeignIncident.objects.count(),
        )


def pull_all(*, deadline: float = DEADLINE_SECONDS) -> PullResult:
    """Pulls every subscribed feed; one broken feed is an error in the result, the others go on. `deadline`:
    seconds a feed's server may take for one page."""
    tally = _Tally()
    subscriptions = list(Subscription.objects.filter(from_file=False))
    for subscription in subscriptions:
        try:
            pull_feed(subscription, tally, deadline)
        except FeedRejected as error:
            Subscription.objects.filter(pk=subscription.pk).update(error=str(error))
            tally.errors.append(FeedError(feed=subscription.url, error=str(error)))
        try:
            tally.signal_feeds += pull_signals(subscription, deadline)
        except FeedRejected as error:
            Subscription.objects.filter(pk=subscription.pk).update(signals_error=str(error))
            tally.errors.append(FeedError(feed=signals_url(subscription), error=str(error)))
    return tally.result(len(subscriptions))


def pull_feed(subscription: Subscription, tally: _Tally, deadline: float) -> None:
    first = fetch_page(subscription.url, etag=subscription.etag, deadline=deadline)
    if first.document is None:  # 304: nothing changed since the last pull
        Subscription.objects.filter(pk=subscription.pk).update(pulled_at=timezone.now(), error="")
        return
    documents, following = [first.document], first.document["next"]
    while following:
        if len(documents) == MAX_PAGES:
            raise FeedRejected(_("De feed heeft meer dan %(n)s pagina's.") % {"n": MAX_PAGES})
        page = fetch_page(following, deadline=deadline).document
        documents.append(page)
        following = page["next"]
    _store(subscription, documents, first.etag, tally)


@transaction.atomic
def read_feed_file(path: Path) -> PullResult:
    """Takes in a feed saved as a file, as a subscription of its own (`file:NAME`) that the pull leaves alone."""
    tally = _Tally()
    try:
        document = read_file(path)
        subscription, _created = Subscription.objects.get_or_create(
            url=f"file:{path.name}", defaults={"from_file": True}
        )
        if is_signals_feed(document):
            store_signals(subscription, document, "")
            tally.signal_feeds += 1
        else:
            _store(subscription, [document], "", tally)
    except FeedRejected as error:
        raise InputError(_("Het bestand %(f)s is geen bruikbare feed: %(e)s") % {"f": path.name, "e": error}) from None
    return tally.result(1)


@transaction.atomic
def _store(subscription: Subscription, documents: list[dict], etag: str, tally: _Tally) -> None:
    lessons = {lesson["uri"]: _fields(lesson) for document in documents for lesson in document["lessons"]}
    municipality = documents[0]["municipality"]["name"]
    kept = {lesson.uri: lesson for lesson in subscription.lessons.all()}
    for uri, values in lessons.items():
        lesson = kept.pop(uri, None)
        if lesson is None:
            ForeignLesson.objects.create(subscription=subscription, uri=uri, **values)
            tally.new += 1
        elif any(getattr(lesson, name) != value for name, value in values.items()):
            ForeignLesson.objects.filter(pk=lesson.pk).update(**values)
            tally.updated += 1
    ForeignLesson.objects.filter(pk__in=[lesson.pk for lesson in kept.values()]).delete()
    tally.removed += len(kept)
    Subscription.objects.filter(pk=subscription.pk).update(
        municipality=municipality, etag=etag, pulled_at=timezone.now(), error=""
    )


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(text)
    return moment


def _fields(lesson: dict) -> dict:
    """The model's fields from one lesson of the feed (already checked against the schema)."""
    period = lesson["period"] or {}
    try:
        return {
            "municipality": lesson["municipality"]["name"],
            "cbs_code": lesson["municipality"]["cbs_code"] or "",
            "licence": lesson["licence"],
            "title": lesson["title"],
            "problem": lesson["problem"],
            "tried": lesson["tried"],
            "happened": lesson["happened"],
            "learned": lesson["learned"],
            "differently": lesson["differently"],
            "outcome": lesson["outcome"],
            "effects": lesson["effects"],
            "period_start": date.fromisoformat(period["start"]) if period else None,
            "period_end": date.fromisoformat(period["end"]) if period else None,
            "disciplines": lesson["disciplines"],
            "services": lesson["services"],
            "channels": lesson["channels"],
            "updated": _moment(lesson["updated"]),
        }
    except ValueError:
        raise FeedRejected(_("De les %(u)s heeft een onleesbare datum.") % {"u": lesson["uri"]}) from None
