"""Signal pages."""

from django.urls import path

urlpatterns = []
