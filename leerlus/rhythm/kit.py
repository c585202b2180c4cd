"""The quarterly citizen-conversation kit: themes from the quarter's patterns per channel, example quotes
(the stored, redacted texts), questions to ask, and what citizens said stored as `bijeenkomst` signals."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.core.models import Service, Signal
from leerlus.errors import InputError
from leerlus.intake.meetings import record_meeting
from leerlus.patterns.models import Pattern
from leerlus.presentation.formatting import day
from leerlus.rhythm.models import Conversation

THEMES_PER_QUARTER, QUOTES_PER_THEME = 8, 3
QUESTIONS = {
    "spike": gettext_lazy("Rond %(d)s zochten veel mensen tegelijk contact over %(s)s. Wat speelde er voor u?"),
    "level_shift": gettext_lazy(
        "Sinds %(d)s komen er %(r)s signalen over %(s)s via %(c)s. Herkent u dat? Wat is er voor u veranderd?"
    ),
    "trend": gettext_lazy(
        "Het contact over %(s)s via %(c)s verandert geleidelijk. Waarom kiest u (niet meer) voor dit kanaal?"
    ),
    "emerging_topic": gettext_lazy(
        "Er wordt sinds kort gesproken over ‘%(t)s’. Wat bedoelt u daarmee en waar loopt u tegenaan?"
    ),
}
GENERAL_QUESTIONS = (
    gettext_lazy("Wanneer zocht u ons de laatste keer digitaal, en wat ging er goed?"),
    gettext_lazy("Waar liep u vast, en wat deed u toen?"),
    gettext_lazy("Via welk kanaal had u het liefst geholpen willen worden, en waarom?"),
    gettext_lazy("Wat zou u als eerste veranderen?"),
)


def parse_quarter(text: str) -> date:
    """'2026-K3' or '2026-Q3' → 1 July 2026."""
    try:
        year, quarter = text.upper().replace("Q", "K").split("-K")
        if not 1 <= int(quarter) <= 4:
            raise ValueError
        return date(int(year), 3 * int(quarter) - 2, 1)
    except (ValueError, AttributeError):
        raise InputError(
            _("Kwartaal '%(v)s' is geen kwartaal; gebruik jjjj-Kn, bijvoorbeeld 2026-K3.") % {"v": str(text)[:20]}
        ) from None


def first_of_quarter(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_label(first: date) -> str:
    return f"{first.year}-K{(first.month - 1) // 3 + 1}"


def _question(pattern: Pattern) -> str:
    template = QUESTIONS.get(pattern.kind, QUESTIONS["level_shift"])
    return str(template) % {
        "d": day(pattern.start),
        "s": pattern.service.name if pattern.service else _("onze diensten"),
        "c": pattern.get_channel_display() if pattern.channel else _("alle kanalen"),
        "r": _("meer") if pattern.magnitude > 0 else _("minder"),
        "t": ", ".join(pattern.terms[:3]),
    }


def kit_document(first: date) -> dict:
    """The kit for the quarter that starts on `first`."""
    last = first + relativedelta(months=3, days=-1)
    patterns = (
        Pattern.objects.exclude(status=Pattern.Status.DISMISSED)
        .exclude(kind="ripple")
        .filter(start__lte=last)
        .filter(Q(start__gte=first) | Q(end=None) | Q(end__gte=first))
        .select_related("service")
        .order_by("-score")[:THEMES_PER_QUARTER]
    )
    themes: dict[str, list] = {}
    for pattern in patterns:
        quotes = list(
            dict.fromkeys(
                Signal.objects.filter(pk__in=pattern.examples).exclude(text="").values_list("text", flat=True)
            )
        )
        channel = pattern.get_channel_display() if pattern.channel else str(_("alle kanalen"))
        themes.setdefault(channel, []).append(
            {
                "pattern": pattern.pk,
                "summary": pattern.summary,
                "terms": pattern.terms,
                "service": pattern.service.name if pattern.service else None,
                "quotes": list(quotes[:QUOTES_PER_THEME]),
                "question": _question(pattern),
            }
        )
    return {
        "quarter": quarter_label(first),
        "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "themes": [{"channel": channel, "items": items} for channel, items in themes.items()],
        "general_questions": [str(q) for q in GENERAL_QUESTIONS],
        "conversations": [
            {
                "held_on": c.held_on.isoformat(),
                "place": c.place,
                "participants": c.participants,
                "statements": c.statements,
            }
            for c in Conversation.objects.filter(quarter=first)
        ],
    }


@transaction.atomic
def record_conversation(
    *, first: date, held_on: date, place: str, participants: int, statements: str, service: Service | None = None
) -> Conversation:
    """Stores what citizens said, one statement per line, as signals of channel `bijeenkomst`."""
    if participants < 0:
        raise InputError(_("Het aantal inwoners kan niet negatief zijn."))
    summary = record_meeting(
        statements, title=_("Inwonersgesprek %(d)s") % {"d": held_on}, day=held_on, service=service
    )
    return Conversation.objects.create(
        quarter=first,
        held_on=held_on,
        place=place.strip()[:200],
        participants=participants,
        statements=summary.imported,
    )
