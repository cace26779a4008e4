from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from pilotage.web.audit.models import AuditEntry
from pilotage.web.audit.views import auditable, visible_entries


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only: the trail is written by the application, never edited. Each reader sees the
    entries of the institutions whose trail they may read, as on the audit page."""

    list_display = ("at", "who", "institution", "action", "object_type", "object_repr")
    list_filter = (("institution", admin.RelatedOnlyFieldListFilter), "action", "object_type")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        try:
            visible = visible_entries(request.user)
        except PermissionDenied:
            return AuditEntry.objects.none()
        return super().get_queryset(request).filter(pk__in=visible.values("pk"))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) and bool(auditable(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_view_permission(request, obj) or not auditable(request.user):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
