"""Institutions, grants and users in the admin, each person limited to their institutions.

A superuser sees and changes everything. Another staff user sees only the institutions they
are granted, and the grants and users of those where they are an administrator, and may not
make anyone a superuser or change permissions. A grant is given, changed and removed through
`rights` (as `pilotage web grant` does); every change, whichever form makes it, is audited by
`auditing`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from pilotage.errors import WebJobError
from pilotage.web.accounts import rights
from pilotage.web.accounts.models import Grant, Institution, Role


def _superuser(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


def granted(request: HttpRequest) -> QuerySet[Institution]:
    """The institutions the request's user is granted (every one for a superuser)."""
    if _superuser(request):
        return Institution.objects.all()
    return Institution.objects.filter(grants__user_id=request.user.pk or 0).distinct()


def administered(request: HttpRequest) -> QuerySet[Institution]:
    """The institutions whose grants and users the request's user manages."""
    if _superuser(request):
        return Institution.objects.all()
    return Institution.objects.filter(
        grants__user_id=request.user.pk or 0, grants__role=Role.ADMINISTRATOR.value
    ).distinct()


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin[Institution]):
    list_display = ("code", "name")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Institution]:
        return super().get_queryset(request).filter(pk__in=granted(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # contracts, figures and the audit trail belong to it


class GrantForm(forms.ModelForm[Grant]):
    class Meta:
        model = Grant
        fields = ("user", "institution", "role", "services")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        try:
            rights.check_grant(data.get("role"), list(data.get("services") or []))
        except WebJobError as exc:
            raise ValidationError(str(exc).replace("--service", "services")) from None
        return data


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin[Grant]):
    form = GrantForm
    list_display = ("user", "institution", "role")
    list_filter = (("institution", admin.RelatedOnlyFieldListFilter), "role")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Grant]:
        found = super().get_queryset(request).select_related("user", "institution")
        return found.filter(institution__in=administered(request))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("user", "institution") if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "institution":
            kwargs["queryset"] = administered(request)
        if db_field.name == "user" and not _superuser(request):
            kwargs["queryset"] = User.objects.filter(is_superuser=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Grant, form: Any, change: bool) -> None:
        done = rights.grant(obj.user, obj.institution, obj.role, obj.services, who=request.user)
        obj.pk, obj._state.adding = done.grant.pk, False

    def delete_model(self, request: HttpRequest, obj: Grant) -> None:
        rights.revoke(obj.user, obj.institution, who=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Grant]) -> None:
        for grant in queryset.select_related("user", "institution"):
            rights.revoke(grant.user, grant.institution, who=request.user)


admin.site.unregister(User)


@admin.register(User)
class ScopedUserAdmin(UserAdmin[User]):
    """Django's user admin, limited to the users of the institutions one administers; only a
    superuser grants superuser status, staff status, permissions and groups."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        found: QuerySet[User] = super().get_queryset(request)
        if _superuser(request):
            return found
        return found.filter(
            grants__institution__in=administered(request), is_superuser=False
        ).distinct()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fixed = tuple(super().get_readonly_fields(request, obj))
        if _superuser(request):
            return fixed
        return (*fixed, "is_superuser", "is_staff", "user_permissions", "groups", "last_login")
