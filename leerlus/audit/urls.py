"""The audit page."""

from django.urls import path

from leerlus.audit import views

urlpatterns = [path("", views.audit_log, name="audit-log")]
