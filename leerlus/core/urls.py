"""Signal pages: the filtered list and its JSON twin."""

from django.urls import path

from leerlus.core import views

urlpatterns = [path("", views.signal_list, name="signal-list")]
