"""The signals list: filters, keyset paging, and the same document as JSON with ?format=json."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from leerlus.core.channels import CHANNEL_CHOICES
from leerlus.core.models import Service
from leerlus.core.selectors import SignalFilter, signal_page
from leerlus.errors import InputError
from leerlus.presentation.documents import as_document
from leerlus.presentation.twins import json_twin


def _day(query, key: str, label: str) -> date | None:
    value = query.get(key, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            _("%(veld)s '%(v)s' is geen datum; gebruik jjjj-mm-dd.") % {"veld": label, "v": value[:20]}, field=key
        ) from None


def _filter_from(query) -> SignalFilter:
    try:
        limit = int(query.get("limit") or 50)
    except ValueError:
        raise InputError(_("Limiet '%(v)s' is geen getal.") % {"v": query.get("limit")[:20]}, field="limit") from None
    return SignalFilter(
        since=_day(query, "since", _("Vanaf")),
        until=_day(query, "until", _("Tot en met")),
        channel=query.get("channel") or None,
        service=query.get("service") or None,
        words=query.get("words", "").strip(),
        limit=limit,
        after=query.get("after") or None,
    )


@login_required
def signal_list(request):
    page = signal_page(_filter_from(request.GET))
    if request.GET.get("format") == "json":
        return json_twin(page)
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "core/signal_list.html",
        {
            "page": as_document(page),
            "query": request.GET,
            "first_page_query": query.urlencode(),
            "channels": CHANNEL_CHOICES,
            "services": Service.objects.values_list("name", flat=True),
        },
    )
