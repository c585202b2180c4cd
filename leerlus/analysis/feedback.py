"""What people told the analysis: seasons they marked as expected, false alarms, events announced ahead.

The next run uses it. A window marked "verwacht" (expected, a yearly season) on a series makes the
same window a year later expected on that series and the series inside it. A pattern marked
"onterecht" (false) lowers the weight of that kind of evidence on that series: each marking
divides its score by `FALSE_WEIGHT`. An announced event ("aanslagen verstuurd op 1 februari")
makes the changes in its services and channels in the weeks after it (the rise, and the fall when
it is over) expected, not news.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from leerlus.analysis.keys import SeriesKey
from leerlus.analysis.results import Pattern

FALSE_WEIGHT = 1.5
YEARLY_SLACK_DAYS = 21  # a season comes a few weeks earlier or later than last year
ANNOUNCED_SLACK_DAYS = 3  # a change day can come out a few days before the event


@dataclass(frozen=True)
class MarkedSeason:
    key: SeriesKey
    start: date
    end: date


@dataclass(frozen=True)
class Announcement:
    day: date
    services: tuple[str, ...] = ()  # empty: every service
    channels: tuple[str, ...] = ()  # empty: every channel
    days: int = 28  # how long after the day a rise counts as its consequence


@dataclass(frozen=True)
class Feedback:
    seasons: tuple[MarkedSeason, ...] = ()
    false_alarms: tuple[tuple[str, SeriesKey], ...] = ()  # (kind, series) of patterns marked false
    announcements: tuple[Announcement, ...] = ()

    def weight(self, kind: str, key: SeriesKey) -> float:
        """The factor on a score of this kind of evidence on this series."""
        marked = sum(1 for k, series in self.false_alarms if k == kind and series == key)
        return FALSE_WEIGHT**-marked

    def expected(self, pattern: Pattern) -> str | None:
        """A reason code when the pattern was expected: "season_marked" or "announced"; else None."""
        if pattern.kind != "trend" and any(self._recurs(season, pattern) for season in self.seasons):
            return "season_marked"
        if any(self._follows(announcement, pattern) for announcement in self.announcements):
            return "announced"
        return None

    @staticmethod
    def _recurs(season: MarkedSeason, pattern: Pattern) -> bool:
        if not (season.key.contains(pattern.key) or pattern.key.contains(season.key)):
            return False
        slack = timedelta(days=YEARLY_SLACK_DAYS)
        years = range(1, pattern.start.year - season.start.year + 1)
        return any(
            _years_later(season.start, n) - slack <= pattern.start <= _years_later(season.end, n) + slack for n in years
        )

    @staticmethod
    def _follows(announcement: Announcement, pattern: Pattern) -> bool:
        """The rise after the announced day, and the fall when it is over, in its services and channels (a
        series across all of them included); a change day may come out a few days early."""
        key = pattern.effect or pattern.key
        first = announcement.day - timedelta(days=ANNOUNCED_SLACK_DAYS)
        in_time = first <= pattern.start <= announcement.day + timedelta(days=announcement.days)
        service = not announcement.services or key.service is None or key.service in announcement.services
        channel = not announcement.channels or key.channel is None or key.channel in announcement.channels
        return in_time and service and channel


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
