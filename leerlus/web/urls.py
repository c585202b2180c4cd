"""The start page and Inrichten, the beheerder's first run."""

from django.urls import path

from leerlus.web import first_run, views

urlpatterns = [
    path("", views.start, name="start"),
    path("inrichten/", first_run.setup_start, name="setup"),
    path("inrichten/<slug:slug>/", first_run.setup_step, name="setup-step"),
]
