"""Numbers and amounts as a Dutch person types them: 12.000, 12.000,50, 12000, 12,5 and € 12.000.

A dot groups thousands and a comma starts the decimals. Whatever could be read two ways ("12.5",
"12.00", "12,000.50") is refused with a message that names the value and shows a correct example,
so that "12.000" can never be saved as € 12.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import override

from leerlus.errors import InputError
from leerlus.presentation.formatting import number

DUTCH_NUMBER = re.compile(r"-?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+|0)(?:,\d+)?")


def parse_number(value, *, label: str, example: str = "12.000,50", minimum=None) -> Decimal:
    """The number in `value`, typed the Dutch way; numbers that are already numbers pass unchanged.

    Raises InputError naming `label`, the value and a correct `example` when it is not one number.
    """
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = str(value or "").replace("€", "").replace("\u00a0", "").replace(" ", "").replace("−", "-")
        if not text:
            raise InputError(_("Vul bij %(veld)s een getal in, bijvoorbeeld %(vb)s.") % {"veld": label, "vb": example})
        if not DUTCH_NUMBER.fullmatch(text):
            raise InputError(
                _(
                    "'%(v)s' bij %(veld)s is geen getal zoals wij het schrijven: een punt scheidt de duizendtallen, "
                    "een komma de decimalen. Schrijf bijvoorbeeld %(vb)s."
                )
                % {"v": str(value)[:30], "veld": label, "vb": example}
            )
        try:
            amount = Decimal(text.replace(".", "").replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            raise InputError(_("'%(v)s' is geen getal.") % {"v": str(value)[:30]}) from None
    if not amount.is_finite():
        raise InputError(_("'%(v)s' bij %(veld)s is geen getal.") % {"v": str(value)[:30], "veld": label})
    if minimum is not None and amount < minimum:
        raise InputError(
            _("%(veld)s is minstens %(min)s; '%(v)s' is te klein.")
            % {"veld": label, "min": number(minimum), "v": str(value)[:30]}
        )
    return amount


class NumberField(forms.DecimalField):
    """A form field that reads Dutch numbers and shows its value the same way (a text box, not type=number,
    which would let the browser read "12.000" as twelve). It gives a Decimal; whole-number model fields take it."""

    def __init__(self, *, example: str = "12.000,50", **kwargs):
        self.example = example
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            amount = parse_number(value, label=str(self.label or _("dit veld")), example=self.example)
        except InputError as error:
            raise ValidationError(str(error), code="invalid") from None
        return amount

    def widget_attrs(self, widget):
        return {"inputmode": "decimal"}

    def prepare_value(self, value):
        return input_value(value)


def input_value(value, decimals: int | None = None):
    """A number as it stands in a text box to be read back by parse_number: the Dutch way in either interface
    language, with as many decimals as it has (or `decimals`)."""
    if not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
        return value
    amount = Decimal(str(value))
    if decimals is None:
        decimals = 0 if amount == amount.to_integral() else max(0, -amount.normalize().as_tuple().exponent)
    with override("nl"):
        return number(amount, decimals)


# Every number field of a model form reads Dutch: the admin's formfield_overrides and a ModelForm's
# formfield_callback use this one table (whole-number fields refuse decimals).
NUMBER_OVERRIDES = {
    models.DecimalField: {"form_class": NumberField},
    models.FloatField: {"form_class": NumberField},
    models.IntegerField: {"form_class": NumberField, "decimal_places": 0, "example": "12"},
}


def number_formfield(db_field, **kwargs):
    """The form field of a model field: a NumberField for every number, Django's own for the rest."""
    for cls in type(db_field).mro():
        if cls in NUMBER_OVERRIDES and not db_field.choices:
            return db_field.formfield(**{**NUMBER_OVERRIDES[cls], **kwargs})
    return db_field.formfield(**kwargs)
