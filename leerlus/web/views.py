"""The start page: for a beheerder the way into Inrichten while the setup is not complete; the start plan's
progress, sources that keep failing to sync, the incidents to read first, and signal counts per channel and per
service over time."""

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from leerlus.core.first_run import setup_steps
from leerlus.core.models import DailyCount, Person
from leerlus.core.roles import role_of
from leerlus.core.selectors import counts_over_time, current_organisation
from leerlus.intake.syncing import failing_sources
from leerlus.patterns.selectors import IncidentFilter, incident_list
from leerlus.playground.models import StartPlan
from leerlus.playground.selectors import start_plan_progress
from leerlus.presentation.charts import as_table, line_chart

TOP_INCIDENTS = 3


@login_required
def start(request):
    by_channel = counts_over_time("channel")
    by_service = counts_over_time("service")
    total = DailyCount.objects.aggregate(n=Sum("count"))["n"] or 0
    organisation = current_organisation()
    steps = setup_steps() if role_of(request.user) == Person.Role.BEHEERDER else []
    return render(
        request,
        "web/start.html",
        {
            "organisation": organisation,
            "setup_steps": [] if all(step.done for step in steps) else steps,
            "steps": start_plan_progress(StartPlan.objects.filter(organisation=organisation).first()),
            "total": total,
            "incidents": incident_list(IncidentFilter())[:TOP_INCIDENTS],
            "failing_sources": list(failing_sources()),
            "charts": [
                {
                    "id": "kanalen",
                    "title": _("Signalen per week, per kanaal"),
                    "svg": line_chart(by_channel),
                    "table": as_table(by_channel),
                },
                {
                    "id": "diensten",
                    "title": _("Signalen per week, per dienst"),
                    "svg": line_chart(by_service),
                    "table": as_table(by_service),
                },
            ]
            if total
            else [],
        },
    )
