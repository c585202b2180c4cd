"""The brief as a page fragment, a standalone HTML file and a PDF (WeasyPrint: real text, a cover, page
numbers; nothing is fetched while rendering). Charts are the same pygal definitions as on the web pages."""

import logging
from datetime import date, timedelta

from django.db.models import Count
from django.template.loader import render_to_string
from weasyprint import HTML

from leerlus.core.channels import channel_label
from leerlus.core.models import Signal
from leerlus.core.selectors import received_between
from leerlus.playground.models import Experiment, Lesson, LogEntry
from leerlus.presentation.charts import effect_chart, line_chart


def brief_charts(document: dict) -> dict:
    """Signals per day and channel in the month, and each experiment's effect charts."""
    first, last = date.fromisoformat(document["first_day"]), date.fromisoformat(document["last_day"])
    rows = (
        Signal.objects.filter(received_between(first, last))
        .values_list("channel", "received_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_channel: dict[str, dict[date, int]] = {}
    for channel, day, n in rows:
        per_channel.setdefault(channel_label(channel), {})[day] = n
    every_day = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    per_channel = {channel: {day: counts.get(day, 0) for day in every_day} for channel, counts in per_channel.items()}
    effects = {}
    for experiment in document["experiments"]:
        for effect in experiment["effects"]:
            estimate = effect["effect"]
            if estimate and estimate["enough_data"]:
                effects[(experiment["id"], effect["metric"])] = effect_chart(estimate)
    return {"signals": line_chart(per_channel) if per_channel else None, "effects": effects}


def page_context(document: dict, organisation) -> dict:
    """The brief with its charts and the labels a person reads for its codes, for the page and the printed
    version alike."""
    charts = brief_charts(document)
    for experiment in document["experiments"]:
        experiment["status_label"] = Experiment.Status(experiment["status"]).label
        for entry in experiment["log"]:
            entry["kind_label"] = LogEntry.Kind(entry["kind"]).label
        for effect in experiment["effects"]:
            effect["chart"] = charts["effects"].get((experiment["id"], effect["metric"]))
    for lesson in document["lessons"]:
        lesson["outcome_label"] = Lesson.Outcome(lesson["outcome"]).label
    return {
        "brief": document,
        "by_channel": {channel_label(code): n for code, n in document["signals"]["by_channel"].items()},
        "signals_chart": charts["signals"],
        "organisation": organisation,
    }


def brief_html(document: dict, organisation) -> str:
    """A standalone HTML file with the print styles inline (no external files)."""
    return render_to_string("rhythm/brief_print.html", page_context(document, organisation))


def brief_pdf(document: dict, organisation) -> bytes:
    """Tagged PDF (PDF/UA-1): the text is text, in reading order, for screen readers and search."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # pygal repeats element ids between charts
    return HTML(string=brief_html(document, organisation)).write_pdf(pdf_variant="pdf/ua-1")
