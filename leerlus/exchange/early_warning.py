"""The subscriber's side of the early warning: next to each subscribed lessons feed, its signalen.json (when that
municipality publishes one) is read with the same protection and its incidents replace what we kept of it."""

from datetime import date
from urllib.parse import urljoin

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.exchange.fetch import SIGNALS_SCHEMA_FILE, FeedMissing, FeedRejected, fetch_page
from leerlus.exchange.models import ForeignIncident, Subscription


def signals_url(subscription: Subscription) -> str:
    """…/uitwisseling/lessen.json → …/uitwisseling/signalen.json: the feeds stand side by side."""
    return urljoin(subscription.url, "signalen.json")


def pull_signals(subscription: Subscription, deadline: float) -> bool:
    """Reads the subscription's signals feed; False when that municipality does not publish one (404). Raises
    FeedRejected for a feed that cannot be used; then what we kept of it stays."""
    try:
        page = fetch_page(
            signals_url(subscription),
            etag=subscription.signals_etag,
            deadline=deadline,
            schema_file=SIGNALS_SCHEMA_FILE,
        )
    except FeedMissing:
        store_signals(subscription, None, "")
        return False
    if page.document is not None:  # else 304: unchanged since the last pull
        store_signals(subscription, page.document, page.etag)
    return True


@transaction.atomic
def store_signals(subscription: Subscription, document: dict | None, etag: str) -> None:
    """Replaces the subscription's incidents with those of the document (None: it publishes none)."""
    incidents = _incidents(subscription, document) if document is not None else []
    subscription.incidents.all().delete()
    ForeignIncident.objects.bulk_create(incidents)
    changes = {"signals_etag": etag, "signals_error": ""}
    if subscription.from_file and document is not None:
        changes.update(municipality=document["municipality"]["name"], pulled_at=timezone.now())
    Subscription.objects.filter(pk=subscription.pk).update(**changes)


def _incidents(subscription: Subscription, document: dict) -> list[ForeignIncident]:
    """The document's incidents (already checked against the schema, but a date can still be impossible)."""
    try:
        data_until = date.fromisoformat(document["data_until"])
        return [
            ForeignIncident(
                subscription=subscription,
                municipality=document["municipality"]["name"],
                kind=incident["kind"],
                start=date.fromisoformat(incident["start"]),
                last_day=date.fromisoformat(incident["end"]) if incident["end"] else data_until,
                magnitude=incident["magnitude"],
                services=incident["services"],
                channels=incident["channels"],
                terms=incident["terms"],
                size=incident["size"],
            )
            for incident in document["incidents"]
        ]
    except ValueError:
        raise FeedRejected(_("De signalenfeed heeft een onleesbare datum.")) from None
