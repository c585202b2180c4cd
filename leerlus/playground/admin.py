"""Problems in the admin."""

from django.contrib import admin

from leerlus.playground.models import Problem


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at"]
    search_fields = ["title", "description"]
