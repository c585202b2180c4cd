"""Admin for import runs: read-only, a record of what came in."""

from django.contrib import admin

from leerlus.intake.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "file_format", "started_at", "read", "imported", "duplicates", "rejected"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]
