"""Pattern pages."""

from django.urls import path

from leerlus.patterns import views

urlpatterns = [
    path("", views.pattern_overview, name="pattern-list"),
    path("<int:pk>/", views.pattern_detail, name="pattern-detail"),
]
