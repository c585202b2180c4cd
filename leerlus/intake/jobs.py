"""The import, the sync of a source and the daily retention run as background jobs.

The import: `import_file` with its progress as the job's progress, cancellable per chunk. Parameters
(JSON): path, file_name, file_format, column_map, channel_map, default_channel, default_date
(jjjj-mm-dd), source (the name of a saved import source, for the log), remove_after (the uploaded file
is removed when the job ends, also when it fails or is cancelled). At the end one analysis is asked for.

The sync: `sync_source` for the source named in the parameters (`{"source": NAME}`); submitted by the workers'
periodic round for each source whose `every` has passed, and by `leerlus sync` (inline).

The widget: moves the queued page feedback into signals (`widget.move_feedback`), submitted by the periodic round
whenever something waits.
"""

from datetime import date, timedelta
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerlus.intake.models import PageFeedback
from leerlus.intake.retention import apply_retention
from leerlus.intake.services import import_file
from leerlus.intake.syncing import due_sources, sync_source
from leerlus.intake.widget import move_feedback
from leerlus.jobs.context import JobCancelled
from leerlus.jobs.models import Job
from leerlus.jobs.registry import register
from leerlus.jobs.schedule import every, when_due
from leerlus.jobs.services import request_analysis, submit
from leerlus.presentation.documents import as_document
from leerlus.presentation.formatting import number


def import_params(
    path,
    *,
    file_name: str | None = None,
    file_format: str | None = None,
    column_map: dict | None = None,
    channel_map: dict | None = None,
    default_channel: str | None = None,
    default_date: date | None = None,
    source: str | None = None,
    remove_after: bool = False,
) -> dict:
    """The parameters of an import job, as JSON."""
    return {
        "path": str(path),
        "file_name": file_name or Path(path).name,
        "file_format": file_format,
        "column_map": column_map or {},
        "channel_map": channel_map or {},
        "default_channel": default_channel,
        "default_date": default_date.isoformat() if default_date else None,
        "source": source,
        "remove_after": remove_after,
    }


def import_title(file_name: str) -> str:
    return _("Import van %(f)s") % {"f": file_name}


@register("import", gettext_lazy("Import"))
def run_import(job) -> dict:
    params = job.params
    path = Path(params["path"])
    name = params.get("file_name") or path.name
    if params.get("source"):
        job.log(_("Import van %(f)s met de instellingen van bron %(s)s.") % {"f": name, "s": params["source"]})

    def progress(step) -> None:
        job.progress(step.read, step.total, stage=step.stage_label())  # raises JobCancelled after a cancel

    try:
        summary = import_file(
            path,
            file_format=params.get("file_format"),
            default_channel=params.get("default_channel"),
            default_date=date.fromisoformat(params["default_date"]) if params.get("default_date") else None,
            column_map=params.get("column_map") or {},
            channel_map=params.get("channel_map") or {},
            user=job.user,
            display_name=name,
            progress=progress,
        )
    except JobCancelled:
        job.log(
            _(
                "Gestopt na %(n)s rijen. De rijen die al waren opgeslagen blijven staan; dat is veilig, want een "
                "import is idempotent: dezelfde import opnieuw voegt precies de ontbrekende rijen toe."
            )
            % {"n": number(job.job.done)}
        )
        raise
    finally:
        if params.get("remove_after"):
            path.unlink(missing_ok=True)
    job.log(
        _("%(read)s rijen gelezen: %(new)s nieuw, %(dup)s dubbel, %(rej)s afgewezen.")
        % {
            "read": number(summary.read),
            "new": number(summary.imported),
            "dup": number(summary.duplicates),
            "rej": number(summary.rejected),
        }
    )
    if summary.imported:
        analysis = request_analysis(user=job.user)
        job.log(_("Analyse aangevraagd (taak %(id)s).") % {"id": analysis.pk})
    return as_document(summary)


@register("retention", gettext_lazy("Bewaartermijnen toepassen"))
def run_retention(job) -> dict:
    """Anonymises and deletes what passed the organisation's periods; daily on the workers (jobs.schedule)."""
    outcome = apply_retention(progress=lambda done, total: job.progress(done, total, stage=_("Signalen bijwerken")))
    job.log(
        _("%(a)s signalen geanonimiseerd, %(d)s verwijderd.")
        % {"a": number(outcome.anonymised), "d": number(outcome.deleted)}
    )
    return as_document(outcome)


every("retention", timedelta(days=1))


def sync_title(name: str) -> str:
    return _("Synchroniseren van %(s)s") % {"s": name}


@register("sync", gettext_lazy("Bron synchroniseren"))
def run_sync(job) -> dict:
    summary = sync_source(job.params["source"], user=job.user)
    job.log(
        _("%(n)s opgehaald: %(new)s nieuw, %(dup)s dubbel, %(rej)s afgewezen.")
        % {
            "n": number(summary.fetched),
            "new": number(summary.imported),
            "dup": number(summary.duplicates),
            "rej": number(summary.rejected),
        }
    )
    for error in summary.errors:
        job.log(error)
    if summary.imported:
        analysis = request_analysis(user=job.user)
        job.log(_("Analyse aangevraagd (taak %(id)s).") % {"id": analysis.pk})
    return as_document(summary)


@when_due
def submit_due_syncs(now) -> list[Job]:
    """A sync job for each source whose interval has passed and that has none waiting or running."""
    active = set(Job.objects.filter(kind="sync", status__in=Job.ACTIVE).values_list("params__source", flat=True))
    return [
        submit("sync", {"source": source.name}, title=sync_title(source.name))
        for source in due_sources(now)
        if source.name not in active
    ]


@register("widget", gettext_lazy("Websitefeedback verwerken"))
def run_widget(job) -> dict:
    """Moves batch after batch until the queue is empty; one analysis is asked for at the end."""
    imported = duplicates = rejected = 0
    while summary := move_feedback(user=job.user):
        imported, duplicates, rejected = (
            imported + summary.imported,
            duplicates + summary.duplicates,
            rejected + summary.rejected,
        )
    job.log(
        _("Websitefeedback: %(new)s nieuw, %(dup)s dubbel, %(rej)s afgewezen.")
        % {"new": number(imported), "dup": number(duplicates), "rej": number(rejected)}
    )
    if imported:
        request_analysis(user=job.user)
    return {"imported": imported, "duplicates": duplicates, "rejected": rejected}


@when_due
def submit_waiting_feedback(now) -> list[Job]:
    """A widget job when page feedback waits and none is waiting or running."""
    if not PageFeedback.objects.exists() or Job.objects.filter(kind="widget", status__in=Job.ACTIVE).exists():
        return []
    return [submit("widget", {}, title=_("Websitefeedback verwerken"))]
