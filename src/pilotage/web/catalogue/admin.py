from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pilotage.web.catalogue.models import ContractVersion


@admin.register(ContractVersion)
class ContractVersionAdmin(admin.ModelAdmin):
    """Read-only: versions come from validated contract files (`pilotage web load-seeds`)."""

    list_display = ("contract_id", "institution", "period_start", "period_end", "loaded_at")
    list_filter = ("institution",)
    readonly_fields = (
        "contract_id",
        "institution",
        "title",
        "period_start",
        "period_end",
        "sha256",
        "source",
        "loaded_at",
        "content",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
