"""One chart definition for the web pages and the printed briefs: accessible SVG, numbers and dates as the text.

pygal renders on the server, so no JavaScript and no CDN are needed; its tooltip script, which it
would fetch from the internet, is switched off. Every chart comes with its data as a table.
"""

import re
from datetime import date

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from leerlus.presentation.formatting import number, percent, short_day

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#767676",
    font_family="system-ui, sans-serif",
    label_font_size=12,
    legend_font_size=12,
    major_label_font_size=12,
    colors=(
        "#01689b",
        "#e17000",
        "#39870c",
        "#a90061",
        "#42145f",
        "#8fcae7",
        "#ca005d",
        "#673327",
        "#007bc7",
        "#ffb612",
        "#275937",
        "#d52b1e",
        "#94710a",
    ),
)


# Every chart: SVG that scales to its box, the legend below, no script and no XML declaration.
SHARED = {"js": [], "disable_xml_declaration": True, "width": 900, "explicit_size": False, "legend_at_bottom": True}


INLINE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


def _svg(chart) -> str:
    """The chart's markup without pygal's inline config script, which only feeds pygal's tooltip script (not loaded:
    js=[]) and which the Content-Security-Policy refuses."""
    return INLINE_SCRIPT.sub("", chart.render(is_unicode=True))


def _over_days(style: Style, days: int, **extra) -> pygal.Line:
    """A line chart with one point per day, about eight date labels and full legend texts."""
    return pygal.Line(
        style=style,
        **SHARED,
        truncate_label=-1,
        show_dots=False,
        height=360,
        x_label_rotation=0,
        show_minor_x_labels=False,
        truncate_legend=-1,
        x_labels_major_every=max(1, days // 8),
        **extra,
    )


def line_chart(series: dict[str, dict[date, int]], top: int = 8) -> str:
    """Counts over time, one line per label (the `top` largest), as inline SVG markup.

    The page's heading is the chart's title, so the SVG carries none of its own.
    """
    periods = sorted({day for counts in series.values() for day in counts})
    largest = sorted(series, key=lambda label: -sum(series[label].values()))[:top]
    chart = _over_days(STYLE, len(periods), value_formatter=number)
    chart.x_labels = [short_day(p) for p in periods]
    for label in largest:
        chart.add(label, [series[label].get(p, 0) for p in periods])
    return _svg(chart)


def as_table(series: dict[str, dict[date, int]], top: int = 8) -> tuple[list[str], list[tuple]]:
    """The same data as a table: header labels and one row per period."""
    largest = sorted(series, key=lambda label: -sum(series[label].values()))[:top]
    periods = sorted({day for counts in series.values() for day in counts})
    return largest, [(p, [series[label].get(p, 0) for label in largest]) for p in periods]


def curve_chart(curves: dict[str, dict[float, float]], x_title: str, y_title: str) -> str:
    """Lines over a numeric x (for example waiting time against load), as inline SVG markup."""
    chart = pygal.XY(
        style=STYLE,
        **SHARED,
        show_dots=True,
        dots_size=2,
        height=360,
        truncate_legend=-1,
        x_title=x_title,
        y_title=y_title,
        x_value_formatter=percent,
        value_formatter=number,
    )
    for label, points in curves.items():
        chart.add(label, sorted(points.items()))
    return _svg(chart)


def bar_chart(series: dict[str, dict[str, float]]) -> str:
    """Bars over named categories (for example the hours of the week), as inline SVG markup."""
    categories = list(dict.fromkeys(label for values in series.values() for label in values))
    chart = pygal.Bar(
        style=STYLE,
        **SHARED,
        height=320,
        x_label_rotation=60,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, len(categories) // 20),
        truncate_label=-1,
        value_formatter=percent,
        range=(0, 1),
    )
    chart.x_labels = categories
    for label, values in series.items():
        chart.add(label, [values.get(category) for category in categories])
    return _svg(chart)


EFFECT_STYLE = Style(**{**STYLE.to_dict(), "colors": ("#01689b", "#e17000", "#f0a868", "#f0a868")})


def effect_chart(estimate: dict) -> str:
    """An effect estimate per day after the start: observed, the counterfactual and its 95% band (dashed),
    as inline SVG markup. Closed days (nothing observed and nothing expected) are gaps in the lines."""
    days = estimate["days"]
    open_days = [seen or expected for seen, expected in zip(estimate["observed"], estimate["counterfactual"])]
    chart = _over_days(
        EFFECT_STYLE, len(days), allow_interruptions=True, value_formatter=lambda value: number(value, 1)
    )
    chart.x_labels = [short_day(d) for d in days]
    band = {"stroke_style": {"width": 1.5, "dasharray": "6, 4"}}
    lines = [
        (_("waargenomen"), "observed", {}),
        (_("zonder experiment (verwacht)"), "counterfactual", {}),
        (_("95%-band, ondergrens"), "counterfactual_low", band),
        (_("95%-band, bovengrens"), "counterfactual_high", band),
    ]
    for label, key, options in lines:
        if estimate.get(key):  # estimates measured before the band was kept have none
            chart.add(label, [v if shown else None for v, shown in zip(estimate[key], open_days)], **options)
    return _svg(chart)
