"""Admin for the core domain: Dutch labels come from the models' verbose names."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from leerlus.core.models import ApiToken, ChannelAlias, Department, Organisation, Person, Service, Signal
from leerlus.core.tokens import default_expiry, new_key, revoke
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
    """Adding a key shows it once; only its hash is kept. A key is revoked, never edited."""

    list_display = ["name", "person", "created_at", "expires_at", "revoked_at", "last_used_at"]
    fields = ["person", "name", "expires_at"]
    actions = ["revoke"]

    def get_changeform_initial_data(self, request):
        return {"expires_at": default_expiry()}

    def get_readonly_fields(self, request, obj=None):
        return ["person", "name", "expires_at"] if obj else []

    def save_model(self, request, obj, form, change):
        if not change:
            key, obj.key_hash = new_key()
            messages.warning(request, _("Bewaar deze sleutel nu; hij wordt niet nog eens getoond: %(k)s") % {"k": key})
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Gekozen sleutels intrekken"))
    def revoke(self, request, queryset):
        for token in queryset:
            revoke(token.pk)
