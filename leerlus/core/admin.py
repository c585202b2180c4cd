"""Admin for the core domain: Dutch labels come from the models' verbose names."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from leerlus.core.models import ApiToken, ChannelAlias, Department, Organisation, Person, Service, Signal
from leerlus.core.tokens import new_key
from leerlus.presentation.number_input import NUMBER_OVERRIDES


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "it_budget", "playground_share", "alarm_budget"]
    formfield_overrides = NUMBER_OVERRIDES


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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Adding a key shows it once; only its hash is kept."""

    list_display = ["name", "person", "created_at"]
    fields = ["person", "name"]

    def save_model(self, request, obj, form, change):
        if not change:
            key, obj.key_hash = new_key()
            messages.warning(request, _("Bewaar deze sleutel nu; hij wordt niet nog eens getoond: %(k)s") % {"k": key})
        super().save_model(request, obj, form, change)
