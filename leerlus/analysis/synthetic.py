"""Synthetic daily counts with a known truth, for tests and benchmarks (as ruptures' pw_constant)."""

from datetime import date

import numpy as np
import pandas as pd

OFFICE_WEEK = (1.3, 1.1, 1.0, 1.0, 0.8, 0.0, 0.0)


def daily_counts(
    *,
    days=365,
    level=40.0,
    first_day=date(2025, 1, 1),
    week=OFFICE_WEEK,
    shifts=(),
    spikes=(),
    trend=0.0,
    peaks=(),
    holidays=frozenset(),
    dispersion=None,
    seed=0,
) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Poisson counts: level × weekday × (1 + shift after its day) × spikes × trend × yearly peaks.

    shifts: (day number, relative change); spikes: (day number, multiplier); trend: relative change
    over the whole series; peaks: (month, multiplier) every year; holidays: dates with no counts
    when the week has closed days; dispersion: k of negative binomial counts (variance μ + μ²/k)
    instead of Poisson ones.
    """
    index = pd.date_range(first_day, periods=days, freq="D")
    rate = np.full(days, level) * np.asarray(week)[index.day_of_week]
    for day, change in shifts:
        rate[day:] *= 1 + change
    for day, multiplier in spikes:
        rate[day] *= multiplier
    rate *= np.linspace(1.0, 1.0 + trend, days)
    for month, multiplier in peaks:
        rate[index.month == month] *= multiplier
    if 0.0 in week:
        rate[[d in holidays for d in index.date]] = 0.0
    rng = np.random.default_rng(seed)
    if dispersion is not None:
        rate = rng.gamma(dispersion, rate / dispersion)
    return index, rng.poisson(rate).astype(float)


ONLINE_WEEK = (1.1, 1.05, 1.0, 1.0, 0.95, 0.6, 0.6)
RELEASE_DAY, STORM_DAY = 200, 152  # from 1 January 2025: a Sunday (the website is open) and a Monday
# Known topics: each with its own words, inside a service. Texts mix them with everyday filler.
TOPICS = {
    "vergunning-aanvraag": (
        "Vergunning",
        "vergunning dakkapel aanbouw tekeningen bouwplan schutting aanvraag indienen",
    ),
    "vergunning-besluit": ("Vergunning", "besluit termijn bezwaar beslistermijn verlengd uitspraak wachttijd"),
    "afval-ophalen": ("Afval", "container geleegd grofvuil ophaaldag papier gft kliko vuilniswagen"),
    "afval-pas": ("Afval", "afvalpas milieustraat storten tarief pasje ondergronds klep"),
    "paspoort": ("Burgerzaken", "paspoort identiteitskaart pasfoto verlopen afspraak balie ophalen"),
    "verhuizing": ("Burgerzaken", "verhuizing adreswijziging inschrijven woonadres brp doorgeven"),
    "belasting": ("Belastingen", "aanslag woz waarde taxatie termijnbetaling kwijtschelding belasting"),
    "parkeren": ("Parkeren", "parkeervergunning bezoekers kenteken zone parkeerautomaat boete"),
}
PORTAL_WORDS = "omgevingsloket portaal inloggen digid uploaden storing"
FILLER = "graag snel vraag week gisteren vandaag morgen even nog steeds hulp informatie bericht brief website".split()
CHANNEL_PLAN = [  # channel, service, weekly rhythm, share of the volume, planted change
    ("website", "Vergunning", ONLINE_WEEK, 0.10, dict(shifts=[(RELEASE_DAY, 1.5)])),
    ("telefoon", "Vergunning", OFFICE_WEEK, 0.12, dict(shifts=[(RELEASE_DAY + 3, 1.2)])),
    ("telefoon", "Afval", OFFICE_WEEK, 0.16, dict(spikes=[(STORM_DAY, 6.0)])),
    ("website", "Afval", ONLINE_WEEK, 0.10, dict(trend=1.5)),
    ("balie", "Burgerzaken", OFFICE_WEEK, 0.14, {}),
    ("website", "Burgerzaken", ONLINE_WEEK, 0.10, {}),
    ("email", "Belastingen", ONLINE_WEEK, 0.10, {}),
    ("telefoon", "Parkeren", OFFICE_WEEK, 0.10, {}),
    ("app", "Parkeren", ONLINE_WEEK, 0.08, {}),
]


def signals(*, per_day=200.0, days=420, first_day=date(2025, 1, 1), holidays=frozenset(), seed=11) -> pd.DataFrame:
    """Signals with planted patterns and known topics: day, channel, service, text, topic (the truth).

    A new permit portal (RELEASE_DAY) lifts website permit signals and brings new words; the phone
    follows three days later (a ripple). A storm (STORM_DAY) is a spike in phoned waste signals;
    website waste signals grow steadily (a trend).
    """
    rng = np.random.default_rng(seed)
    topic_names = list(TOPICS)
    words = {name: TOPICS[name][1].split() for name in topic_names}
    portal = PORTAL_WORDS.split()
    frames = []
    for number, (channel, service, week, share, change) in enumerate(CHANNEL_PLAN):
        index, counts = daily_counts(
            days=days,
            level=per_day * share,
            first_day=first_day,
            week=week,
            holidays=holidays,
            seed=seed + number,
            **change,
        )
        day_numbers = np.repeat(np.arange(days), counts.astype(int))
        own = [n for n in topic_names if TOPICS[n][0] == service]
        topics = rng.choice(own, len(day_numbers))
        texts = []
        for day_number, topic in zip(day_numbers, topics):
            pool = (
                portal if service == "Vergunning" and day_number >= RELEASE_DAY and rng.random() < 0.5 else words[topic]
            )
            chosen = [pool[i] for i in rng.integers(len(pool), size=3)] + [
                FILLER[i] for i in rng.integers(len(FILLER), size=3)
            ]
            rng.shuffle(chosen)
            texts.append(" ".join(chosen))
        frames.append(
            pd.DataFrame(
                {"day": index[day_numbers].date, "channel": channel, "service": service, "text": texts, "topic": topics}
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    return frame


def topic_texts(n: int, *, seed=5, borrow=0.3) -> tuple[list[str], list[str]]:
    """n short texts, each about one known topic, and the topics.

    A text has 2–4 topic words among 3–6 everyday words; each topic word comes with probability
    `borrow` from a neighbouring topic (the other topic of the same service, where there is one),
    as real texts mix neighbouring subjects.
    """
    rng = np.random.default_rng(seed)
    names = list(TOPICS)
    words = [TOPICS[name][1].split() for name in names]
    everyday = sorted({w.strip("?,.").lower() for w in EVERYDAY.split()} - {w for ws in words for w in ws})
    truth = rng.integers(len(names), size=n)
    texts = []
    sibling = [
        next(
            (j for j, other in enumerate(names) if other != name and TOPICS[other][0] == TOPICS[name][0]),
            (i + 1) % len(names),
        )
        for i, name in enumerate(names)
    ]
    for topic in truth:
        sources = np.where(rng.random(rng.integers(2, 5)) < borrow, sibling[topic], topic)
        own = [words[s][rng.integers(len(words[s]))] for s in sources]
        chosen = own + [everyday[i] for i in rng.integers(len(everyday), size=rng.integers(3, 7))]
        rng.shuffle(chosen)
        texts.append(" ".join(chosen))
    return texts, [names[t] for t in truth]


# Everyday words of Dutch contact texts, shared by every topic.
EVERYDAY = """ik heb al twee keer gebeld maar niemand belt terug kunt u mij helpen want het is erg onduidelijk
wat ik nu moet doen de brief die ik kreeg klopt volgens mij niet en op de website staat iets anders
graag zo snel mogelijk een reactie mijn buurman zegt dat het bij hem wel goed ging vorige week
kreeg ik een bericht dat het geregeld was maar dat is niet zo ik wacht nu al een maand op antwoord
kan iemand mij vertellen hoe dit zit het formulier werkt niet op mijn telefoon en de computer ook
niet ik ben zelf niet zo handig met internet mijn dochter helpt mij meestal hiermee bedankt alvast
het gemeentehuis was dicht toen ik langskwam is er een andere manier om dit te regelen dinsdag
woensdag donderdag vrijdag ochtend middag avond telefonisch digitaal persoonlijk langskomen
uitleg stappen regels kosten betalen rekening nummer gegevens wijzigen controleren nakijken"""


def experiment_series(
    *,
    days=300,
    start=240,
    effect=-0.3,
    level=40.0,
    control_levels=(60.0, 30.0),
    drift=0.01,
    earlier_shift=None,
    week=ONLINE_WEEK,
    control_week=None,
    holidays=frozenset(),
    catch_up=0.5,
    dispersion=None,
    control_peaks=(),
    first_day=date(2025, 1, 1),
    seed=0,
) -> tuple[pd.Series, dict[str, pd.Series]]:
    """A metric and control series that share the municipality's ups and downs (a slow random walk in
    demand), with a known relative `effect` on the metric from day `start` on. Controls are untouched.
    earlier_shift: (day, relative change) of the metric alone, long before the experiment.
    week / control_week: the weekly rhythm of the metric and of the controls (default the same); a
    series whose week has closed days (a staffed channel) is also closed on the `holidays`, and
    `catch_up` of a closed holiday's usual demand comes on its next open day.
    dispersion: k of negative-binomial counts (variance μ + μ²/k, as real counts); None: Poisson.
    control_peaks: (month, multiplier) every year for the last control only: a season the metric lacks."""
    rng = np.random.default_rng(seed)
    index = pd.date_range(first_day, periods=days, freq="D")
    demand = np.exp(np.cumsum(rng.normal(0.0, drift, days)))
    effect_rate = np.where(np.arange(days) >= start, 1.0 + effect, 1.0)
    if earlier_shift:
        effect_rate[earlier_shift[0] :] *= 1.0 + earlier_shift[1]

    def counts(rate, rhythm):
        rate = rate * np.asarray(rhythm)[index.day_of_week]
        if 0.0 in rhythm:
            for day in np.flatnonzero([d in holidays for d in index.date]):
                following = day + 1 + np.flatnonzero(rate[day + 1 : day + 8] > 0)[:1]
                rate[following] += catch_up * rate[day]
                rate[day] = 0.0
        if dispersion is not None:
            rate = rng.gamma(dispersion, rate / dispersion)
        return pd.Series(rng.poisson(rate).astype(float), index=index)

    metric = counts(level * demand * effect_rate, week)
    season = np.ones(days)
    for month, multiplier in control_peaks:
        season[index.month == month] *= multiplier
    controls = {
        f"controle {i + 1}": counts(
            c * demand * (season if i == len(control_levels) - 1 else 1.0), control_week or week
        )
        for i, c in enumerate(control_levels)
    }
    return metric, controls
