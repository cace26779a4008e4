"""Demonstration accounts: one per role, granted every institution in the catalogue.

Made through `rights`, as any account is, so their creation and grants are in the audit trail.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from pilotage.web.accounts import rights
from pilotage.web.accounts.models import Institution, Role

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


def create_demo_users(
    institutions: list[str] | None = None, services: Mapping[str, Sequence[str]] | None = None
) -> list[DemoUser]:
    """Create or reset `demo-<role>` for every role, with a fresh random password; the service
    owner answers for `services[institution code]` in each institution."""
    codes = institutions or [i.code for i in Institution.objects.all()]
    users = []
    model = get_user_model()
    with transaction.atomic():
        insts = [Institution.objects.get_or_create(code=code)[0] for code in codes]
        for value in Role.values:
            role = Role(value)
            username = f"demo-{role.value.replace('_', '-')}"
            password = secrets.token_urlsafe(9)
            user = model.objects.filter(username=username).first()
            if user is None:
                user = rights.create_user(username, institution=insts[0] if insts else None)
            user.first_name = "Demonstration"
            user.last_name = str(role.label)
            user.is_staff = role is Role.ADMINISTRATOR or role in _ADMIN_READERS
            user.is_superuser = role is Role.ADMINISTRATOR
            user.set_password(password)  # random, so the password rules are not asked
            user.save()
            if role in _ADMIN_READERS:
                for name in _READ_PERMISSIONS:
                    app, codename = name.split(".")
                    user.user_permissions.add(
                        Permission.objects.get(content_type__app_label=app, codename=codename)
                    )
            for inst in insts:
                owned = (services or {}).get(inst.code, ()) if role is Role.SERVICE_OWNER else ()
                rights.grant(user, inst, role.value, owned)
            users.append(DemoUser(username, password, role, tuple(codes)))
    return users
