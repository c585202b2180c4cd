"""A realistic municipality with its known truth, to measure what the analysis finds (issue 11).

Eighteen months of signals from eight services on seven channels, with what real counts have (see
../shared/data/README.md): negative-binomial day counts (variance mu + mu²/k, k between 8 and 15
per series), staffed channels (telefoon, balie) closed at weekends and on Dutch public holidays
with the missed contacts caught up on the next working day, a weekly rhythm on the online
channels, yearly seasons of different widths that lift every channel of their service together, a
slow common drift, and planted events with several facets (channels, services, new words).

`municipality()` returns the signals and the truth: every planted event, every yearly season
(marked when the data holds it for the first time: nobody can know a season before it came once)
and the quiet periods in which nothing was planted. Events are placed by their distance from
`first_day`; seasons by the calendar.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import holidays as holiday_calendars
import numpy as np
import pandas as pd
from scipy.signal.windows import tukey

from leerlus.analysis.synthetic import EVERYDAY, OFFICE_WEEK, ONLINE_WEEK

STAFFED = ("telefoon", "balie")
CATCH_UP = 0.8  # share of a closed working day's contacts that come on the next working day
SIGNALS_PER_DAY = 233_000 / 546  # volume 1.0: about 233,000 signals in 18 months
DRIFT_STEP = 0.004  # daily step of the common random walk in log demand
DISPERSION = (8.0, 15.0)  # range of the negative-binomial k per series

# service: (share of the volume, {channel: share of the service}, {topic: its words})
SERVICES = {
    "Afval": (
        0.20,
        {"telefoon": 0.35, "website": 0.30, "app": 0.15, "whatsapp": 0.10, "email": 0.05, "social": 0.05},
        {
            "afval-ophalen": "container geleegd grofvuil ophaaldag papier gft kliko vuilniswagen",
            "afval-zwerfvuil": "zwerfvuil bijplaatsing dumping afvalbak vol ophalen glasbak",
        },
    ),
    "Burgerzaken": (
        0.16,
        {"balie": 0.35, "website": 0.30, "telefoon": 0.25, "email": 0.10},
        {
            "paspoort": "paspoort identiteitskaart pasfoto verlopen afspraak rijbewijs",
            "verhuizing": "verhuizing adreswijziging inschrijven woonadres brp uittreksel",
        },
    ),
    "Belastingen": (
        0.09,
        {"telefoon": 0.35, "email": 0.30, "website": 0.25, "whatsapp": 0.05, "balie": 0.05},
        {
            "aanslag": "aanslag woz waarde taxatie bezwaar aanslagbiljet",
            "betaling": "termijnbetaling kwijtschelding incasso machtiging termijnen aflossing",
        },
    ),
    "Vergunning": (
        0.10,
        {"website": 0.45, "telefoon": 0.30, "email": 0.20, "balie": 0.05},
        {
            "vergunning-aanvraag": "dakkapel aanbouw tekeningen bouwplan schutting aanvraag",
            "vergunning-besluit": "besluit beslistermijn verlengd uitspraak wachttijd zienswijze",
        },
    ),
    "Parkeren": (
        0.11,
        {"app": 0.35, "website": 0.25, "telefoon": 0.25, "email": 0.10, "social": 0.05},
        {
            "parkeervergunning": "parkeervergunning bezoekers kenteken zone parkeerautomaat",
            "parkeerboete": "naheffing parkeerboete bekeuring handhaving parkeerwachter",
        },
    ),
    "Algemeen": (
        0.14,
        {"telefoon": 0.45, "whatsapp": 0.15, "website": 0.15, "email": 0.10, "balie": 0.10, "social": 0.05},
        {
            "bereikbaarheid": "openingstijden gemeentehuis bereikbaarheid contactgegevens doorverbinden",
            "klacht": "klacht medewerker behandeling ontevreden beklag klachtenformulier",
        },
    ),
    "Openbare ruimte": (
        0.12,
        {"app": 0.35, "website": 0.25, "telefoon": 0.25, "whatsapp": 0.10, "social": 0.05},
        {
            "verlichting": "straatverlichting lantaarnpaal lamp donker stoeptegel losliggend",
            "groen": "onkruid gras maaien snoeien plantsoen bladeren",
        },
    ),
    "Werk en inkomen": (
        0.08,
        {"telefoon": 0.40, "website": 0.30, "email": 0.15, "balie": 0.15},
        {
            "uitkering": "bijstand uitkering inkomen levensonderhoud inkomstenformulier",
            "schulden": "schuldhulp schulden betalingsachterstand budgetcoach bewindvoering",
        },
    ),
}

# Yearly seasons: service, first day (month, day), length in days, highest multiplier, Tukey taper
# (share of the season spent rising and falling; None: a rise towards the last day), new words.
SEASONS = {
    "belastingaanslagen": ("Belastingen", (2, 3), 28, 3.0, 0.5, ""),
    "paspoorten-voorjaar": ("Burgerzaken", (3, 10), 70, 1.7, 0.6, ""),
    "afval-zomer": ("Afval", (6, 23), 56, 1.5, 0.6, ""),
    "vuurwerk": ("Openbare ruimte", (12, 17), 15, 6.0, None, "vuurwerk knallen overlast afsteken"),
}


@dataclass(frozen=True)
class PlantedEvent:
    """One thing the analysis should see (or, for a season, may be forgiven for raising) and its truth."""

    name: str
    kind: str  # spike, level_shift, ripple, emerging_topic, drop, season or quiet (a period with nothing planted)
    start: date
    end: date | None  # None: it lasts to the end of the data
    channels: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # new words in its signals' texts
    magnitude: float = 0.0  # relative change of `metric` (0.6 = +60%, 4.0 = five times)
    metric: tuple[str, str] | None = None  # (channel, service): the series `magnitude` describes
    lag_days: int | None = None  # a ripple: days from the change in the first channel to the second
    first_year_season: bool = False  # a yearly season that the data holds for the first time

    @property
    def news(self) -> bool:
        """An event the analysis must find (a season or a quiet period is not one)."""
        return self.kind not in ("season", "quiet")


@dataclass(frozen=True)
class _Change:
    """A planted change of the rate of some series: multiplier per day from `first` to `last` (day numbers)."""

    event: str
    channels: tuple[str, ...]
    service: str
    first: int
    last: int | None
    factor: float
    words: str = ""


def _events(first_day: date) -> tuple[list[PlantedEvent], list[_Change]]:
    """The planted events (day numbers from `first_day`; the dates below are for 1 January 2025)."""

    def day(number):
        return first_day + timedelta(days=number)

    portal, phone_after, pass_day, storm, bonus, bot = 167, 170, 243, 295, 369, 425
    portal_words = "omgevingsloket portaal inloggen digid uploaden"
    events = [
        PlantedEvent(
            "portaal",
            "ripple",
            day(portal),
            None,
            ("website", "telefoon"),
            ("Vergunning",),
            ("omgevingsloket", "portaal", "inloggen", "digid"),
            0.8,
            ("website", "Vergunning"),
            lag_days=3,
        ),
        PlantedEvent(
            "afvalpas",
            "level_shift",
            day(pass_day),
            None,
            ("telefoon", "website"),
            ("Afval",),
            ("afvalpas", "milieupas"),
            0.6,
            ("telefoon", "Afval"),
        ),
        PlantedEvent(
            "storm",
            "spike",
            day(storm),
            day(storm + 1),
            ("telefoon", "whatsapp", "website"),
            ("Afval",),
            ("storm", "omgewaaid", "boom"),
            4.0,
            ("telefoon", "Afval"),
        ),
        PlantedEvent(
            "energietoeslag",
            "emerging_topic",
            day(bonus),
            day(bonus + 25),
            tuple(SERVICES["Werk en inkomen"][1]),
            ("Werk en inkomen",),
            ("energietoeslag",),
            0.3,
        ),
        PlantedEvent(
            "whatsapp-bot",
            "drop",
            day(bot),
            None,
            ("telefoon", "whatsapp"),
            ("Algemeen",),
            ("chatbot",),
            -0.35,
            ("telefoon", "Algemeen"),
        ),
        PlantedEvent("rustig-najaar", "quiet", day(306), day(338)),  # 3 November – 5 December 2025
        PlantedEvent("rustig-voorjaar", "quiet", day(510), day(534)),  # 26 May – 19 June 2026
    ]
    moved = 0.35 * 0.6 * SERVICES["Algemeen"][1]["telefoon"] / SERVICES["Algemeen"][1]["whatsapp"]
    changes = [
        _Change("portaal", ("website",), "Vergunning", portal, None, 1.8, portal_words),
        _Change("portaal", ("telefoon",), "Vergunning", phone_after, None, 1.5, portal_words),
        _Change(
            "afvalpas", ("telefoon", "website"), "Afval", pass_day, None, 1.6, "afvalpas milieupas pasje milieustraat"
        ),
        _Change("storm", ("telefoon",), "Afval", storm, storm + 1, 5.0, "storm omgewaaid boom takken schade"),
        _Change("storm", ("whatsapp",), "Afval", storm, storm + 1, 3.0, "storm omgewaaid boom takken schade"),
        _Change("storm", ("website",), "Afval", storm, storm + 1, 2.0, "storm omgewaaid boom takken schade"),
        _Change(
            "energietoeslag",
            tuple(SERVICES["Werk en inkomen"][1]),
            "Werk en inkomen",
            bonus,
            bonus + 25,
            1.3,
            "energietoeslag toeslag inkomensgrens aanvragen",
        ),
        _Change("whatsapp-bot", ("telefoon",), "Algemeen", bot, None, 0.65),
        _Change("whatsapp-bot", ("whatsapp",), "Algemeen", bot, None, 1 + moved, "chatbot automatisch antwoord"),
    ]
    return events, changes


@dataclass(frozen=True)
class _SeasonWords:
    """The words of a season, on the share of its service's signals that the season added."""

    season: str
    service: str
    words: str
    span: np.ndarray  # its day numbers in the data
    factor: np.ndarray  # its multiplier on those days


def _seasons(days: pd.DatetimeIndex) -> tuple[list[PlantedEvent], list[_SeasonWords], dict[str, np.ndarray]]:
    """Every season in the data: its truth, its words and its multiplier per service and day."""
    events, worded, multipliers = [], [], {}
    first_day = days[0].date()
    for name, (service, (month, start_day), length, peak, taper, words) in SEASONS.items():
        shape = tukey(length, taper) if taper is not None else np.exp((np.arange(length) - length + 1) / 3.0)
        multiplier = multipliers.setdefault(service, np.ones(len(days)))
        seen = False
        for year in range(days[0].year, days[-1].year + 1):
            start = date(year, month, start_day)
            first = (start - first_day).days
            if first >= len(days) or first + length <= 0:
                continue
            span = np.arange(max(first, 0), min(first + length, len(days)))
            factor = 1 + (peak - 1) * shape[span - first]
            multiplier[span] *= factor
            events.append(
                PlantedEvent(
                    f"{name}-{year}",
                    "season",
                    start,
                    start + timedelta(days=length - 1),
                    tuple(SERVICES[service][1]),
                    (service,),
                    tuple(words.split()[:1]),
                    peak - 1,
                    first_year_season=not seen,
                )
            )
            if words:
                worded.append(_SeasonWords(name, service, words, span, factor))
            seen = True
    return events, worded, multipliers


def municipality(
    *, volume=1.0, months=18, first_day=date(2025, 1, 1), dispersion=DISPERSION, seed=0
) -> tuple[pd.DataFrame, list[PlantedEvent]]:
    """Signals (id, day, channel, service, text, topic: the truth) and the planted events, seasons and quiet periods.

    volume scales every series (1.0: about 233,000 signals in 18 months); dispersion is the range
    from which each channel × service series draws its negative-binomial k. The same seed gives
    the same frame.
    """
    rng = np.random.default_rng(seed)
    days = pd.date_range(first_day, pd.Timestamp(first_day) + pd.DateOffset(months=months), freq="D", inclusive="left")
    series = [(channel, service) for service, (_, mix, _) in SERVICES.items() for channel in mix]
    rate, word_shares, truth = _plan(rng, days, series)
    rate *= SIGNALS_PER_DAY * len(days) * volume / rate.sum()
    k = rng.uniform(*dispersion, len(series))[:, None]
    counts = rng.poisson(rate * rng.gamma(k, 1 / k, rate.shape))  # negative binomial: a gamma-mixed Poisson
    return _rows(rng, counts, series, days, word_shares), truth


def _plan(rng, days: pd.DatetimeIndex, series: list[tuple[str, str]]) -> tuple[np.ndarray, list, list[PlantedEvent]]:
    """The expected count of every series and day (up to scale), the planted words, and the truth.

    word_shares: (words, event name, the share of each series-day's signals that carry them).
    """
    closed_days = holiday_calendars.country_holidays("NL", years=range(days[0].year, days[-1].year + 1))
    holiday = np.array([d in closed_days for d in days.date])
    rate = np.array([[SERVICES[service][0] * SERVICES[service][1][channel]] for channel, service in series])
    rate = rate * np.exp(_drift(rng, len(days)))[None, :]
    weekday = days.day_of_week.to_numpy()
    staffed = np.array([channel in STAFFED for channel, _ in series])
    online_day = np.where(holiday, ONLINE_WEEK[6], np.asarray(ONLINE_WEEK)[weekday])
    rate *= np.where(staffed[:, None], np.asarray(OFFICE_WEEK)[weekday][None, :], online_day[None, :])

    events, changes = _events(days[0].date())
    season_events, season_words, season_rate = _seasons(days)
    for row, (_channel, service) in enumerate(series):
        rate[row] *= season_rate.get(service, 1.0)
    word_shares = []
    for change in changes:
        if change.first >= len(days):
            continue
        last = len(days) - 1 if change.last is None else min(change.last, len(days) - 1)
        cells = np.ix_(
            [r for r, (c, s) in enumerate(series) if s == change.service and c in change.channels],
            np.arange(change.first, last + 1),
        )
        rate[cells] *= change.factor
        if change.words and change.factor > 1:
            share = np.zeros(rate.shape)
            share[cells] = 1 - 1 / change.factor
            word_shares.append((change.words, change.event, share))
    for season in season_words:
        share = np.zeros(rate.shape)
        share[np.ix_([r for r, (_c, s) in enumerate(series) if s == season.service], season.span)] = (
            1 - 1 / season.factor
        )
        word_shares.append((season.words, season.season, share))
    _close_staffed(rate, staffed, weekday, holiday)
    truth = [e for e in events + season_events if e.start <= days[-1].date()]
    return rate, word_shares, sorted(truth, key=lambda e: (e.start, e.name))


def _drift(rng: np.random.Generator, length: int) -> np.ndarray:
    """A slow common drift of demand: a smoothed random walk in log demand around zero."""
    walk = np.cumsum(rng.normal(0.0, DRIFT_STEP, length))
    smooth = pd.Series(walk).rolling(14, center=True, min_periods=1).mean().to_numpy()
    return smooth - smooth.mean()


def _close_staffed(rate: np.ndarray, staffed: np.ndarray, weekday: np.ndarray, holiday: np.ndarray) -> None:
    """Staffed channels close on public holidays; CATCH_UP of that day's contacts come on the next working day."""
    open_day = (weekday < 5) & ~holiday
    for day in np.flatnonzero(holiday & (weekday < 5)):
        later = np.flatnonzero(open_day[day + 1 :])
        if len(later):
            rate[staffed, day + 1 + later[0]] += CATCH_UP * rate[staffed, day]
        rate[staffed, day] = 0.0


def _rows(rng, counts: np.ndarray, series: list, days: pd.DatetimeIndex, word_shares: list) -> pd.DataFrame:
    """One row per signal, by day; each text is three words of its topic (or two of an event and one of its
    topic) and three everyday words, in random order."""
    n_series = len(series)
    cell = np.repeat(np.arange(counts.size), counts.T.ravel())  # day-major: rows come out by day
    day, row_series = cell // n_series, cell % n_series
    service_of = np.array([s for _, s in series], dtype=object)
    channel_of = np.array([c for c, _ in series], dtype=object)

    pools = {name: words.split() for service in SERVICES.values() for name, words in service[2].items()}
    for words, event, _share in word_shares:
        pools[event] = words.split()
    everyday = sorted({w.strip("?,.").lower() for w in EVERYDAY.split()} - {w for p in pools.values() for w in p})
    pools["everyday"] = everyday
    names = list(pools)
    vocabulary = np.array([w for name in names for w in pools[name]], dtype=object)
    sizes = np.array([len(pools[name]) for name in names])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])

    # each series' topics, as pool numbers: a row picks one of its service's two topics
    topic_pools = np.array([[names.index(t) for t in SERVICES[s][2]] for _, s in series])
    topic = topic_pools[row_series, rng.integers(2, size=len(cell))]
    event = np.full(len(cell), -1)
    draw, below = rng.random(len(cell)), np.zeros(len(cell))
    for _words, name, share in word_shares:
        row_share = share[row_series, day]
        chosen = (event < 0) & (draw >= below) & (draw < below + row_share)
        event[chosen] = names.index(name)
        below = below + row_share
    has_event = event >= 0
    slot_pools = np.stack(
        [
            np.where(has_event, event, topic),
            np.where(has_event, event, topic),
            topic,
            *[np.full(len(cell), names.index("everyday"))] * 3,
        ],
        axis=1,
    )
    words = offsets[slot_pools] + (rng.random(slot_pools.shape) * sizes[slot_pools]).astype(int)
    words = np.take_along_axis(words, np.argsort(rng.random(words.shape), axis=1), axis=1)
    chosen_words = vocabulary[words]
    text = chosen_words[:, 0]
    for column in range(1, chosen_words.shape[1]):
        text = text + " " + chosen_words[:, column]
    return pd.DataFrame(
        {
            "id": np.arange(1, len(cell) + 1),
            "day": days.date[day],
            "channel": channel_of[row_series],
            "service": service_of[row_series],
            "text": text,
            "topic": np.array(names, dtype=object)[np.where(has_event, event, topic)],
        }
    )
