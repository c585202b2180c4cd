"""The import wizard: upload → columns → channels → run → progress and summary. Only a beheerder imports."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from leerlus.core import roles
from leerlus.core.channels import CHANNEL_CHOICES
from leerlus.errors import InputError
from leerlus.intake import progress as job_progress
from leerlus.intake.channel_hints import known_channels
from leerlus.intake.columns import FIELDS, normalise_header, suggested_fields
from leerlus.intake.models import Source
from leerlus.intake.presets import PRESETS, detect_preset
from leerlus.intake.runs import start_imports
from leerlus.intake.sources import source_mapping
from leerlus.intake.uploads import (
    StreamingUploadHandler,
    Upload,
    max_bytes,
    remove_uploaded_file,
    store,
    too_large,
)
from leerlus.intake.wizard import Mapping, channel_values, preview
from leerlus.presentation.twins import json_twin

MULTIPART_SLACK = 64 * 1024  # the form's other fields and boundaries around the file


beheerder_only = roles.beheerder_only(gettext_lazy("Alleen een beheerder importeert bestanden."))


@csrf_exempt  # checked below, after the upload handler is in place (reading the token reads the body)
@beheerder_only
def wizard(request):
    """Step 1: the file (and, if wanted, a saved source: then the import starts at once)."""
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > max_bytes() + MULTIPART_SLACK:
            return _upload_page(request, refused=too_large())
        request.upload_handlers = [StreamingUploadHandler(request)]
        return _receive(request)
    return _upload_page(request)


def _upload_page(request, refused: InputError | None = None):
    if refused:  # rendered here, not raised: showing the form again must not read the rest of the body
        request.input_errors = [refused]
    status = 413 if refused else 200
    return render(
        request,
        "intake/upload.html",
        {
            "sources": Source.objects.all(),
            "chosen_source": request.POST.get("source", "") if not refused else "",
            "max_bytes": max_bytes(),
            "too_large": str(too_large()),
        },
        status=status,
    )


@csrf_protect
def _receive(request):
    uploaded = request.FILES.get("file")
    if any(getattr(h, "refused", False) for h in request.upload_handlers):
        return _upload_page(request, refused=too_large())
    if uploaded is None:
        raise InputError(_("Kies een bestand om te importeren."), field="file")
    upload = store(uploaded)
    source = request.POST.get("source", "")
    if not source:
        return redirect("intake:columns", token=upload.token)
    try:
        jobs = start_imports(upload, source_mapping(source), user=request.user, source=source)
    except InputError:
        upload.remove()
        raise
    return redirect("intake:progress", ids="-".join(str(job.pk) for job in jobs))


@beheerder_only
def columns(request, token):
    """Step 2: the first rows (redacted) and, per field, which column feeds it."""
    upload = Upload.open(token)
    shown = preview(upload.files[0]["path"])
    detected = detect_preset(shown.columns)
    asked = request.GET.get("preset")
    preset = detected if asked is None else PRESETS.get(asked)
    if request.POST:  # shown again after a refused choice: what was chosen stays chosen
        chosen = _mapping_from(request.POST, shown.columns)
    else:
        chosen = Mapping(fields=suggested_fields(shown.columns))
        if preset:
            taken = set(preset.mapping_for(shown.columns).values())
            chosen.fields = {f: c for f, c in chosen.fields.items() if c not in taken}
            chosen.fields.update(preset.mapping_for(shown.columns))
            chosen.default_channel = preset.default_channel
            chosen.preset = preset.name
    return render(
        request,
        "intake/columns.html",
        {
            "upload": upload,
            "preview": shown,
            "fields": [(name, FIELD_LABELS[name], chosen.fields.get(name, "")) for name in FIELDS],
            "presets": PRESETS.values(),
            "preset": preset,
            "detected": detected,
            "chosen": chosen,
        },
    )


@beheerder_only
def channels(request, token):
    """Step 3: every value of the channel column with its count and a suggested channel; or one channel."""
    if request.method != "POST":
        return columns(request, token)
    upload = Upload.open(token)
    file_columns = preview(upload.files[0]["path"], rows=0).columns
    mapping = _mapping_from(request.POST, file_columns)
    mapping.check(file_columns)
    return _channels_page(request, upload, mapping)


def _channels_page(request, upload: Upload, mapping: Mapping):
    values, rows = [], None
    if "channel" in mapping.fields:
        values, rows = channel_values(upload.files[0]["path"], mapping.file_format, mapping.fields["channel"])
    chosen = {request.POST.get(f"value-{i}"): request.POST.get(f"channel-{i}") for i in range(len(values))}
    return render(
        request,
        "intake/channels.html",
        {
            "upload": upload,
            "mapping": mapping,
            "values": [(i, v, chosen.get(v.value) or v.suggestion) for i, v in enumerate(values) if v.value],
            "empty": next((v.count for v in values if not v.value), 0),
            "rows": rows,
            "channels": CHANNEL_CHOICES,
            "default_channel": request.POST.get("default_channel") or mapping.default_channel or "",
            "source_name": request.POST.get("source_name", ""),
        },
    )


@beheerder_only
def start(request, token):
    """Step 4: start the import job(s) and go to the progress page."""
    upload = Upload.open(token)
    file_columns = preview(upload.files[0]["path"], rows=0).columns
    mapping = _mapping_from(request.POST, file_columns)
    if request.method != "POST":  # shown again after a refused choice
        return _channels_page(request, upload, mapping)
    known = known_channels()
    for key, value in request.POST.items():
        if key.startswith("value-"):
            channel = request.POST.get("channel-" + key.removeprefix("value-"), "")
            if channel and known.get(" ".join(value.strip().lower().split())) != channel:
                mapping.channel_map[value] = channel
    if "channel" not in mapping.fields and not mapping.default_channel:
        raise InputError(_("Het bestand heeft geen kanaal: kies één kanaal voor het hele bestand."))
    jobs = start_imports(upload, mapping, user=request.user, save_as=request.POST.get("source_name", ""))
    return redirect("intake:progress", ids="-".join(str(job.pk) for job in jobs))


@require_POST
@beheerder_only
def cancel(request, token):
    """Stops the wizard: the uploaded file is removed at once."""
    Upload.open(token).remove()
    return redirect("intake:wizard")


@beheerder_only
def progress(request, ids):
    """Step 5: the import's progress and, when it is done, its summary (JSON twin with ?format=json)."""
    jobs = job_progress.import_jobs([int(i) for i in ids.split("-")])
    if not jobs:
        raise Http404(_("Deze import bestaat niet."))
    for path in job_progress.finished_files(jobs):
        remove_uploaded_file(path)
    document = job_progress.imports_document(jobs)
    if request.GET.get("format") == "json":
        return json_twin(document)
    return render(
        request, "intake/progress.html", {"document": document, "json_url": reverse("intake:progress", args=[ids])}
    )


def _mapping_from(post, file_columns: list[str]) -> Mapping:
    """The wizard's choices from its form fields (columns that the file does not have are ignored)."""
    by_header = {normalise_header(c): c for c in file_columns}
    fields = {}
    for name in FIELDS:
        column = by_header.get(normalise_header(post.get(f"field-{name}", "")))
        if column:
            fields[name] = column
    return Mapping(
        fields=fields,
        default_channel=post.get("default_channel") or None,
        default_date=post.get("default_date") or None,
        preset=post.get("preset") or None,
    )


FIELD_LABELS = {
    "id": gettext_lazy("Kenmerk (id)"),
    "received_at": gettext_lazy("Datum (received_at)"),
    "channel": gettext_lazy("Kanaal (channel)"),
    "service": gettext_lazy("Dienst of onderwerp (service)"),
    "text": gettext_lazy("Tekst (text)"),
    "source": gettext_lazy("Melder (source)"),
    "location": gettext_lazy("Locatie (location)"),
    "department": gettext_lazy("Afdeling (department)"),
    "demand": gettext_lazy("Faalvraag of waardevraag (demand)"),
}
