"""The demo's neighbour: Gemeente Elderveen's lessons feed, shipped as a file and read like any feed, so that
"Elders geprobeerd" on the waste problem shows a failure and a success from elsewhere. Reading twice changes nothing."""

from pathlib import Path

from leerlus.exchange.services import read_feed_file

NEIGHBOUR_FEED = Path(__file__).with_name("fixtures") / "elderveen-lessen.json"


def load_neighbour() -> None:
    read_feed_file(NEIGHBOUR_FEED)
