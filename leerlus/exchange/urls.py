"""The exchange's public addresses under /uitwisseling/."""

from django.urls import path

from leerlus.exchange import views

urlpatterns = [
    path("lessen.json", views.lessons_json, name="exchange-lessons-json"),
    path("lessen.atom", views.LessonsAtom(), name="exchange-lessons-atom"),
    path("lessen/<int:pk>", views.lesson_json, name="exchange-lesson"),
    path("signalen.json", views.signals_json, name="exchange-signals-json"),
]
