"""Eighteen months of signals for Gemeente Voorbeeldstad, deterministic from a seed.

Rhythms: weekdays, Dutch public holidays (phone and counter closed), a yearly WOZ peak after the
assessments in February and a passport peak before the summer. Dated events: a new permit portal
(2025-09-15) with phone calls about status two days later, a storm (2025-10-23), new underground
containers (2026-01-05), a parking app (2026-03-01), WhatsApp growing while phone declines, and the
playground's WhatsApp bot for waste questions (2026-07-01): phone calls about waste down 30%, WhatsApp up.
"""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import holidays
import numpy as np

from leerlus.demo import texts

FIRST_DAY, LAST_DAY = date(2025, 5, 1), date(2026, 10, 31)
PORTAL_DAY, STORM_DAY = date(2025, 9, 15), date(2025, 10, 23)
CONTAINER_DAY, PARKING_APP_DAY = date(2026, 1, 5), date(2026, 3, 1)
BOT_DAY, BOT_EFFECT_ON_PHONE = date(2026, 7, 1), -0.30

CHANNEL_BASE = {
    "telefoon": 55,
    "website": 32,
    "email": 14,
    "balie": 16,
    "chat": 7,
    "whatsapp": 3,
    "social": 3,
    "app": 5,
    "post": 2,
    "enquete": 1,
    "intern": 2,
}
OFFICE_CHANNELS = {"telefoon", "balie"}
WEEKDAY_OFFICE = (1.3, 1.1, 1.0, 1.0, 0.8, 0.0, 0.0)
WEEKDAY_ONLINE = (1.15, 1.1, 1.0, 1.0, 0.9, 0.55, 0.6)
SERVICE_SHARE = {
    "Paspoort en ID-kaart": 0.16,
    "Rijbewijs": 0.06,
    "Verhuizing": 0.08,
    "Omgevingsvergunning": 0.08,
    "Parkeervergunning": 0.07,
    "Afval en containers": 0.18,
    "Openbare ruimte": 0.14,
    "WOZ en belastingen": 0.09,
    "Bijstand": 0.07,
    "Wmo en jeugd": 0.07,
}
NEIGHBOURHOODS = ["Centrum", "Noord", "Oost", "Zuid", "West", "Haven", "Dorp", "Buitengebied"]
COLUMNS = ["received_at", "channel", "service", "text", "source", "location"]


def _channel_level(channel: str, day: date) -> float:
    progress = (day - FIRST_DAY).days / (LAST_DAY - FIRST_DAY).days
    level = CHANNEL_BASE[channel]
    if channel == "whatsapp":
        level *= 1 + 5 * progress  # slow trend up
    if channel == "telefoon":
        level *= 1 - 0.15 * progress  # and phone slowly down
    return level


def _service_factor(service: str, channel: str, day: date) -> float:
    factor = 1.0
    if service == "WOZ en belastingen" and (day.month == 2 and day.day >= 25 or day.month == 3 and day.day <= 25):
        factor *= 3.0  # yearly peak after the assessments
    if service == "Paspoort en ID-kaart" and day.month in (6, 7):
        factor *= 1.6  # before the summer holidays
    if service == "Omgevingsvergunning":
        if channel == "website" and day >= PORTAL_DAY:
            factor *= 3.0 if day < PORTAL_DAY + timedelta(days=14) else 1.6
        if channel == "telefoon" and day >= PORTAL_DAY + timedelta(days=2):  # status calls, fewer once it settles
            factor *= 2.4 if day < PORTAL_DAY + timedelta(days=18) else 1.6
    if service == "Openbare ruimte" and channel in ("telefoon", "website", "app", "social"):
        factor *= {0: 6.0, 1: 3.0, 2: 1.5}.get((day - STORM_DAY).days, 1.0)
    if service == "Afval en containers" and day >= CONTAINER_DAY:
        factor *= 1.8
    if service == "Afval en containers" and day >= BOT_DAY:
        factor *= {"telefoon": 1 + BOT_EFFECT_ON_PHONE, "whatsapp": 2.5}.get(channel, 1.0)
    if service == "Parkeervergunning" and channel in ("app", "website", "email") and day >= PARKING_APP_DAY:
        factor *= 1.5 + min((day - PARKING_APP_DAY).days / 60, 1.5)
    return factor


def _event_texts(service: str, channel: str, day: date) -> list[str] | None:
    if service == "Omgevingsvergunning" and day >= PORTAL_DAY:
        return texts.PORTAL_STATUS_CALLS if channel == "telefoon" else texts.PORTAL_TEXTS
    if service == "Openbare ruimte" and 0 <= (day - STORM_DAY).days <= 2:
        return texts.STORM_TEXTS
    if service == "Afval en containers" and day >= CONTAINER_DAY:
        return texts.CONTAINER_PASS_TEXTS
    if service == "Parkeervergunning" and day >= PARKING_APP_DAY and channel in ("app", "website", "email"):
        return texts.PARKING_APP_TEXTS
    return None


def _text(rng: np.random.Generator, service: str, channel: str, day: date) -> str:
    event_texts = _event_texts(service, channel, day)
    if event_texts and rng.random() < 0.6:
        text = texts.pick(rng, event_texts)
    else:
        text = texts.pick(rng, texts.FAILURE[service] if rng.random() < 0.45 else texts.VALUE[service])
    if rng.random() < 0.03:
        text += texts.personal_suffix(rng)
    return text


def _moment(rng: np.random.Generator, channel: str, day: date) -> datetime:
    if channel in OFFICE_CHANNELS:
        minutes = int(rng.integers(8 * 60 + 30, 17 * 60))
    else:
        minutes = int(rng.integers(7 * 60, 23 * 60))
    return datetime.combine(day, time()) + timedelta(minutes=minutes)


def demo_rows(seed: int = 2025) -> Iterator[tuple[int, list]]:
    """The signals as numbered rows in `COLUMNS`, ready for the importer."""
    rng = np.random.default_rng(seed)
    closed = holidays.country_holidays("NL", years=range(FIRST_DAY.year, LAST_DAY.year + 1))
    line = 1
    day = FIRST_DAY
    while day <= LAST_DAY:
        for channel in CHANNEL_BASE:
            weekday = (WEEKDAY_OFFICE if channel in OFFICE_CHANNELS else WEEKDAY_ONLINE)[day.weekday()]
            if day in closed:
                weekday *= 0.0 if channel in OFFICE_CHANNELS else 0.5
            level = _channel_level(channel, day) * weekday
            for service, share in SERVICE_SHARE.items():
                count = rng.poisson(level * share * _service_factor(service, channel, day))
                for _ in range(count):
                    line += 1
                    registration_only = channel == "telefoon" and rng.random() < 0.25
                    yield (
                        line,
                        [
                            _moment(rng, channel, day),
                            channel,
                            "" if channel == "website" and rng.random() < 0.08 else service,
                            "" if registration_only else _text(rng, service, channel, day),
                            "medewerker"
                            if channel == "intern"
                            else ("ondernemer" if rng.random() < 0.1 else "inwoner"),
                            texts.pick(rng, NEIGHBOURHOODS),
                        ],
                    )
        day += timedelta(days=1)
