"""Dutch numbers in: what a person types is read the way they meant it, and what could be read two ways is
refused with a message that names the value and shows how to write it."""

from decimal import Decimal

import pytest
from django.utils import translation

from leerlus.errors import InputError
from leerlus.presentation.number_input import NumberField, parse_number


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("12.000", Decimal("12000")),
        ("12.000,50", Decimal("12000.50")),
        ("12000", Decimal("12000")),
        ("12,5", Decimal("12.5")),
        ("€ 12.000", Decimal("12000")),
        ("€12.000,50", Decimal("12000.50")),
        ("1.250.000", Decimal("1250000")),
        ("0,05", Decimal("0.05")),
        (" 7 ", Decimal("7")),
        ("-3", Decimal("-3")),
        (12000, Decimal("12000")),  # a JSON number from the API is already a number
        (Decimal("12000.5"), Decimal("12000.5")),
    ],
)
def test_dutch_numbers_are_read_as_meant(typed, meant):
    assert parse_number(typed, label="Budget") == meant


@pytest.mark.parametrize("typed", ["12.5", "12.00", "1.2.3", "12,000.50", "abc", "12.0000", "0.500", "12,", ",5", ""])
def test_ambiguous_or_malformed_numbers_are_refused_with_the_value_and_an_example(typed):
    with pytest.raises(InputError) as refused:
        parse_number(typed, label="Budget", example="12.000")
    message = str(refused.value)
    assert "Budget" in message and "12.000" in message
    if typed:
        assert f"'{typed}'" in message


def test_a_minimum_is_named_in_the_message():
    with pytest.raises(InputError, match="Budget is minstens 0"):
        parse_number("-5", label="Budget", minimum=0)


def test_the_form_field_shows_its_value_the_way_it_reads_it_back_in_both_languages():
    field = NumberField(label="Budget")
    for language in ("nl", "en"):
        with translation.override(language):
            shown = field.prepare_value(Decimal("25000.00"))
            assert shown == "25.000"
            assert field.clean(shown) == Decimal("25000")
    assert field.prepare_value(Decimal("0.075")) == "0,075"
    assert field.widget.input_type == "text" and field.widget.attrs["inputmode"] == "decimal"


def test_the_form_field_refuses_with_a_dutch_message():
    field = NumberField(label="Budget", example="12.000")
    with pytest.raises(Exception) as refused:
        field.clean("12.5")
    assert "'12.5' bij Budget is geen getal zoals wij het schrijven" in str(refused.value)
