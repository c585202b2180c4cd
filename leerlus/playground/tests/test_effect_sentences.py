"""The reasons of an effect estimate are codes with figures; the playground writes them in the reader's language."""

from dataclasses import asdict

from django.utils import translation

from leerlus.analysis.effect import EffectEstimate
from leerlus.playground.effect_sentences import effect_reason

MEASURED = asdict(
    EffectEstimate(
        -0.3,
        -0.4,
        -0.2,
        -5.0,
        "its-control",
        ["telefoon"],
        reasons=["changed_before_start", "placebo_backtests", "interval_widened"],
        changed_on="2025-04-11",
        placebo_runs=4,
        widening=1.25,
        placebo_error={"its-control": 0.0488, "sts-control": 0.0953},
    )
)


def test_the_reasons_are_written_in_dutch_and_in_english():
    with translation.override("nl"):
        assert effect_reason(MEASURED) == (
            "Vóór de start veranderde de reeks al eens, rond 11 april 2025; alleen de periode daarna telt als "
            "verleden. In 4 proefperiodes vóór de start, waarin niets veranderde, week de tijdreeksregressie met "
            "controlereeksen gemiddeld 5,0% af van nul (de andere methodes: structureel tijdreeksmodel met "
            "controlereeksen 10,0%). Het interval is 1,2× verbreed, omdat de proefperiodes meer schommelden dan "
            "het model verwacht."
        )
    with translation.override("en"):
        assert effect_reason(MEASURED) == (
            "The series had already changed before the start, around 11 April 2025; only the period after that "
            "counts as the past. In 4 trial periods before the start, in which nothing changed, the time series "
            "regression with control series was off from zero by 5.0% on average (the other methods: structural "
            "time series model with control series 10.0%). The interval was widened 1.2×, because the trial "
            "periods varied more than the model expected."
        )


def test_too_little_data_says_how_many_days_are_still_needed_with_the_right_plural():
    one = asdict(EffectEstimate(None, None, None, None, None, [], False, 1, reasons=["too_few_days_after"]))
    six = asdict(EffectEstimate(None, None, None, None, None, [], False, 6, reasons=["too_few_days_before"]))
    with translation.override("nl"):
        assert effect_reason(one) == "Te weinig gegevens: nog 1 dag na de start nodig."
        assert effect_reason(six) == "Te weinig gegevens: nog 6 dagen vóór de start nodig."
    with translation.override("en"):
        assert effect_reason(one) == "Not enough data: 1 more day after the start is needed."


def test_an_estimate_stored_before_the_codes_keeps_its_sentence():
    assert effect_reason({"enough_data": False, "reason": "Te weinig gegevens."}) == "Te weinig gegevens."
