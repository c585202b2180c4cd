"""Import pages under /signalen/importeren/."""

from django.urls import path

from leerlus.intake import rejected_views

urlpatterns = [
    path("<int:batch_id>/afgewezen.csv", rejected_views.rejected_lines, name="import-rejected-lines"),
]
