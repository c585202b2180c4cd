"""IT systems and drawn links in the admin: the editable part of the system map."""

from django.contrib import admin

from leerlus.systemview.models import DrawnLink, ItSystem


@admin.register(ItSystem)
class ItSystemAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]


@admin.register(DrawnLink)
class DrawnLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "note"]
    list_filter = ["source_kind", "target_kind"]
