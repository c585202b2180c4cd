"""The signals' REST router: the same page of signals as the signals page's twin and `leerlus signals --json`."""

from datetime import date

from ninja import Router

from leerlus.core.schemas import ChannelCode, SignalPage
from leerlus.core.selectors import SignalFilter, signal_page

router = Router(tags=["signalen"])


@router.get("/signals", response=SignalPage)
def list_signals(
    request,
    since: date | None = None,
    until: date | None = None,
    channel: ChannelCode | None = None,
    service: str | None = None,
    words: str = "",
    limit: int = 50,
    after: str | None = None,
):
    """Signals, newest first; `next_cursor` as `after` gives the next page."""
    return signal_page(
        SignalFilter(since=since, until=until, channel=channel, service=service, words=words, limit=limit, after=after)
    )
