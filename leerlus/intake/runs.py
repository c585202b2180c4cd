"""Starts the import job for each file of an upload, with the wizard's mapping (or a saved source's)."""

from datetime import date

from leerlus.intake.jobs import import_params, import_title
from leerlus.intake.sources import save_source
from leerlus.intake.uploads import Upload
from leerlus.intake.wizard import Mapping, preview
from leerlus.jobs.services import submit


def start_imports(upload: Upload, mapping: Mapping, *, user=None, save_as: str = "", source: str | None = None) -> list:
    """One "import" job per file (a ZIP may hold several); each removes its file when it is done.

    `save_as` keeps the mapping as a named source; `source` names the saved source it came from."""
    columns_of = {f["path"]: preview(f["path"], mapping.file_format, rows=0).columns for f in upload.files}
    for columns in columns_of.values():
        mapping.check(columns)
    if save_as.strip():
        source = save_source(save_as, mapping, user=user).name
    jobs = []
    for file in upload.files:
        params = import_params(
            file["path"],
            file_name=file["name"],
            file_format=mapping.file_format,
            column_map=mapping.column_map(columns_of[file["path"]]),
            channel_map=mapping.channel_map,
            default_channel=mapping.default_channel,
            default_date=date.fromisoformat(mapping.default_date) if mapping.default_date else None,
            source=source,
            remove_after=True,
        )
        jobs.append(submit("import", params, user=user, title=import_title(file["name"])))
    return jobs
