"""Admin for import runs (read-only, a record of what came in; new ones come from the wizard) and sources.

A source to sync (Signalen, Open Klant, KISS, a mailbox) is added here or with `leerlus source add`; a file
source is saved at the end of the import wizard. The secret stays in the token file: only its path is here.
The websites that may use the feedback widget are listed here too, with the code to embed and a privacy statement.
"""

from pathlib import Path

from django import forms
from django.contrib import admin
from django.urls import reverse

from leerlus.errors import InputError
from leerlus.intake.models import ImportBatch, Source, WidgetSite
from leerlus.intake.syncing import check_connection
from leerlus.intake.widget import embed_code, origin_of, privacy_statement


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "file_format", "started_at", "read", "imported", "duplicates", "rejected"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False  # an import run is made by importing: the change list links to the wizard


class SourceForm(forms.ModelForm):
    """A source to sync is checked as `leerlus source add` checks it; a file source keeps its wizard mapping."""

    class Meta:
        model = Source
        fields = ["name", "kind", "url", "token_file", "every"]

    def clean(self):
        data = super().clean()
        if data.get("kind") and data["kind"] != Source.Kind.FILE:
            token_file = Path(data["token_file"]) if data.get("token_file") else None
            try:
                check_connection(data["kind"], data.get("name") or "", data.get("url") or "", token_file)
            except InputError as error:
                raise forms.ValidationError(str(error)) from None
        return data


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = ["name", "kind", "every", "last_sync_at", "failures", "last_error", "last_used_at"]
    fields = ["name", "kind", "url", "token_file", "every", "mapping", "cursor", "last_sync_at", "failures"]
    fields += ["last_error", "created_by", "created_at", "last_used_at"]
    readonly_fields = ["mapping", "cursor", "last_sync_at", "failures", "last_error", "created_by", "created_at"]
    readonly_fields += ["last_used_at"]

    def changelist_view(self, request, extra_context=None):
        demo = Source.objects.filter(name__startswith="Demo — ").exists()  # the names demo/sources.py gives
        return super().changelist_view(request, {**(extra_context or {}), "demo_sources": demo})


@admin.register(WidgetSite)
class WidgetSiteAdmin(admin.ModelAdmin):
    """The widget's allow-list; its page shows the code to embed and a privacy statement to put beside it."""

    list_display = ["origin", "added_at"]
    fields = ["origin"]

    def changelist_view(self, request, extra_context=None):
        script = request.build_absolute_uri(reverse("widget-script"))
        extra_context = {**(extra_context or {}), "embed": embed_code(script), "privacy": privacy_statement()}
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        obj.origin = origin_of(obj.origin) or obj.origin
        super().save_model(request, obj, form, change)
