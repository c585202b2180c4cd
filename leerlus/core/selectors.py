"""Reads signals: the filtered, keyset-paged list and the daily counts for the charts.

Paging uses the (received_at, id) index instead of OFFSET, so page 1,000 is as fast as page 1.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from leerlus.audit.models import AuditEntry
from leerlus.audit.recorder import record
from leerlus.core.channels import CHANNELS
from leerlus.core.models import DailyCount, Organisation, Service, Signal
from leerlus.core.schemas import SignalPage
from leerlus.errors import InputError

Action = AuditEntry.Action

MAX_LIMIT = 1000


@dataclass(frozen=True)
class SignalFilter:
    since: date | None = None
    until: date | None = None
    channel: str | None = None
    service: str | None = None
    words: str = ""
    limit: int = 50
    after: str | None = None  # the cursor: "<received_at ISO>|<id>" of the last signal shown

    def validate(self) -> "SignalFilter":
        if self.channel and self.channel not in CHANNELS:
            raise InputError(
                _("Onbekend kanaal '%(v)s'. Kies uit: %(keuzes)s.")
                % {"v": self.channel, "keuzes": ", ".join(CHANNELS)},
                field="channel",
            )
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InputError(
                _("Limiet %(v)s moet tussen 1 en %(max)s liggen.") % {"v": self.limit, "max": MAX_LIMIT}, field="limit"
            )
        if self.since and self.until and self.since > self.until:
            raise InputError(
                _("De begindatum %(a)s ligt na de einddatum %(b)s.") % {"a": self.since, "b": self.until}, field="until"
            )
        return self


def local_midnight(day: date) -> datetime:
    """The start of a day in Dutch time, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time()))


def current_organisation() -> Organisation | None:
    """The municipality this installation serves (the first organisation)."""
    return Organisation.objects.order_by("pk").first()


def received_between(first: date, last: date) -> Q:
    """Signals of the days first … last (Dutch time), on the time index rather than a scan of received_on."""
    return Q(received_at__gte=local_midnight(first), received_at__lt=local_midnight(last + timedelta(days=1)))


def signal_days() -> tuple[date, date] | None:
    """The first and last day with signals (via the time index)."""
    bounds = Signal.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
    if bounds["first"] is None:
        return None
    return timezone.localdate(bounds["first"]), timezone.localdate(bounds["last"])


def filtered_signals(f: SignalFilter):
    signals = Signal.objects.all()
    if f.since:
        signals = signals.filter(received_at__gte=local_midnight(f.since))
    if f.until:
        signals = signals.filter(received_at__lt=local_midnight(f.until + timedelta(days=1)))
    if f.channel:
        signals = signals.filter(channel=f.channel)
    if f.service:
        service = Service.objects.filter(name__iexact=f.service).first()
        if service is None:
            raise InputError(
                _("Onbekende dienst '%(v)s'. Kies uit: %(keuzes)s.")
                % {"v": f.service, "keuzes": ", ".join(Service.objects.values_list("name", flat=True))},
                field="service",
            )
        signals = signals.filter(effective_service=service)
    for word in f.words.split():
        signals = signals.filter(text__icontains=word)
    return signals


def _parse_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        moment, _sep, pk = cursor.partition("|")
        return datetime.fromisoformat(moment), int(pk)
    except ValueError:
        raise InputError(_("Ongeldige paginaverwijzing '%(v)s'.") % {"v": cursor[:40]}, field="after") from None


def signal_page(f: SignalFilter) -> SignalPage:
    """One page of signals, newest first, with the cursor of the next page (None on the last)."""
    signals = filtered_signals(f.validate())
    if f.after:
        moment, pk = _parse_cursor(f.after)
        signals = signals.filter(Q(received_at__lt=moment) | Q(received_at=moment, id__lt=pk))
    rows = list(signals.select_related("effective_service").order_by("-received_at", "-id")[: f.limit + 1])
    has_more = len(rows) > f.limit
    rows = rows[: f.limit]
    cursor = f"{rows[-1].received_at.isoformat()}|{rows[-1].id}" if has_more else None
    record(Action.VIEW, "core.signal", _texts_shown(f, len(rows)))
    return SignalPage(signals=rows, next_cursor=cursor)


def _texts_shown(f: SignalFilter, shown: int) -> str:
    """For the audit trail: how many texts were shown and by which filters; the search words themselves are left
    out, as they may name a person."""
    used = [name for name in ("since", "until", "channel", "service") if getattr(f, name)]
    used += ["words"] if f.words else []
    return _("%(n)s signaalteksten; filters: %(f)s") % {"n": shown, "f": ", ".join(used) or "-"}


def counts_over_time(by: str, since: date | None = None, weekly: bool = True) -> dict[str, dict[date, int]]:
    """Signals per week (or day) for each channel or each service: {label: {period start: count}}."""
    field = {"channel": "channel", "service": "service__name"}[by]
    counts = DailyCount.objects.all()
    if since:
        counts = counts.filter(day__gte=since)
    series: dict[str, dict[date, int]] = {}
    for row in counts.values(field, "day").annotate(n=Sum("count")):
        label = row[field] or _("(geen dienst)")
        if by == "channel":
            label = str(CHANNELS.get(label, label))
        day = row["day"] - timedelta(days=row["day"].weekday()) if weekly else row["day"]
        per_label = series.setdefault(label, {})
        per_label[day] = per_label.get(day, 0) + row["n"]
    return series
