"""The one helper that writes the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models

from pilotage.web.accounts.access import User, acting
from pilotage.web.accounts.models import Institution
from pilotage.web.audit.models import AuditEntry

__all__ = ["record"]


def record(
    action: str,
    obj: models.Model,
    *,
    who: User | None = None,
    before: Any = None,
    after: Any = None,
    institution: Institution | None = None,
) -> AuditEntry:
    """Write one audit entry for `action` on `obj`, with its state before and after.

    The entry belongs to `institution`, by default the object's own `institution` (contract
    versions, comments, action progress all have one), so each institution reads its own trail.
    """
    if institution is None:
        owner = getattr(obj, "institution", None)
        institution = owner if isinstance(owner, Institution) else None
    entry: AuditEntry = AuditEntry.objects.create(
        who=acting(who),
        institution=institution,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before,
        after=after,
    )
    return entry
