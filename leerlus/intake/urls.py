"""Import pages under /signalen/importeren/: the wizard, its progress page, the rejected lines of a run."""

from django.urls import path, re_path

from leerlus.intake import rejected_views, views

app_name = "intake"
urlpatterns = [
    path("", views.wizard, name="wizard"),
    re_path(r"^(?P<token>[0-9a-f]{32})/kolommen/$", views.columns, name="columns"),
    re_path(r"^(?P<token>[0-9a-f]{32})/kanalen/$", views.channels, name="channels"),
    re_path(r"^(?P<token>[0-9a-f]{32})/starten/$", views.start, name="start"),
    re_path(r"^(?P<token>[0-9a-f]{32})/annuleren/$", views.cancel, name="cancel"),
    re_path(r"^voortgang/(?P<ids>\d+(?:-\d+){0,49})/$", views.progress, name="progress"),
    path("<int:batch_id>/afgewezen.csv", rejected_views.rejected_lines, name="import-rejected-lines"),
]
