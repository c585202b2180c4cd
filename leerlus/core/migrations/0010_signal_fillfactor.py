"""On PostgreSQL, signal pages keep room for a new version of their rows, so relabelling stays on the page."""

from django.db import migrations

FILLFACTOR = 50  # see docs/benchmarks.md, "A full analysis on PostgreSQL with one and with two workers"


def set_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE core_signal SET (fillfactor = {FILLFACTOR})")


def reset_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE core_signal RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [("core", "0009_exchange_identity")]

    operations = [migrations.RunPython(set_fillfactor, reset_fillfactor)]
