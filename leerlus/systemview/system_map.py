"""The system map: channels, services, departments and IT systems, with links learned from the
ripples of the last analysis and links people drew, as data and as an SVG picture.

The picture is drawn here in columns (IT systems, channels, services, departments), so it needs
no layout library and no JavaScript; `static/systemview/map.js` only highlights a part's links.
"""

from dataclasses import dataclass
from html import escape

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.core.channels import CHANNELS
from leerlus.core.models import DailyCount, Department, Service
from leerlus.patterns.models import Pattern
from leerlus.systemview.models import DrawnLink, ItSystem

COLUMNS = ("systeem", "kanaal", "dienst", "afdeling")
WIDTH, ROW, TOP, BOX_W, BOX_H = 1000, 34, 40, 200, 24
HEADINGS = {
    "systeem": gettext_lazy("IT-systemen"),
    "kanaal": gettext_lazy("Kanalen"),
    "dienst": gettext_lazy("Diensten"),
    "afdeling": gettext_lazy("Afdelingen"),
}


@dataclass(frozen=True)
class Node:
    kind: str
    name: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class Link:
    source: Node
    target: Node
    origin: str  # learned (a ripple), drawn (by people) or structure (a service belongs to a department)
    note: str
    lag_days: int | None = None
    strength: float | None = None
    evidence: str | None = None  # the page that shows why


def system_map() -> tuple[list[Node], list[Link]]:
    nodes = {}

    def node(kind: str, name: str) -> Node:
        return nodes.setdefault((kind, name), Node(kind, name))

    for system in ItSystem.objects.all():
        node("systeem", system.name)
    for channel in DailyCount.objects.values_list("channel", flat=True).distinct().order_by("channel"):
        node("kanaal", channel)
    links = []
    for service in Service.objects.select_related("department").order_by("name"):
        node("dienst", service.name)
        if service.department:
            links.append(
                Link(
                    node("dienst", service.name),
                    node("afdeling", service.department.name),
                    "structure",
                    _("%(d)s voert %(s)s uit.") % {"d": service.department.name, "s": service.name},
                )
            )
    for department in Department.objects.order_by("name"):
        node("afdeling", department.name)
    for ripple in Pattern.objects.filter(kind="ripple").exclude(status=Pattern.Status.DISMISSED):
        cause, effect = ripple.cause or {}, ripple.effect or {}
        if cause.get("channel") and effect.get("channel") and cause["channel"] != effect["channel"]:
            source, target = node("kanaal", cause["channel"]), node("kanaal", effect["channel"])
        elif cause.get("service") and effect.get("service") and cause["service"] != effect["service"]:
            source, target = node("dienst", cause["service"]), node("dienst", effect["service"])
        else:
            continue
        links.append(
            Link(
                source,
                target,
                "learned",
                ripple.summary,
                ripple.lag_days,
                abs(ripple.magnitude),
                reverse("pattern-detail", args=[ripple.pk]),
            )
        )
    for drawn in DrawnLink.objects.all():
        links.append(
            Link(node(drawn.source_kind, drawn.source), node(drawn.target_kind, drawn.target), "drawn", drawn.note)
        )
    return sorted(nodes.values(), key=lambda n: (COLUMNS.index(n.kind), n.name)), links


def label(node: Node) -> str:
    return str(CHANNELS.get(node.name, node.name)) if node.kind == "kanaal" else node.name


@dataclass(frozen=True)
class Neighbour:
    """One link of a part, seen from that part: whether it goes out or comes in, and the part at the other end."""

    outgoing: bool
    other: str
    link: Link


def as_list(nodes: list[Node], links: list[Link]) -> list[tuple[str, list[tuple[str, list[Neighbour]]]]]:
    """The map as text: per kind a heading, per part its label and its links; for small screens and screen readers."""
    neighbours = {node.key: [] for node in nodes}
    for link in links:
        neighbours[link.source.key].append(Neighbour(True, label(link.target), link))
        neighbours[link.target.key].append(Neighbour(False, label(link.source), link))
    return [
        (str(HEADINGS[kind]), [(label(n), neighbours[n.key]) for n in nodes if n.kind == kind])
        for kind in COLUMNS
        if any(n.kind == kind for n in nodes)
    ]


def svg(nodes: list[Node], links: list[Link]) -> str:
    """The map as SVG: one column per kind, links as lines; learned links bold, drawn links dashed.

    It is a picture only (role="img"): its parts and links are in the list beside it, so it holds no tab stops."""
    places, rows = {}, {}
    for node in nodes:
        column = COLUMNS.index(node.kind)
        row = rows[column] = rows.get(column, -1) + 1
        places[node.key] = (20 + column * (WIDTH - BOX_W - 40) / 3, TOP + row * ROW)
    height = TOP + max(rows.values(), default=0) * ROW + 2 * ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="system-map" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="kaart-titel"><title id="kaart-titel">{escape(_("Systeemkaart"))}</title>',
        '<defs><marker id="pijl" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#e17000"/></marker></defs>',
    ]
    for column, kind in enumerate(COLUMNS):
        parts.append(
            f'<text x="{20 + column * (WIDTH - BOX_W - 40) / 3}" y="20" class="heading">'
            f"{escape(str(HEADINGS[kind]))}</text>"
        )
    for link in links:
        (x1, y1), (x2, y2) = places[link.source.key], places[link.target.key]
        if x1 == x2:  # in the same column: a bow to the right
            path = f"M {x1 + BOX_W} {y1 + BOX_H / 2} C {x1 + BOX_W + 60} {y1 + BOX_H / 2}, {x2 + BOX_W + 60} {y2 + BOX_H / 2}, {x2 + BOX_W} {y2 + BOX_H / 2}"  # noqa: E501
        else:
            left, right = ((x1, y1), (x2, y2)) if x1 < x2 else ((x2, y2), (x1, y1))
            path = f"M {left[0] + BOX_W} {left[1] + BOX_H / 2} L {right[0]} {right[1] + BOX_H / 2}"
        arrow = ' marker-end="url(#pijl)"' if link.origin == "learned" else ""
        parts.append(
            f'<path d="{path}" class="link {link.origin}" data-from="{escape(link.source.key)}" '
            f'data-to="{escape(link.target.key)}"{arrow}><title>{escape(link.note)}</title></path>'
        )
    for node in nodes:
        x, y = places[node.key]
        parts.append(
            f'<g class="node {node.kind}" data-node="{escape(node.key)}">'
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4"/>'
            f'<text x="{x + 8}" y="{y + 16}">{escape(label(node)[:28])}</text><title>{escape(label(node))}</title></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
