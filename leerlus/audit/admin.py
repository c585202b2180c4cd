"""The audit trail in Beheer: readable and searchable, never added to, changed or deleted by hand."""

from django.contrib import admin

from leerlus.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "channel", "source", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "channel"]
    search_fields = ["actor", "summary", "object_type"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
