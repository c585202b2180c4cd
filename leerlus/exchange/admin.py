"""Subscriptions in Beheer: add a feed's address; pulled lessons can be read, not edited."""

from django.contrib import admin
from django.db import models

from leerlus.exchange.models import ForeignIncident, ForeignLesson, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["url", "municipality", "pulled_at", "error"]
    readonly_fields = ["municipality", "pulled_at", "error", "signals_error"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # an address typed without its scheme


@admin.register(ForeignLesson)
class ForeignLessonAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "outcome", "updated"]
    list_filter = ["outcome", "municipality"]
    search_fields = ["title", "learned"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ForeignIncident)
class ForeignIncidentAdmin(admin.ModelAdmin):
    list_display = ["municipality", "kind", "start", "last_day", "size"]
    list_filter = ["municipality", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
