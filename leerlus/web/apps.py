"""Shared base templates, navigation, the start page and the chart assets."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "leerlus.web"
    label = "web"
