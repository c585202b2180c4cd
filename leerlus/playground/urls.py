"""Playground pages."""

from django.urls import path

from leerlus.playground import views

urlpatterns = [
    path("", views.playground_home, name="playground"),
    path("vraagstukken/<int:pk>/", views.problem_detail, name="problem-detail"),
    path("patronen/<int:pk>/vraagstuk/", views.pattern_problem, name="pattern-problem"),
    path("experimenten/nieuw/", views.experiment_new, name="experiment-new"),
    path("experimenten/<int:pk>/", views.experiment_detail, name="experiment-detail"),
    path("lessen/", views.lesson_library, name="lesson-library"),
    path("kaders/", views.frameworks_page, name="frameworks"),
    path("startplan/", views.start_plan_page, name="start-plan"),
]
