from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    name = "pilotage.web.home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"
