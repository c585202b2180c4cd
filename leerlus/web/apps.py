"""Shared base templates, navigation and the start page."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "leerlus.web"
    label = "web"
