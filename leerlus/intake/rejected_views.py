"""Download of an import's full list of rejected lines (line, reason code, reason) as CSV, for a beheerder."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.audit.models import AuditEntry
from leerlus.audit.recorder import record
from leerlus.core.roles import beheerder_only
from leerlus.intake.models import ImportBatch
from leerlus.intake.rejections import header


@beheerder_only(gettext_lazy("Alleen een beheerder kan de afgewezen regels van een import downloaden."))
def rejected_lines(request, batch_id: int):
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    record(AuditEntry.Action.EXPORT, "intake.importbatch", _("afgewezen regels"), batch.pk)
    name = f"{batch.pk}-afgewezen.csv"
    path = batch.rejected_path()
    if path is None and batch.rejected_file:
        raise Http404(_("De lijst met afgewezen regels van deze import bestaat niet meer."))
    if path is None:  # nothing was rejected: the same columns, no rows
        response = HttpResponse(",".join(header()) + "\r\n", content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name, content_type="text/csv; charset=utf-8")
