from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pilotage.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only: the trail is written by the application, never edited."""

    list_display = ("at", "who", "institution", "action", "object_type", "object_repr")
    list_filter = ("institution", "action", "object_type")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
