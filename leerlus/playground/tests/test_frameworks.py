"""Every kader on both sides of its boundary: just inside takes the fast route, just outside is named."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from leerlus.playground.framework_sentences import breach_sentence
from leerlus.playground.frameworks import Envelope, Proposal, broken_frameworks
from leerlus.playground.models import Frameworks

KADERS = Frameworks(
    min_team=3,
    max_team=5,
    min_departments=2,
    all_worlds=True,
    max_months=3,
    max_budget=Decimal(25000),
    conditions="Geen persoonsgegevens buiten de gemeente.",
)
ROOM = Envelope(size=Decimal(336000), committed=Decimal(0), share=Decimal("0.07"))
INSIDE = dict(
    team_departments=["KCC", "Informatievoorziening", "Beleid"],
    team_worlds=["uitvoering", "techniek", "beleid"],
    budget=Decimal(25000),
    start=date(2026, 1, 31),
    end=date(2026, 4, 30),
    conditions_met=True,
)


def broken(envelope=ROOM, **changes):
    """The sentences a reader sees about the breaches found."""
    return [breach_sentence(b) for b in broken_frameworks(Proposal(**{**INSIDE, **changes}), KADERS, envelope)]


def test_a_proposal_on_every_boundary_is_inside():
    assert broken() == []


@pytest.mark.parametrize("size, inside", [(2, False), (3, True), (5, True), (6, False)])
def test_team_size_three_to_five(size, inside):
    departments = (["KCC", "Informatievoorziening", "Beleid"] * 2)[:size]
    worlds = (["uitvoering", "techniek", "beleid"] * 2)[:size]
    result = broken(team_departments=departments, team_worlds=worlds)
    assert (result == []) == inside
    if not inside:
        assert result[0] == f"Het team heeft {size} leden; de kaders vragen 3 tot 5."


def test_at_least_two_departments():
    assert broken(team_departments=["KCC", "KCC", "Beleid"]) == []
    assert broken(team_departments=["KCC", "KCC", "KCC"]) == [
        "Het team komt uit 1 afdeling; de kaders vragen er minstens 2."
    ]


def test_techniek_beleid_and_uitvoering_all_present():
    assert broken(team_worlds=["uitvoering", "uitvoering", "techniek"]) == [
        "In het team ontbreekt beleid; techniek, beleid en uitvoering horen er vanaf dag één bij."
    ]
    relaxed = Frameworks(
        **{
            f.name: getattr(KADERS, f.name)
            for f in Frameworks._meta.concrete_fields
            if f.name not in ("id", "organisation")
        }
    )
    relaxed.all_worlds = False
    proposal = Proposal(**{**INSIDE, "team_worlds": ["uitvoering"] * 3})
    assert broken_frameworks(proposal, relaxed, ROOM) == []


def test_at_most_three_months_counted_in_calendar_months():
    assert broken(end=date(2026, 4, 30)) == []  # 31 January + 3 months = 30 April
    assert broken(end=date(2026, 5, 1)) == [
        "Het experiment loopt tot 1 mei 2026; binnen de kaders eindigt het uiterlijk 30 april 2026 (3 maanden)."
    ]


def test_budget_cap_per_experiment():
    assert broken(budget=Decimal("25000.00")) == []
    assert broken(budget=Decimal("25000.01")) == ["Het budget van € 25.000,01 is hoger dan € 25.000 per experiment."]


def test_all_running_experiments_together_inside_the_playground_envelope():
    full = Envelope(size=Decimal(336000), committed=Decimal(311000), share=Decimal("0.07"))
    assert broken(full) == []  # exactly fills the envelope
    fuller = Envelope(size=Decimal(336000), committed=Decimal(311001), share=Decimal("0.07"))
    assert broken(fuller) == [
        "Samen met de goedgekeurde en lopende experimenten komt het budget op € 336.001; "
        "de proeftuin heeft € 336.000 per jaar (7% van het IT-budget)."
    ]


def test_free_text_conditions_must_be_confirmed():
    assert broken(conditions_met=True) == []
    assert broken(conditions_met=False) == [
        "Het team heeft niet bevestigd dat het voldoet aan de voorwaarden: Geen persoonsgegevens buiten de gemeente."
    ]


def test_several_broken_kaders_are_all_listed():
    assert len(broken(budget=Decimal(90000), end=date(2026, 12, 31), team_departments=["KCC"] * 3)) == 3


def test_a_breach_is_kept_as_figures_and_read_in_the_readers_language():
    [stored] = broken_frameworks(Proposal(**{**INSIDE, "budget": Decimal(30000)}), KADERS, ROOM)
    assert stored == {"code": "budget", "budget": "30000", "max": "25000"}
    with translation.override("en"):
        assert breach_sentence(stored) == "The budget of €30,000 is more than €25,000 per experiment."
    assert breach_sentence({"code": "budget", "text": "Een zin van vroeger."}) == "Een zin van vroeger."
