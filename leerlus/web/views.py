"""The start page: for a beheerder the way into Inrichten while the setup is not complete; the start plan's
progress, sources that keep failing to sync, the incidents to read first, and signal counts per channel and per
service over time.

The incidents and the charts are the same for everyone and cost the most: the template caches them per data
version and language (`{% cache %}`), so `StartFigures` computes them only when that cache has no copy."""

from functools import cached_property

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from leerlus.core.data_version import data_version
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


class StartFigures:
    """The start page's parts computed from all signals and incidents, each only when the template asks for it."""

    @cached_property
    def total(self) -> int:
        return DailyCount.objects.aggregate(n=Sum("count"))["n"] or 0

    @cached_property
    def incidents(self) -> list:
        return incident_list(IncidentFilter())[:TOP_INCIDENTS]

    @cached_property
    def charts(self) -> list[dict]:
        titles = {
            "channel": ("kanalen", _("Signalen per week, per kanaal")),
            "service": ("diensten", _("Signalen per week, per dienst")),
        }
        charts = []
        for by, (chart_id, title) in titles.items():
            series = counts_over_time(by)
            charts.append({"id": chart_id, "title": title, "svg": line_chart(series), "table": as_table(series)})
        return charts


@login_required
def start(request):
    organisation = current_organisation()
    steps = setup_steps() if role_of(request.user) == Person.Role.BEHEERDER else []
    return render(
        request,
        "web/start.html",
        {
            "organisation": organisation,
            "setup_steps": [] if all(step.done for step in steps) else steps,
            "steps": start_plan_progress(StartPlan.objects.filter(organisation=organisation).first()),
            "failing_sources": list(failing_sources()),
            "data_version": data_version(),
            "figures": StartFigures(),
        },
    )
