from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    name = "pilotage.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pilotage.web.accounts import auditing, lockout

        auditing.connect()
        lockout.connect()
