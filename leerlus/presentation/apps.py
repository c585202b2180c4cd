"""The presentation layer as a Django app, so that its template filters load in every app's templates."""

from django.apps import AppConfig


class PresentationConfig(AppConfig):
    name = "leerlus.presentation"
    label = "presentation"
