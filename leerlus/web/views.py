"""The start page: signal counts per channel and per service over time."""

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from leerlus.core.models import DailyCount, Organisation
from leerlus.core.selectors import counts_over_time
from leerlus.web.charts import as_table, line_chart


@login_required
def start(request):
    by_channel = counts_over_time("channel")
    by_service = counts_over_time("service")
    total = DailyCount.objects.aggregate(n=Sum("count"))["n"] or 0
    return render(request, "web/start.html", {
        "organisation": Organisation.objects.first(),
        "total": total,
        "charts": [
            {"id": "kanalen", "title": _("Signalen per week, per kanaal"),
             "svg": line_chart(by_channel), "table": as_table(by_channel)},
            {"id": "diensten", "title": _("Signalen per week, per dienst"),
             "svg": line_chart(by_service), "table": as_table(by_service)},
        ] if total else [],
    })
