"""The website feedback widget's public addresses, mounted at /widget/v1/ (no login, no cookies)."""

from django.urls import path

from leerlus.intake import widget_views

urlpatterns = [
    path("leerlus-feedback.js", widget_views.script, name="widget-script"),
    path("feedback", widget_views.feedback, name="widget-feedback"),
]
