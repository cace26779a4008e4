"""Demonstration accounts: one per role, granted every institution in the catalogue."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from pilotage.web.accounts.models import Grant, Institution, Role

__all__ = ["DemoUser", "create_demo_users"]

# Roles that read the catalogue and the audit trail in the admin (the administrator sees all).
_ADMIN_READERS = {Role.CONTRACT_MANAGER, Role.GOVERNMENT_COMMISSIONER}
_READ_PERMISSIONS = ("catalogue.view_contractversion", "audit.view_auditentry")


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    institutions: tuple[str, ...]


def create_demo_users(institutions: list[str] | None = None) -> list[DemoUser]:
    """Create or reset `demo-<role>` for every role, with a fresh random password."""
    codes = institutions or [i.code for i in Institution.objects.all()]
    users = []
    model = get_user_model()
    with transaction.atomic():
        insts = [Institution.objects.get_or_create(code=code)[0] for code in codes]
        for value in Role.values:
            role = Role(value)
            username = f"demo-{role.value.replace('_', '-')}"
            password = secrets.token_urlsafe(9)
            user, _ = model.objects.get_or_create(username=username)
            user.first_name = "Demonstration"
            user.last_name = str(role.label)
            user.is_staff = role is Role.ADMINISTRATOR or role in _ADMIN_READERS
            user.is_superuser = role is Role.ADMINISTRATOR
            user.set_password(password)
            user.save()
            if role in _ADMIN_READERS:
                for name in _READ_PERMISSIONS:
                    app, codename = name.split(".")
                    user.user_permissions.add(
                        Permission.objects.get(content_type__app_label=app, codename=codename)
                    )
            for inst in insts:
                Grant.objects.update_or_create(
                    user=user, institution=inst, defaults={"role": role.value}
                )
            users.append(DemoUser(username, password, role, tuple(codes)))
    return users
