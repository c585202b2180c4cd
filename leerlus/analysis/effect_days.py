"""Which days a contact series' channel was closed, and which open days are holidays or catch-up days,
learned from the series itself: an effect estimate must not expect phone calls on a day the line is shut."""

import numpy as np
import pandas as pd

CLOSED_WEEKDAY_SHARE = 0.9


def closed_weekdays(y_before: pd.Series) -> set[int]:
    """Weekdays (0 = Monday) without contacts on at least 90% of their days before the start: a staffed
    channel's weekend. Learned before the start only, so that an experiment that closes a channel on a
    weekday shows as an effect rather than as a closed day."""
    zero = (y_before == 0).groupby(y_before.index.day_of_week).mean()
    return {int(day) for day, share in zero.items() if share >= CLOSED_WEEKDAY_SHARE}


def day_kinds(y: pd.Series, start: int, holidays: frozenset = frozenset()) -> pd.DataFrame:
    """Per day of `y`: ``closed``, ``holiday`` (a public holiday on a weekday the channel is usually open)
    and ``catch_up`` (the first open day after a closed holiday, when the contacts of that day come in).

    The rule: every day of a closed weekday is closed, and so is a public holiday without any contacts.
    A holiday with contacts is open (a website on King's Day), only quieter, which the ``holiday``
    column lets an estimator learn. A quiet but open holiday of a small series may have no contacts
    by chance and then counts as closed; it would have had so few that this changes nothing.
    """
    weekday_closed = np.isin(y.index.day_of_week, list(closed_weekdays(y.iloc[:start])))
    holiday = pd.Index(y.index.date).isin(holidays) & ~weekday_closed
    closed = weekday_closed | (holiday & (y.to_numpy() == 0))
    catch_up = np.zeros(len(y), dtype=bool)
    for day in np.flatnonzero(closed & holiday):
        catch_up[day + 1 + np.flatnonzero(~closed[day + 1 :])[:1]] = True
    return pd.DataFrame({"closed": closed, "holiday": holiday, "catch_up": catch_up}, index=y.index)


def unusual(kinds: pd.DataFrame) -> np.ndarray:
    """Closed days and catch-up days: the days that say nothing about a series' usual level."""
    return (kinds["closed"] | kinds["catch_up"]).to_numpy()
