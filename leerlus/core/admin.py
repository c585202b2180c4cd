"""Admin for the core domain: Dutch labels come from the models' verbose names."""

from django.contrib import admin

from leerlus.core.models import ChannelAlias, Department, Organisation, Person, Service, Signal


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "it_budget", "playground_share"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "world", "organisation"]
    list_filter = ["world"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "department", "role", "user"]
    list_filter = ["role", "department"]


@admin.register(ChannelAlias)
class ChannelAliasAdmin(admin.ModelAdmin):
    list_display = ["value", "channel"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "department"]
    search_fields = ["name", "aliases"]


@admin.register(Signal)
class SignalAdmin(admin.ModelAdmin):
    list_display = ["received_at", "channel", "service", "source"]
    list_filter = ["channel"]
    list_select_related = ["service"]
    show_full_result_count = False
    readonly_fields = ["content_hash", "dedupe_key", "batch"]
