"""Patterns and topics in the admin, for inspection; the analysis writes them."""

from django.contrib import admin

from leerlus.patterns.models import Pattern, Topic


@admin.register(Pattern)
class PatternAdmin(admin.ModelAdmin):
    list_display = ["summary", "kind", "start", "channel", "service", "score", "status"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["summary", "dismiss_reason"]
    readonly_fields = ["series", "signature"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["number", "terms", "size"]
