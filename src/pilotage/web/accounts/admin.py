from __future__ import annotations

from django.contrib import admin

from pilotage.web.accounts.models import Grant, Institution


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin[Institution]):
    list_display = ("code", "name")


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin[Grant]):
    list_display = ("user", "institution", "role")
    list_filter = ("institution", "role")
