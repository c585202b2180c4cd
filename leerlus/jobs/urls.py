"""Taken: the jobs list and one job."""

from django.urls import path

from leerlus.jobs import views

urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("<int:job_id>/", views.job_detail, name="job-detail"),
]
