"""A consistent copy of the whole database while the app runs, and putting one back.

SQLite: the SQLite backup API (a page-by-page copy that sees one moment, also while an import writes).
PostgreSQL: pg_dump in its custom format, put back with pg_restore. A copy is readable by its owner only.
A copy is put back only into the same kind of database it came from; afterwards the migrations run, so a
copy of an earlier version is brought up to date.
"""

import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils.translation import gettext as _

from leerlus.audit.models import AuditEntry
from leerlus.audit.recorder import record
from leerlus.core.data_version import data_changed
from leerlus.core.schemas import BackupOut
from leerlus.errors import InputError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


def backup(target: Path) -> BackupOut:
    """Writes a copy of the database to `target`; returns what it holds (rows per table)."""
    started = time.perf_counter()
    target = Path(target)
    if target.exists():
        raise InputError(_("Het bestand '%(f)s' bestaat al; kies een nieuwe naam.") % {"f": target})
    if not target.parent.is_dir():
        raise InputError(_("De map '%(m)s' bestaat niet.") % {"m": target.parent})
    target.touch(mode=0o600)
    record(AuditEntry.Action.EXPORT, "database", _("back-up naar %(f)s") % {"f": target.name})  # in the copy too
    try:
        if connection.vendor == "sqlite":
            _sqlite_copy(Path(settings.DATABASES["default"]["NAME"]), target)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"])
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    target.chmod(0o600)
    return _summary(target, started)


def restore(source: Path) -> BackupOut:
    """Replaces every row of the database with those of a copy that `backup` made."""
    started = time.perf_counter()
    source = Path(source)
    if not source.is_file():
        raise InputError(_("Het bestand '%(f)s' bestaat niet.") % {"f": source})
    with source.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    made_by = "sqlite" if header == SQLITE_HEADER else "postgresql" if header.startswith(PG_DUMP_HEADER) else None
    if made_by is None:
        raise InputError(_("'%(f)s' is geen reservekopie van leerlus.") % {"f": source.name})
    if made_by != connection.vendor:
        raise InputError(
            _("'%(f)s' is een kopie van een %(van)s-database; deze installatie gebruikt %(naar)s.")
            % {"f": source.name, "van": _ENGINE_NAMES[made_by], "naar": _ENGINE_NAMES[connection.vendor]}
        )
    if made_by == "sqlite":
        _sqlite_copy(source, Path(settings.DATABASES["default"]["NAME"]))
    else:
        connection.close()
        name = settings.DATABASES["default"]["NAME"]
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={name}",
                str(source),
            ]
        )
    connection.close()
    call_command("migrate", verbosity=0, interactive=False)
    data_changed()  # every row was replaced behind the models' backs: cached page parts are made anew
    restored = _summary(source, started)
    record(AuditEntry.Action.UPDATE, "database", _("hersteld uit %(f)s") % {"f": source.name})  # after the count
    return restored


_ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup from one file into another; the target's old content is replaced whole."""
    connection.close()
    origin, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        origin.close()
        copy.close()
    os.chmod(target, 0o600)


def _summary(path: Path, started: float) -> BackupOut:
    return BackupOut(
        file=str(path),
        database=connection.vendor,
        bytes=path.stat().st_size,
        rows=row_counts(),
        seconds=round(time.perf_counter() - started, 2),
    )


def row_counts() -> dict[str, int]:
    """Rows per table of every model, for a check that a copy holds everything."""
    return {model._meta.label_lower: model._default_manager.count() for model in apps.get_models()}


def _postgres_environment() -> dict:
    """The connection for pg_dump and pg_restore in their own variables: a password never shows in a process list."""
    db = settings.DATABASES["default"]
    given = {"PGHOST": db["HOST"], "PGPORT": db["PORT"], "PGUSER": db["USER"], "PGPASSWORD": db["PASSWORD"]}
    return {**os.environ, "PGDATABASE": db["NAME"], **{k: str(v) for k, v in given.items() if v}}


def _run(command: list[str]) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise InputError(
            _("%(t)s ontbreekt; installeer de PostgreSQL-clientprogramma's (postgresql-client).") % {"t": command[0]}
        )
    done = subprocess.run([tool, *command[1:]], capture_output=True, text=True, env=_postgres_environment())
    if done.returncode != 0:
        raise InputError(_("%(t)s is mislukt: %(m)s") % {"t": Path(command[0]).name, "m": done.stderr.strip()[-300:]})
