"""Daily signal series for an experiment's metric and its control series, and the effect estimate on them.

A metric is a channel and/or service, optionally narrowed to signals with certain words. Control
series are the series the experiment does not touch: for a channel and a service, every other
channel × other service; for a channel only, the other channels; for a service only, the other
services. A person may leave out more series they know were touched ("whatsapp/Algemeen").
"""

from datetime import date

import holidays
import pandas as pd
from django.db.models import Count
from django.utils.translation import gettext as _

from leerlus.analysis.effect import EffectEstimate, EffectEstimator
from leerlus.core.channels import CHANNELS, normalise_label
from leerlus.core.models import Service, Signal
from leerlus.core.selectors import signal_days
from leerlus.errors import InputError

MAX_CANDIDATES = 12


def calendar() -> pd.DatetimeIndex:
    """Every day from the first to the last signal in the database."""
    days = signal_days()
    if days is None:
        raise InputError(_("Er zijn nog geen signalen; importeer eerst gegevens."))
    return pd.date_range(*days, freq="D")


def _daily(rows, days: pd.DatetimeIndex) -> pd.Series:
    counts = pd.Series({pd.Timestamp(day): n for day, n in rows}, dtype=float)
    return counts.reindex(days, fill_value=0.0)


def metric_series(channel: str | None, service: Service | None, terms: list[str], days: pd.DatetimeIndex) -> pd.Series:
    signals = Signal.objects.all()
    if channel:
        signals = signals.filter(channel=channel)
    if service:
        signals = signals.filter(effective_service=service)
    for term in terms:
        signals = signals.filter(text__icontains=term)
    rows = signals.values_list("received_on").annotate(n=Count("id")).values_list("received_on", "n").order_by()
    return _daily(rows, days)


def control_series(
    channel: str | None,
    service: Service | None,
    days: pd.DatetimeIndex,
    touched: list[tuple[str | None, str | None]] = (),
) -> dict[str, pd.Series]:
    """The largest series that the metric's channel and service do not touch, by name ("kanaal / dienst").

    touched: other (channel, service name) series the experiment aims at; a candidate that shares any
    signal with one of them is left out (an experiment that moves calls to WhatsApp touches both).
    """
    dimensions = [d for d, given in (("channel", channel), ("effective_service__name", service)) if given]
    if not dimensions:
        return {}
    signals = Signal.objects.all()
    if channel:
        signals = signals.exclude(channel=channel)
    if service:
        signals = signals.exclude(effective_service=service).exclude(effective_service=None)
    rows = signals.values_list("received_on", *dimensions).annotate(n=Count("id")).order_by()
    frame = pd.DataFrame(list(rows), columns=["day", *dimensions, "n"])
    if frame.empty:
        return {}
    for touched_channel, touched_service in touched:
        overlaps = pd.Series(True, index=frame.index)
        if touched_channel and "channel" in dimensions:
            overlaps &= frame["channel"] == touched_channel
        if touched_service and "effective_service__name" in dimensions:
            overlaps &= frame["effective_service__name"] == touched_service
        frame = frame[~overlaps]
    if frame.empty:
        return {}
    frame["name"] = frame[dimensions].astype(str).agg(" / ".join, axis=1)
    largest = frame.groupby("name")["n"].sum().nlargest(MAX_CANDIDATES).index
    return {
        name: _daily(group[["day", "n"]].itertuples(index=False), days)
        for name, group in frame[frame["name"].isin(largest)].groupby("name")
    }


def resolve_service(name: str | None) -> Service | None:
    if not name:
        return None
    service = Service.objects.filter(name__iexact=name.strip()).first()
    if service is None:
        raise InputError(
            _("Onbekende dienst '%(v)s'. Kies uit: %(keuzes)s.")
            % {"v": name, "keuzes": ", ".join(Service.objects.values_list("name", flat=True))}
        )
    return service


def parse_exclusions(values) -> list[tuple[str | None, str | None]]:
    """Series to leave out of the controls, each written CHANNEL/SERVICE, CHANNEL (a whole channel) or
    /SERVICE (a whole service), as (channel, service name) pairs."""
    series = []
    for value in values:
        channel, _slash, service = value.strip().partition("/")
        channel, service = normalise_label(channel) or None, service.strip() or None
        if not channel and not service:
            raise InputError(
                _(
                    "Lege controlereeks '%(v)s'. Schrijf kanaal/dienst, kanaal of /dienst, bijvoorbeeld "
                    "whatsapp/Algemeen, whatsapp of /Afval."
                )
                % {"v": value}
            )
        check_channel(channel)
        series.append((channel, resolve_service(service).name if service else None))
    return series


def series_label(channel: str | None, service: str | None) -> str:
    """The written form of a series that parse_exclusions reads back."""
    return f"{channel or ''}/{service}" if service else channel


def check_channel(channel: str | None) -> None:
    if channel and channel not in CHANNELS:
        raise InputError(
            _("Onbekend kanaal '%(v)s'. Kies uit: %(keuzes)s.") % {"v": channel, "keuzes": ", ".join(CHANNELS)}
        )


def estimate_effect(
    *,
    channel: str | None,
    service: Service | None,
    terms: list[str],
    start: date,
    end: date | None = None,
    touched: list[tuple[str | None, str | None]] = (),
) -> EffectEstimate:
    """The effect of what started on `start` on this series, against its own past and its control series.

    touched: series the experiment touches or a person left out (see parse_exclusions); none is a control.
    Days on which the series' channel was closed (public holidays of the Netherlands, a closed weekday)
    count neither as observed nor as expected."""
    check_channel(channel)
    if not channel and not service:
        raise InputError(_("Kies een kanaal, een dienst of allebei."))
    if end is not None and end < start:
        raise InputError(_("Het einde %(e)s ligt vóór de start %(s)s.") % {"e": end, "s": start})
    days = calendar()
    metric = metric_series(channel, service, terms, days)
    public_holidays = frozenset(holidays.country_holidays("NL", years=range(days[0].year, days[-1].year + 1)))
    return (
        EffectEstimator(holidays=public_holidays)
        .fit(metric, control_series(channel, service, days, touched), start, end)
        .estimate_
    )
