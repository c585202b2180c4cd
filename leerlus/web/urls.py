"""The start page."""

from django.urls import path

from leerlus.web import views

urlpatterns = [path("", views.start, name="start")]
