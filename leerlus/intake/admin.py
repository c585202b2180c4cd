"""Admin for import runs (read-only, a record of what came in; new ones come from the wizard) and saved sources."""

from django.contrib import admin

from leerlus.intake.models import ImportBatch, Source


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "file_format", "started_at", "read", "imported", "duplicates", "rejected"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False  # an import run is made by importing: the change list links to the wizard


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "created_by", "created_at", "last_used_at"]
    readonly_fields = ["kind", "mapping", "created_by", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # a source is saved at the end of the import wizard
