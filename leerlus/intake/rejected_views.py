"""Download of an import's full list of rejected lines (line, reason code, reason) as CSV, for a beheerder."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from leerlus.core.models import Person
from leerlus.core.roles import role_of
from leerlus.intake.models import ImportBatch
from leerlus.intake.rejections import header


@login_required
def rejected_lines(request, batch_id: int):
    if role_of(request.user) != Person.Role.BEHEERDER:
        raise PermissionDenied(_("Alleen een beheerder kan de afgewezen regels van een import downloaden."))
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    name = f"{batch.pk}-afgewezen.csv"
    path = batch.rejected_path()
    if path is None and batch.rejected_file:
        raise Http404(_("De lijst met afgewezen regels van deze import bestaat niet meer."))
    if path is None:  # nothing was rejected: the same columns, no rows
        response = HttpResponse(",".join(header()) + "\r\n", content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name, content_type="text/csv; charset=utf-8")
