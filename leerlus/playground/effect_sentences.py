"""Why an effect estimate is what it is, written from its reason codes and figures in the reader's language."""

import math
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

METHODS = {
    "its": gettext_lazy("tijdreeksregressie"),
    "its-control": gettext_lazy("tijdreeksregressie met controlereeksen"),
    "sts": gettext_lazy("structureel tijdreeksmodel"),
    "sts-control": gettext_lazy("structureel tijdreeksmodel met controlereeksen"),
}


def effect_reason(estimate: dict) -> str:
    """The sentences for the reason codes of an estimate (`asdict(EffectEstimate)`, as stored), in order."""
    if "reasons" not in estimate:  # measured before the estimate carried codes: its Dutch sentence
        return estimate.get("reason", "")
    return " ".join(_sentence(code, estimate) for code in estimate["reasons"])


def method_name(code: str) -> str:
    return str(METHODS.get(code, code))


def _sentence(code: str, estimate: dict) -> str:
    n = estimate["days_needed"]
    if code == "too_few_days_after":
        return ngettext(
            "Te weinig gegevens: nog %(n)s dag na de start nodig.",
            "Te weinig gegevens: nog %(n)s dagen na de start nodig.",
            n,
        ) % {"n": n}
    if code == "too_few_days_before":
        return ngettext(
            "Te weinig gegevens: nog %(n)s dag vóór de start nodig.",
            "Te weinig gegevens: nog %(n)s dagen vóór de start nodig.",
            n,
        ) % {"n": n}
    if code == "too_few_signals":
        return _(
            "Te weinig signalen in deze reeks: gemiddeld %(n)s per dag vóór de start; een effect is daarop "
            "niet betrouwbaar te meten. Kies een bredere reeks."
        ) % {"n": _decimal(estimate["mean_per_day_before"])}
    if code == "changed_shortly_before_start":
        return _(
            "Kort vóór de start, rond %(day)s, veranderde de reeks al; de schatting gebruikt de laatste "
            "%(n)s dagen en is minder zeker."
        ) % {"day": _day(estimate["changed_on"]), "n": estimate["days_before"]}
    if code == "changed_before_start":
        return _(
            "Vóór de start veranderde de reeks al eens, rond %(day)s; alleen de periode daarna telt als verleden."
        ) % {"day": _day(estimate["changed_on"])}
    if code == "no_placebo_periods":
        return _("Te kort om proefperiodes vóór de start te toetsen; de eerste methode is gebruikt.")
    if code == "placebo_backtests":
        return _placebo_sentence(estimate)
    if code == "interval_widened":
        return _(
            "Het interval is %(factor)s× verbreed, omdat de proefperiodes meer schommelden dan het model verwacht."
        ) % {"factor": _decimal(estimate["widening"])}
    raise ValueError(f"Unknown reason code {code!r}")


def _placebo_sentence(estimate: dict) -> str:
    errors, best, runs = estimate["placebo_error"], estimate["method"], estimate["placebo_runs"]
    others = ", ".join(f"{method_name(name)} {_percent(error)}" for name, error in errors.items() if name != best)
    return ngettext(
        "In %(n)s proefperiode vóór de start, waarin niets veranderde, week de %(method)s gemiddeld %(error)s af "
        "van nul (de andere methodes: %(others)s).",
        "In %(n)s proefperiodes vóór de start, waarin niets veranderde, week de %(method)s gemiddeld %(error)s af "
        "van nul (de andere methodes: %(others)s).",
        runs,
    ) % {"n": runs, "method": method_name(best), "error": _percent(errors[best]), "others": others}


def _percent(log_error: float) -> str:
    """A mean absolute log effect as the percentage it stands for."""
    return _decimal(100 * math.expm1(log_error)) + "%"


def _decimal(value: float) -> str:
    return number_format(round(value, 1), 1, force_grouping=True)  # number_format cuts off, it does not round


def _day(iso: str) -> str:
    return date_format(date.fromisoformat(iso), "j F Y")
