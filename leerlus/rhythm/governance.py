"""The six-monthly governance check: does the way of steering still fit the digital ambitions?

Statements are scored 1–5. Where the data knows (fast routes, lead time from idea to start, budget use,
lessons shared, decisions taken) the score comes from the six months before the check; the others, and
any whose data is still missing, are answered by the people at the check.
"""

from dataclasses import dataclass
from datetime import date
from statistics import median

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from leerlus.errors import InputError
from leerlus.playground.models import Experiment, Lesson
from leerlus.playground.services import current_frameworks, envelope
from leerlus.presentation.charts import line_chart
from leerlus.presentation.formatting import number
from leerlus.rhythm.models import GovernanceCheck

WINDOW = relativedelta(months=6)


@dataclass(frozen=True)
class Measured:
    score: float | None
    explanation: str


def _window(held_on: date) -> tuple[date, date]:
    return held_on - WINDOW, held_on


def fast_route(held_on: date) -> Measured:
    first, last = _window(held_on)
    proposals = Experiment.objects.filter(created_at__date__range=(first, last))
    if not proposals.exists():
        return Measured(None, _("Nog geen voorstellen in het afgelopen halfjaar."))
    fast = proposals.filter(route=Experiment.Route.FAST).count()
    share = fast / proposals.count()
    return Measured(
        round(1 + 4 * share, 1),
        ngettext(
            "%(f)d van %(n)d voorstel ging via de snelle route.",
            "%(f)d van %(n)d voorstellen gingen via de snelle route.",
            proposals.count(),
        )
        % {"f": fast, "n": proposals.count()},
    )


def lead_time(held_on: date) -> Measured:
    first, last = _window(held_on)
    started = Experiment.objects.filter(created_at__date__range=(first, last)).exclude(status=Experiment.Status.IDEA)
    days = [max((e.start - e.created_at.date()).days, 0) for e in started]
    if not days:
        return Measured(None, _("Nog geen gestarte experimenten in het afgelopen halfjaar."))
    typical = median(days)
    score = 5 if typical <= 14 else 4 if typical <= 30 else 3 if typical <= 60 else 2 if typical <= 90 else 1
    return Measured(score, _("Van idee tot start: mediaan %(d)s dagen.") % {"d": f"{typical:g}"})


def budget_use(held_on: date) -> Measured:
    """The approved budgets of experiments that started in the half-year, against half the yearly envelope."""
    first, last = _window(held_on)
    room = envelope(current_frameworks())
    if not room.size:
        return Measured(None, _("Er is geen proeftuinbudget ingesteld."))
    started = Experiment.objects.filter(start__range=(first, last)).exclude(status=Experiment.Status.IDEA)
    share = float(sum(e.budget for e in started) / (room.size / 2))
    score = 2.0 if share > 1 else round(1 + 4 * min(share / 0.5, 1), 1)
    return Measured(
        score,
        _("%(p)s%% van het proeftuinbudget van dit halfjaar is aan experimenten besteed.") % {"p": round(100 * share)},
    )


def lessons_shared(held_on: date) -> Measured:
    first, last = _window(held_on)
    lessons = Lesson.objects.filter(created_at__date__range=(first, last))
    failures = lessons.filter(outcome=Lesson.Outcome.FAILURE).count()
    public = lessons.filter(visibility=Lesson.Visibility.PUBLIC).count()
    score = 1 + min(lessons.count(), 3) + (1 if failures else 0)
    return Measured(
        score,
        ngettext("%(n)d les", "%(n)d lessen", lessons.count()) % {"n": lessons.count()}
        + ", "
        + ngettext(
            "waarvan %(f)d mislukking en %(p)d openbaar.", "waarvan %(f)d mislukkingen en %(p)d openbaar.", failures
        )
        % {"f": failures, "p": public},
    )


def decisions_taken(held_on: date) -> Measured:
    first, last = _window(held_on)
    ended = Experiment.objects.filter(end__range=(first, last)).exclude(status=Experiment.Status.IDEA)
    if not ended.exists():
        return Measured(None, _("Nog geen experimenten afgelopen in het afgelopen halfjaar."))
    decided = ended.exclude(decision="").count()
    return Measured(
        round(1 + 4 * decided / ended.count(), 1),
        ngettext(
            "%(d)d van %(n)d afgelopen experiment kreeg een besluit.",
            "%(d)d van %(n)d afgelopen experimenten kregen een besluit.",
            ended.count(),
        )
        % {"d": decided, "n": ended.count()},
    )


STATEMENTS = {  # key: (statement, how the data answers it, or None when only people can)
    "snelle_route": (gettext_lazy("Kleine experimenten gaan via de snelle route."), fast_route),
    "doorlooptijd": (gettext_lazy("Van idee tot start duurt kort."), lead_time),
    "budget": (gettext_lazy("Het proeftuinbudget wordt benut, binnen de grens."), budget_use),
    "lessen": (gettext_lazy("Lessen worden gedeeld, ook die van mislukkingen."), lessons_shared),
    "besluiten": (gettext_lazy("Experimenten eindigen met een besluit binnen de kaders."), decisions_taken),
    "samen": (gettext_lazy("Techniek, beleid en uitvoering werken vanaf dag één samen."), None),
    "vrijheid": (gettext_lazy("Teams voelen zich vrij om binnen de kaders zelf te beslissen."), None),
    "ambitie": (gettext_lazy("Onze manier van sturen past bij onze digitale ambities."), None),
    "openheid": (gettext_lazy("We bespreken wat misging even openlijk als wat goed ging."), None),
}


def measure_all(held_on: date) -> dict:
    return {key: vars(measure(held_on)) for key, (_text, measure) in STATEMENTS.items() if measure}


def needs_people(measured: dict) -> list[str]:
    """The statements people answer: those without data, and those the data could not score yet."""
    return [key for key, (_text, measure) in STATEMENTS.items() if not measure or measured[key]["score"] is None]


@transaction.atomic
def record_check(*, held_on: date, answers: dict[str, str], note: str = "") -> GovernanceCheck:
    measured = measure_all(held_on)
    scores = {}
    for key in needs_people(measured):
        value = (answers.get(key) or "").strip()
        if not value:
            continue
        if value not in {"1", "2", "3", "4", "5"}:
            raise InputError(
                _("Score '%(v)s' bij ‘%(s)s’ moet 1 tot en met 5 zijn.") % {"v": value[:5], "s": STATEMENTS[key][0]}
            )
        scores[key] = int(value)
    if GovernanceCheck.objects.filter(held_on=held_on).exists():
        raise InputError(_("Op %(d)s is al een sturingscheck vastgelegd.") % {"d": held_on})
    return GovernanceCheck.objects.create(held_on=held_on, measured=measured, answers=scores, note=note.strip())


def check_scores(check: GovernanceCheck) -> dict[str, float]:
    scores = {key: value["score"] for key, value in check.measured.items() if value["score"] is not None}
    scores.update(check.answers)
    return {key: float(score) for key, score in scores.items()}


def overall(scores: dict[str, float]) -> float | None:
    return round(sum(scores.values()) / len(scores), 1) if scores else None


def reading(checks: list[GovernanceCheck]) -> str:
    """What changed since the previous check, in one or two Dutch sentences."""
    if not checks:
        return _("Nog geen sturingscheck gehouden.")
    last = check_scores(checks[-1])
    if len(checks) == 1:
        return _("Eerste sturingscheck: gemiddeld %(s)s van 5.") % {"s": number(overall(last), 1)}
    before = check_scores(checks[-2])
    text = _("Gemiddeld van %(a)s naar %(b)s van 5.") % {"a": number(overall(before), 1), "b": number(overall(last), 1)}
    moves = sorted(((last[k] - before[k], k) for k in last.keys() & before.keys()), reverse=True)
    if moves and moves[0][0] > 0:
        text += " " + _("Het meest vooruit: ‘%(s)s’ (%(a)s → %(b)s).") % {
            "s": STATEMENTS[moves[0][1]][0],
            "a": number(before[moves[0][1]], 1),
            "b": number(last[moves[0][1]], 1),
        }
    if moves and moves[-1][0] < 0:
        text += " " + _("Het meest achteruit: ‘%(s)s’ (%(a)s → %(b)s).") % {
            "s": STATEMENTS[moves[-1][1]][0],
            "a": number(before[moves[-1][1]], 1),
            "b": number(last[moves[-1][1]], 1),
        }
    return text


def governance_document() -> dict:
    checks = list(GovernanceCheck.objects.all())
    return {
        "statements": {key: str(text) for key, (text, _m) in STATEMENTS.items()},
        "checks": [
            {
                "held_on": c.held_on.isoformat(),
                "scores": check_scores(c),
                "overall": overall(check_scores(c)),
                "measured": c.measured,
                "note": c.note,
            }
            for c in checks
        ],
        "reading": reading(checks),
    }


def governance_chart(checks: list[GovernanceCheck]) -> str | None:
    if not checks:
        return None
    series = {str(_("gemiddeld")): {c.held_on: overall(check_scores(c)) for c in checks}}
    for key, (text, _m) in STATEMENTS.items():
        values = {c.held_on: check_scores(c)[key] for c in checks if key in check_scores(c)}
        if values:
            series[str(text)] = values
    return line_chart(series, top=len(series))
