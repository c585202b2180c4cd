"""Brings the database up to the code's migrations, without loading them when the database already has them all."""

import pkgutil
from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder


def _migrations_on_disk() -> set[tuple[str, str]]:
    """Each app's migration files by name; reading the folders costs milliseconds, loading the migrations a quarter
    of a second (their graph and the model states), which every command paid before it started."""
    found = set()
    for config in apps.get_app_configs():
        try:
            package = import_module(f"{config.name}.migrations")
        except ModuleNotFoundError:
            continue
        found |= {(config.label, m.name) for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")}
    return found


def migrate_if_behind() -> None:
    """Runs Django's migrate unless every migration file is recorded as applied (a new database has no record)."""
    recorder = MigrationRecorder(connection)
    if recorder.has_table() and _migrations_on_disk() <= set(recorder.applied_migrations()):
        return
    call_command("migrate", verbosity=0, interactive=False)
