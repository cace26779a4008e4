"""What every page's header needs to know about the reader."""

from __future__ import annotations

from django.http import HttpRequest

from pilotage.web.accounts.access import can_read_audit
from pilotage.web.accounts.models import Grant

__all__ = ["navigation"]


def navigation(request: HttpRequest) -> dict[str, bool]:
    """`reads_audit`: whether the header links to the audit trail (one query when logged in)."""
    user = request.user
    if not user.is_authenticated:
        return {"reads_audit": False}
    if getattr(user, "is_superuser", False):
        return {"reads_audit": True}
    grants = Grant.objects.filter(user_id=user.pk).only("role")
    return {"reads_audit": any(can_read_audit(g) for g in grants)}
