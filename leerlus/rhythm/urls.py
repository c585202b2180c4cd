"""Learning rhythm pages and the calendar feed."""

from django.urls import path

from leerlus.rhythm import views

urlpatterns = [
    path("", views.rhythm_home, name="rhythm"),
    path("maandbrief/", views.brief_page, name="brief"),
    path("maandbrief/pdf/<int:job_id>/", views.brief_download, name="brief-download"),
    path("gesprekskit/", views.kit_page, name="citizen-kit"),
    path("sturingscheck/", views.governance_page, name="governance"),
    path("agenda/nieuw-adres/", views.rotate_calendar, name="calendar-rotate"),
    path("agenda/<str:key>.ics", views.calendar_feed, name="calendar-feed"),
]
