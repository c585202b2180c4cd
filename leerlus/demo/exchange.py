"""The demo's neighbours, shipped as files and read like any feed: Gemeente Elderveen's lessons, so that "Elders
geprobeerd" on the waste problem shows a failure and a success from elsewhere, and the early warning of Elderveen
and Noordermeer, whose rise in waste signals from mid-June 2026 shows as "ook bij" on the demo's own. Reading twice
changes nothing."""

from pathlib import Path

from leerlus.exchange.services import read_feed_file

FIXTURES = Path(__file__).with_name("fixtures")
NEIGHBOUR_FEEDS = ["elderveen-lessen.json", "elderveen-signalen.json", "noordermeer-signalen.json"]


def load_neighbour() -> None:
    for name in NEIGHBOUR_FEEDS:
        read_feed_file(FIXTURES / name)
