"""System view pages."""

from django.urls import path

from leerlus.systemview import views

urlpatterns = [
    path("wat-als/", views.what_if, name="what-if"),
    path("kaart/", views.system_map_page, name="system-map"),
]
