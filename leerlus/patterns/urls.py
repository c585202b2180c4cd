"""Pattern pages (/patronen/) and incident pages (/incidenten/)."""

from django.urls import path

from leerlus.patterns import views

urlpatterns = [
    path("", views.pattern_overview, name="pattern-list"),
    path("<int:pk>/", views.pattern_detail, name="pattern-detail"),
]

incident_urlpatterns = [
    path("", views.incident_overview, name="incident-list"),
    path("<int:pk>/", views.incident_detail, name="incident-detail"),
    path("bekende-gebeurtenissen/", views.known_events, name="known-events"),
]
