"""Taken: the jobs list, one job, and cancelling it."""

from django.urls import path

from leerlus.jobs import views

urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("<int:job_id>/", views.job_detail, name="job-detail"),
    path("<int:job_id>/annuleren/", views.job_cancel, name="job-cancel"),
]
