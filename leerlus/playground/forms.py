"""The kaders form for the beheerder; its numbers read the Dutch way (12.000)."""

from django import forms

from leerlus.playground.models import Frameworks
from leerlus.presentation.number_input import number_formfield


class FrameworksForm(forms.ModelForm):
    class Meta:
        model = Frameworks
        formfield_callback = number_formfield
        fields = [
            "min_team",
            "max_team",
            "min_departments",
            "all_worlds",
            "max_months",
            "max_budget",
            "conditions",
            "decision_maker",
        ]
