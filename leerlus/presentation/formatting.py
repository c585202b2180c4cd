"""Numbers, money, percentages and dates as a reader of the active language expects them.

Dutch: 73.262 signalen, 1,5 per dag, € 12.000, 90%, 3 maart 2026; English: 73,262, 1.5, €12,000, 90%,
March 3, 2026. Built on Django's locale formats, so pages, the brief, the CLI and charts say the same.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

METHODS = {
    "its": gettext_lazy("onderbroken tijdreeks, tegen de eigen voorgeschiedenis"),
    "its-control": gettext_lazy("onderbroken tijdreeks, tegen controlereeksen"),
    "sts": gettext_lazy("structureel tijdreeksmodel, tegen de eigen voorgeschiedenis"),
    "sts-control": gettext_lazy("structureel tijdreeksmodel, tegen controlereeksen"),
    "erlang_a": gettext_lazy("formule met afhakers (Erlang A)"),
    "erlang_c": gettext_lazy("formule zonder afhakers (Erlang C)"),
    "simulation": gettext_lazy("simulatie"),
}
NEAR_ZERO = 0.5  # a baseline below this many per day is too small to take a percentage of


def number(value, decimals: int = 0) -> str:
    """73262 → '73.262'; number(1.46, 1) → '1,5' (rounded half up; Django alone would cut off). Empty for none."""
    if value is None or value == "":
        return ""
    exact = Decimal(str(value))
    if not exact.is_finite():
        return "" if exact.is_nan() else ("∞" if exact > 0 else "−∞")
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return formats.number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def money(value) -> str:
    """12000 → '€ 12.000'; 12000.5 → '€ 12.000,50' (cents only when there are any)."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    return _("€ %(bedrag)s") % {"bedrag": number(amount, 0 if amount == amount.to_integral() else 2)}


def percent(value, decimals: int = 0) -> str:
    """A share: 0.9 → '90%'; percent(0.125, 1) → '12,5%'."""
    if value is None or value == "":
        return ""
    return f"{number(100 * float(value), decimals)}%"


def signed(value, decimals: int = 1) -> str:
    """A difference with its sign: 1.5 → '+1,5', -2.3 → '−2,3' (a real minus sign)."""
    if value is None or value == "":
        return ""
    shown = round(float(value), decimals)
    return f"{'+' if shown > 0 else '−' if shown < 0 else ''}{number(abs(shown), decimals)}"


def change(value, decimals: int = 0) -> str:
    """A relative change with its sign: 0.2324 → '+23%', -0.104 → '−10%' (a real minus sign)."""
    if value is None or value == "":
        return ""
    shown = round(100 * float(value), decimals)
    if shown == 0:
        return f"{number(0, decimals)}%"
    return f"{'+' if shown > 0 else '−'}{number(abs(shown), decimals)}%"


def change_from(before: float, after: float, unit: str = "") -> str:
    """A change from a daily baseline: '+23%' normally, 'nieuw: 8 per dag' when the baseline was (nearly) zero,
    '—' when both are."""
    if before is None or abs(before) < NEAR_ZERO:
        if abs(after) < NEAR_ZERO:
            return "—"
        return _("nieuw: %(n)s per dag") % {"n": number(after, 0 if after >= 10 or after == round(after) else 1)}
    return change(after / before - 1)


def _as_date(value):
    if isinstance(value, str):
        return datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value)
    return value


def day(value) -> str:
    """A date in the language's one style: '3 maart 2026' / 'March 3, 2026'. Takes dates and ISO strings."""
    if value is None or value == "":
        return ""
    value = _as_date(value)
    if isinstance(value, datetime):
        value = value.date() if value.tzinfo is None else timezone.localtime(value).date()
    return formats.date_format(value, "DATE_FORMAT")


def moment(value) -> str:
    """A date with its time: '3 maart 2026 14:05' / 'March 3, 2026, 2:05 p.m.'."""
    if value is None or value == "":
        return ""
    value = _as_date(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def short_day(value) -> str:
    """A compact date for chart axes: '3-3-2026' / '03/03/2026'."""
    return formats.date_format(_as_date(value), "SHORT_DATE_FORMAT")


def month(value) -> str:
    """'2026-03' or a date → 'maart 2026' / 'March 2026'."""
    if isinstance(value, str):
        value = date.fromisoformat(f"{value}-01")
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


def method(code) -> str:
    """The readable name of an estimation method ('its-control' → 'vergelijking met controlereeksen')."""
    return str(METHODS.get(code, code or ""))
