"""Login lockout: after repeated wrong passwords the account is locked out for a while.

django-axes counts the failures (per user name and client address) and refuses the login with
the lockout page, even with the right password, until the cool-off time has passed or an
administrator unlocks it (`unlock`, `pilotage web unlock USERNAME`, or the admin's "access
attempts"). Every failure and every lockout is logged (logger `pilotage.web.login`); a lockout
and an unlock are also in the audit trail, under each institution the account is granted.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import User as Account
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest

from pilotage.web.accounts.models import Institution

__all__ = ["connect", "unlock"]

log = logging.getLogger("pilotage.web.login")


def _client(request: HttpRequest | None) -> str:
    if request is None:
        return "unknown"
    from axes.helpers import get_client_ip_address  # type: ignore[import-untyped]

    return str(get_client_ip_address(request) or "unknown")


def _audit(action: str, username: str, after: dict[str, Any], who: Any = None) -> None:
    from pilotage.web.audit.models import AuditEntry

    user = Account.objects.filter(username=username).first()
    where: list[Institution | None] = (
        list(Institution.objects.filter(grants__user=user).distinct()) if user else []
    )
    for institution in where or [None]:
        AuditEntry.objects.create(
            who=who,
            institution=institution,
            action=action,
            object_type=Account._meta.label,
            object_id=str(user.pk) if user else "",
            object_repr=username[:200],
            after=after,
        )


def _failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
            **kwargs: Any) -> None:  # fmt: skip
    log.warning("login failed for %r from %s", credentials.get("username", ""), _client(request))


def _locked_out(
    sender: Any, request: HttpRequest | None, username: str, ip_address: str, **kwargs: Any
) -> None:
    log.warning("login locked out for %r from %s", username, ip_address)
    _audit("login.lockout", username or "", {"client": ip_address})


def unlock(username: str, *, who: Any = None) -> int:
    """Lift the lockout of `username` (every client address); returns the attempts cleared."""
    from axes.utils import reset  # type: ignore[import-untyped]

    from pilotage.web.accounts.access import acting

    with transaction.atomic():
        cleared = int(reset(username=username))
        if cleared:
            _audit("login.unlock", username, {"attempts_cleared": cleared}, who=acting(who))
    log.info("login unlocked for %r: %s attempt record(s) cleared", username, cleared)
    return cleared


def connect() -> None:
    from axes.signals import user_locked_out  # type: ignore[import-untyped]

    user_login_failed.connect(_failed, dispatch_uid="pilotage-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="pilotage-login-locked-out")
