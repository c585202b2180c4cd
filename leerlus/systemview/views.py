"""The what-if page: the municipality's live channels, the standard scenarios side by side, the load curve."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.analysis.queueing import Channel
from leerlus.core.channels import channel_label
from leerlus.presentation.charts import bar_chart, curve_chart
from leerlus.presentation.documents import as_document
from leerlus.presentation.number_input import parse_number
from leerlus.presentation.twins import json_twin
from leerlus.systemview import whatif
from leerlus.systemview.scenarios import channels_of, run
from leerlus.systemview.schemas import SimulationDocument, SystemMapDocument
from leerlus.systemview.selectors import busiest_hours, hourly_demand
from leerlus.systemview.system_map import as_list, label, svg, system_map

FIELDS = (
    ("contacts_per_hour", gettext_lazy("contacten per uur")),
    ("handle_seconds", gettext_lazy("afhandeltijd (s)")),
    ("agents", gettext_lazy("medewerkers")),
    ("patience_seconds", gettext_lazy("geduld (s)")),
)


def _channels_from(query, defaults: list[Channel]) -> list[dict]:
    """The page's channels: the defaults, with every value the user changed in the form."""
    channels = []
    for channel in defaults:
        item = {
            "name": channel.name,
            "contacts_per_hour": channel.contacts_per_hour,
            "handle_seconds": channel.handle_seconds,
            "agents": channel.agents,
            "patience_seconds": channel.patience_seconds,
        }
        for field, field_label in FIELDS:
            raw = query.get(f"{channel.name}-{field}", "").strip()
            if raw:
                name = f"{channel_label(channel.name)}: {field_label}"
                item[field] = float(parse_number(raw, label=name, example="12,5"))
        channels.append(item)
    return channels


@login_required
def what_if(request):
    answer_within = float(parse_number(request.GET.get("answer_within") or 20, label=_("opgenomen binnen")))
    demand = hourly_demand()
    items = _channels_from(request.GET, whatif.starting_channels(busiest_hours(demand)))
    channels = channels_of({"channels": items}) if items else []
    result = run(whatif.document(channels, answer_within)) if channels else None
    if request.GET.get("format") in ("json", "scenario"):
        if request.GET["format"] == "scenario":  # the file for `leerlus simulate --scenario`
            return json_twin(whatif.document(channels, answer_within))
        return json_twin(result or SimulationDocument(channels=[]))
    main = channels[0] if channels else None
    profile = whatif.week_profile(main, demand[main.name], answer_within) if main and main.name in demand else []
    return render(
        request,
        "systemview/what_if.html",
        {
            "result": as_document(result),
            "channels": channels,
            "fields": FIELDS,
            "answer_within": answer_within,
            "main": main,
            "curve": curve_chart(
                whatif.load_curve(main, answer_within), _("drukte t.o.v. nu"), _("gemiddelde wachttijd (s)")
            )
            if main
            else None,
            "explanation": whatif.explanation(main, answer_within) if main else "",
            "profile": profile,
            "opening_hours": whatif.opening_hours(demand[main.name]) if profile else "",
            "profile_chart": bar_chart({_("binnen de tijd"): {label: share for label, _n, share in profile}})
            if profile
            else None,
            "worst": min(profile, key=lambda row: row[2]) if profile else None,
        },
    )


@login_required
def system_map_page(request):
    nodes, links = system_map()
    if request.GET.get("format") == "json":
        return json_twin(SystemMapDocument(nodes=nodes, links=links))
    return render(
        request,
        "systemview/system_map.html",
        {
            "svg": svg(nodes, links),
            "parts": as_list(nodes, links),
            "links": [link for link in links if link.origin != "structure"],
            "label": label,
        },
    )
