"""Patterns, incidents, markings, known events and topics in the admin, for inspection; the analysis and the pages
write them."""

from django.contrib import admin

from leerlus.patterns.models import Incident, IncidentMarking, KnownEvent, Pattern, Topic


@admin.register(Pattern)
class PatternAdmin(admin.ModelAdmin):
    list_display = ["summary", "kind", "start", "channel", "service", "score", "status", "incident"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["service__name", "terms", "dismiss_reason"]
    readonly_fields = ["series", "signature"]


class ReadOnly(admin.ModelAdmin):
    """Incidents are marked on their page, which keeps the audit; the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Incident)
class IncidentAdmin(ReadOnly):
    list_display = ["__str__", "start", "score", "status", "expected_reason", "marked_by"]
    list_filter = ["kind", "status", "expected_reason"]


@admin.register(IncidentMarking)
class IncidentMarkingAdmin(ReadOnly):
    list_display = ["incident", "status", "person", "at", "reason"]
    list_filter = ["status"]


@admin.register(KnownEvent)
class KnownEventAdmin(admin.ModelAdmin):
    list_display = ["day", "description", "services", "channels", "days"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["number", "terms", "size"]
