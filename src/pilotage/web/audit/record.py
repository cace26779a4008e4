"""The one helper that writes the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from pilotage.web.audit.models import AuditEntry

__all__ = ["record"]


def record(
    action: str,
    obj: models.Model,
    *,
    who: AbstractBaseUser | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Write one audit entry for `action` on `obj`, with its state before and after."""
    entry: AuditEntry = AuditEntry.objects.create(
        who=who if who is not None and who.is_authenticated else None,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before,
        after=after,
    )
    return entry
