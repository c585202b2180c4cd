"""The kaders form for the beheerder."""

from django import forms

from leerlus.playground.models import Frameworks


class FrameworksForm(forms.ModelForm):
    class Meta:
        model = Frameworks
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
