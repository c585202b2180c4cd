"""The website feedback widget: which sites may send, one submission checked and queued, the queue moved into signals.

A submission is answered at once: its text is redacted and it is queued in one short INSERT (PageFeedback, unique
by the script's key, so a retry or a double click adds nothing). The 'widget' job moves the queue through the
import (`push.import_items`: the same checks and redaction as every other intake) in batches; the signal's
external id is the key, so a key sent again after its move is a duplicate there. See docs/benchmarks.md for why a
queue: one import run per submission would write an import batch, a day's counts and an analysis request each time.
"""

import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.analysis.redact import redact
from leerlus.errors import InputError
from leerlus.intake.models import PageFeedback, WidgetSite
from leerlus.intake.push import import_items
from leerlus.intake.schemas import ImportSummary

CHANNEL, SOURCE = "website", "paginafeedback"
MOVE_BATCH = 5_000
SITES_CACHE_KEY, SITES_SECONDS = "widget-sites", 60


@dataclass(frozen=True)
class Feedback:
    """One checked submission: the page without query and fragment, yes/no (or None), the visitor's text."""

    key: uuid.UUID
    page: str
    useful: bool | None
    text: str


def origin_of(url: str) -> str:
    """`https://www.voorbeeldstad.nl` of any address on that site; '' when it is no http(s) address."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}".lower()


def allow_site(origin: str) -> WidgetSite:
    """Adds a website to the allow-list; the address is reduced to its origin."""
    site_origin = origin_of(origin)
    if not site_origin:
        raise InputError(
            _("'%(v)s' is geen websiteadres. Geef bijvoorbeeld https://www.voorbeeldstad.nl.") % {"v": origin}
        )
    return WidgetSite.objects.get_or_create(origin=site_origin)[0]


def embed_code(script_url: str) -> str:
    """What a municipality puts on a page: the place for the widget, the script, and the form for no JavaScript."""
    form_url = script_url.rsplit("/", 1)[0] + "/feedback"
    return (
        "<div data-leerlus-feedback></div>\n"
        f'<script src="{script_url}" defer></script>\n'
        f'<noscript><a href="{form_url}?page=ADRES-VAN-DEZE-PAGINA">'
        + _("Heeft deze pagina u geholpen? Laat het ons weten.")
        + "</a></noscript>"
    )


def privacy_statement() -> str:
    """A text a municipality can put beside the widget (also in docs/handleiding.md)."""
    return _(
        "Met de vraag 'Heeft deze pagina u geholpen?' verbeteren wij onze website. Wij bewaren uw antwoord, wat u "
        "schrijft en het adres van de pagina, zonder cookies. Uw IP-adres wordt niet opgeslagen; het telt alleen een "
        "minuut mee om misbruik tegen te gaan. Namen, telefoonnummers, "
        "e-mailadressen, BSN's en andere persoonsgegevens halen wij automatisch uit uw tekst voordat die wordt "
        "opgeslagen. Uw reactie wordt alleen gebruikt om te zien waar inwoners vastlopen, en wordt na de "
        "bewaartermijn van de gemeente verwijderd. Schrijf geen persoonlijke vragen in dit vak: daarvoor kunt u "
        "contact met ons opnemen."
    )


@receiver([post_save, post_delete], sender=WidgetSite)
def _forget_sites(**kwargs) -> None:
    cache.delete(SITES_CACHE_KEY)


def is_allowed(origin: str) -> bool:
    """Whether the site is on the list, kept in the cache (one query less per request): a change in Beheer counts at
    once, one made with the command line (another process) within SITES_SECONDS."""
    sites = cache.get_or_set(
        SITES_CACHE_KEY, lambda: set(WidgetSite.objects.values_list("origin", flat=True)), SITES_SECONDS
    )
    return origin.lower() in sites


def checked_feedback(data: dict, origin: str) -> Feedback:
    """The submission's fields checked: the page must lie on the sending site, the text within the limit."""
    page = str(data.get("page") or "")
    if origin_of(page) != origin:
        raise InputError(
            _("Het pagina-adres '%(v)s' hoort niet bij de website %(o)s.") % {"v": page[:200], "o": origin}
        )
    parts = urlsplit(page.strip())
    page = parts._replace(query="", fragment="", netloc=parts.netloc.rsplit("@", 1)[-1]).geturl()[:500]
    useful = data.get("useful")
    if useful not in (True, False, None):
        raise InputError(_("'useful' moet true, false of leeg zijn, niet '%(v)s'.") % {"v": str(useful)[:20]})
    text = str(data.get("text") or "").strip()
    if len(text) > settings.WIDGET_TEXT_CHARS:
        raise InputError(
            _("De tekst is %(n)s tekens lang; er passen er %(max)s.")
            % {"n": len(text), "max": settings.WIDGET_TEXT_CHARS}
        )
    if useful is None and not text:
        raise InputError(_("Kies ja of nee, of schrijf wat u zocht."))
    try:
        key = uuid.UUID(str(data.get("key") or ""))
    except ValueError:
        raise InputError(_("De sleutel '%(v)s' is geen UUID.") % {"v": str(data.get("key"))[:40]}) from None
    return Feedback(key=key, page=page, useful=useful, text=text)


def receive_feedback(feedback: Feedback) -> None:
    """Queues one submission, its text redacted before it is stored; a key already queued adds nothing."""
    row = PageFeedback(
        key=feedback.key,
        received_at=timezone.now(),
        page=feedback.page,
        useful=feedback.useful,
        text=redact(feedback.text),
    )
    PageFeedback.objects.bulk_create([row], ignore_conflicts=True)


def signal_text(useful: bool | None, text: str) -> str:
    """'Ja' or 'Nee' (so a bare yes or no is still counted), and the visitor's words after a dash."""
    answer = {True: _("Ja"), False: _("Nee"), None: ""}[useful]
    return " — ".join(part for part in (answer, text) if part)


def move_feedback(*, user=None) -> ImportSummary | None:
    """Moves the queued submissions into signals, MOVE_BATCH at a time; None when the queue was empty."""
    waiting = list(PageFeedback.objects.order_by("id")[:MOVE_BATCH])
    if not waiting:
        return None
    items = [
        {
            "external_id": str(row.key),
            "received_at": row.received_at.isoformat(),
            "channel": CHANNEL,
            "source": SOURCE,
            "location": row.page,
            "text": signal_text(row.useful, row.text),
        }
        for row in waiting
    ]
    # No transaction around both: a long one would hold SQLite's writer lock against new submissions. Stopped
    # between the two, the next move imports the same keys again, and the import counts them as duplicates.
    summary = import_items(items, _("Websitefeedback"), "widget", user=user)
    PageFeedback.objects.filter(id__lte=waiting[-1].id).delete()
    return summary
