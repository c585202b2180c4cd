"""Uploaded import files: streamed to $LEERLUS_HOME/uploads/<token>/, ZIPs unpacked safely, removed afterwards.

An upload never passes through memory as a whole: `StreamingUploadHandler` writes each chunk to
disk as it arrives and stops at the size limit. A ZIP gives its supported members (CSV, XLSX,
JSON, JSON Lines), unpacked under limits on count and size and without the member's own path.
The import job removes a file when it is done; `remove_stale_uploads` removes what was left behind
by a wizard nobody finished.
"""

import json
import re
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

from leerlus.errors import InputError
from leerlus.intake.readers import EXTENSIONS
from leerlus.presentation.formatting import number

STALE_SECONDS = 24 * 3600
MAX_ZIP_MEMBERS = 50
CHUNK = 1024 * 1024
TOKEN = re.compile(r"^[0-9a-f]{32}$")
SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


def uploads_root() -> Path:
    return Path(settings.HOME) / "uploads"


def max_bytes() -> int:
    return settings.IMPORT_UPLOAD_MAX_BYTES


def size_label(size: int) -> str:
    """2147483648 → '2 GB'; 1000 → '1.000 bytes'."""
    for unit, step in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if size >= step:
            return f"{number(size / step, 0 if size % step == 0 else 1)} {unit}"
    return f"{number(size)} bytes"


def too_large() -> InputError:
    return InputError(
        _("Het bestand is groter dan %(max)s. Splits het op of importeer het met `leerlus import`.")
        % {"max": size_label(max_bytes())},
        field="file",
    )


@dataclass(frozen=True)
class Upload:
    """One upload: its token (the folder name) and the data files it gave, with the names people gave them."""

    token: str
    files: list[dict]  # [{"path": str, "name": str}]

    @property
    def folder(self) -> Path:
        return uploads_root() / self.token

    @classmethod
    def open(cls, token: str) -> "Upload":
        folder = uploads_root() / token
        if not TOKEN.match(token) or not (folder / "upload.json").is_file():
            raise InputError(
                _("Deze upload bestaat niet meer (na een dag wordt hij opgeruimd). Upload het bestand opnieuw.")
            )
        files = json.loads((folder / "upload.json").read_text())["files"]
        return cls(token, [f for f in files if Path(f["path"]).is_file()])

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class StreamingUploadHandler(FileUploadHandler):
    """Writes the uploaded file straight into a new upload folder, counting bytes up to the limit."""

    def __init__(self, request=None):
        super().__init__(request)
        self.token = secrets.token_hex(16)
        self.written = 0
        self.refused = False
        self.handle = None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        folder = uploads_root() / self.token
        folder.mkdir(parents=True, exist_ok=True)
        suffix = Path(self.file_name or "").suffix.lower()
        self.path = folder / ("file" + (suffix if SUFFIX.match(suffix) else ""))
        self.handle = open(self.path, "wb")

    def receive_data_chunk(self, raw_data, start):
        self.written += len(raw_data)
        if self.written > max_bytes():
            self.refused = True
            self.handle.close()
            shutil.rmtree(self.path.parent, ignore_errors=True)
            raise StopUpload(connection_reset=True)
        self.handle.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.handle.close()
        uploaded = UploadedFile(None, name=self.file_name, content_type=self.content_type, size=file_size)
        uploaded.path = self.path
        uploaded.token = self.token
        return uploaded


def store(uploaded) -> Upload:
    """The upload as data files: itself, or the supported members of a ZIP. Refuses what it cannot import."""
    remove_stale_uploads()
    name = Path(uploaded.name or "").name or "upload"
    path, token = Path(uploaded.path), uploaded.token
    try:
        if path.suffix == ".zip":
            files = _unpack(path, name)
            path.unlink()
        elif path.suffix in EXTENSIONS:
            files = [{"path": str(path), "name": name}]
        else:
            raise InputError(
                _("'%(f)s' is geen CSV-, XLSX-, JSON- of ZIP-bestand. Kies uit: %(keuzes)s.")
                % {"f": name, "keuzes": ", ".join([*EXTENSIONS, ".zip"])},
                field="file",
            )
    except Exception:
        shutil.rmtree(path.parent, ignore_errors=True)
        raise
    (path.parent / "upload.json").write_text(json.dumps({"files": files}, ensure_ascii=False))
    return Upload(token, files)


def _unpack(path: Path, zip_name: str) -> list[dict]:
    if not zipfile.is_zipfile(path):
        raise InputError(_("'%(f)s' is geen geldig ZIP-bestand.") % {"f": zip_name}, field="file")
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        for member in members:
            parts = PurePosixPath(member.filename.replace("\\", "/")).parts
            if member.filename.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                raise InputError(
                    _("Het ZIP-bestand '%(f)s' bevat een onveilige bestandsnaam: '%(m)s'. Er is niets ingelezen.")
                    % {"f": zip_name, "m": member.filename[:100]},
                    field="file",
                )
        wanted = [
            m
            for m in members
            if PurePosixPath(m.filename).suffix.lower() in EXTENSIONS
            and not any(p.startswith(("__MACOSX", ".")) for p in PurePosixPath(m.filename).parts)
        ]
        if not wanted:
            raise InputError(
                _("Het ZIP-bestand '%(f)s' bevat geen CSV-, XLSX- of JSON-bestand.") % {"f": zip_name}, field="file"
            )
        if len(wanted) > MAX_ZIP_MEMBERS:
            raise InputError(
                _("Het ZIP-bestand '%(f)s' bevat %(n)s bestanden; hoogstens %(max)s.")
                % {"f": zip_name, "n": len(wanted), "max": MAX_ZIP_MEMBERS},
                field="file",
            )
        budget = max_bytes()
        files = []
        for index, member in enumerate(wanted, start=1):
            suffix = PurePosixPath(member.filename).suffix.lower()
            target = path.parent / f"member-{index}{suffix}"
            with archive.open(member) as source, open(target, "wb") as out:
                while chunk := source.read(CHUNK):
                    budget -= len(chunk)
                    if budget < 0:  # counted while unpacking: the sizes in a ZIP's directory can lie
                        raise InputError(
                            _("Uitgepakt is '%(f)s' groter dan %(max)s; splits het op.")
                            % {"f": zip_name, "max": size_label(max_bytes())},
                            field="file",
                        )
                    out.write(chunk)
            files.append({"path": str(target), "name": PurePosixPath(member.filename).name})
        return files


def remove_uploaded_file(path: str) -> None:
    """Removes one uploaded data file (only inside the uploads folder), and its folder once nothing else is left.

    The import job removes its file itself; this catches a job cancelled before it started."""
    path = Path(path).resolve()
    root = uploads_root().resolve()
    if root not in path.parents:
        return
    path.unlink(missing_ok=True)
    folder = path.parent
    if folder.is_dir() and all(p.name == "upload.json" for p in folder.iterdir()):
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_uploads(now: float | None = None) -> int:
    """Removes upload folders older than a day (a wizard nobody finished); returns how many."""
    root = uploads_root()
    if not root.is_dir():
        return 0
    limit = (now or time.time()) - STALE_SECONDS
    removed = 0
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
