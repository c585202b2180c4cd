"""Readers for systems that are synced on a schedule: one Feed class per source kind, listed here."""

from leerlus.intake.sync.feed import Feed
from leerlus.intake.sync.imap import ImapFeed
from leerlus.intake.sync.kiss import KissFeed
from leerlus.intake.sync.openklant import OpenKlantFeed
from leerlus.intake.sync.signalen import SignalenApiFeed, SignalenZipFeed

FEEDS: dict[str, type[Feed]] = {
    f.kind: f for f in (SignalenApiFeed, SignalenZipFeed, OpenKlantFeed, KissFeed, ImapFeed)
}

__all__ = ["FEEDS", "Feed"]
