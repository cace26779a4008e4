"""Who may see and do what: the one place views, the API, exports and the admin ask.

Roles (per institution, through a `Grant`):

| capability                         | admin | manager | service owner  | commissioner | viewer |
|------------------------------------|-------|---------|----------------|--------------|--------|
| read everything of the institution | yes   | yes     | yes            | yes          | yes    |
| comment / justify a figure, action | yes   | yes     | their services | yes          | no     |
| record action progress, events     | yes   | yes     | their services | no           | no     |
| edit the catalogue (admin)         | yes   | yes     | no             | no           | no     |
| read the audit trail               | yes   | yes     | no             | yes          | no     |
| run the evaluation (steps, draft)  | yes   | yes     | no             | no           | no     |
| write the institution's position   | yes   | yes     | no             | no           | no     |
| write the commissioners' position  | no    | no      | no             | yes          | no     |
| art. 48/51 entries, a decision     | yes   | yes     | no             | yes          | no     |

"Run the evaluation" also covers the art. 50 register and the adaptation requests. A decision
is the supervising minister's on an adaptation request; art. 51 notices are given for one's
own party (`party_of`).

A user sees an institution only when granted it (a superuser is an administrator everywhere).
"Their services" are the codes listed on the service owner's grant: a figure belongs to the
service of its objective (INASTI "VOB"); an action-commitment or continuous mission to its
article's number, its parent article and its strategic domain (INAMI "11", "29", "E3"), so a
service owner of INAMI is granted article or domain codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.exceptions import PermissionDenied

from pilotage.web.accounts.models import Grant, Institution, Role

__all__ = [
    "Account",
    "acting",
    "can_comment",
    "can_decide_adaptation",
    "can_edit_catalogue",
    "can_edit_progress",
    "can_manage_evaluation",
    "can_read_audit",
    "grant_for",
    "institutions_for",
    "party_of",
    "require_grant",
]

User: TypeAlias = AbstractBaseUser | AnonymousUser


def acting(user: User | None) -> Account | None:
    """The account to name as author of a change: None for the command line or an anonymous
    request (which never reaches a change: the views require a login first)."""
    if user is None or not user.is_authenticated:
        return None
    if not isinstance(user, Account):
        raise TypeError(f"unexpected user model {type(user).__name__}; pilotage uses auth.User")
    return user


def grant_for(user: User, institution: Institution | str) -> Grant | None:
    """The user's grant in `institution`, or None when they are not granted it.

    A superuser without a grant is treated as an administrator of every institution.
    """
    if not user.is_authenticated:
        return None
    code = institution.code if isinstance(institution, Institution) else institution
    grant: Grant | None = (
        Grant.objects.filter(user_id=user.pk, institution__code=code)
        .select_related("institution")
        .first()
    )
    if grant is None and getattr(user, "is_superuser", False):
        inst = Institution.objects.filter(code=code).first()
        if inst is not None:
            grant = Grant(user_id=user.pk, institution=inst, role=Role.ADMINISTRATOR)
    return grant


def require_grant(user: User, institution: Institution | str) -> Grant:
    """The user's grant in `institution`; PermissionDenied (HTTP 403) when there is none."""
    grant = grant_for(user, institution)
    if grant is None:
        code = institution.code if isinstance(institution, Institution) else institution
        raise PermissionDenied(f"not granted institution {code}")
    return grant


def institutions_for(user: User) -> list[Institution]:
    if not user.is_authenticated:
        return []
    if getattr(user, "is_superuser", False):
        return list(Institution.objects.all())
    return list(Institution.objects.filter(grants__user_id=user.pk).distinct())


def _owns(grant: Grant, codes: Iterable[str | None]) -> bool:
    owned = {str(c) for c in (grant.services or [])}
    return any(c is not None and c in owned for c in codes)


def can_comment(grant: Grant | None, codes: Iterable[str | None] = ()) -> bool:
    """May comment or justify a figure or action belonging to `codes` (see the table above)."""
    if grant is None:
        return False
    role = Role(grant.role)
    if role in {Role.ADMINISTRATOR, Role.CONTRACT_MANAGER, Role.GOVERNMENT_COMMISSIONER}:
        return True
    return role is Role.SERVICE_OWNER and _owns(grant, codes)


def can_edit_progress(grant: Grant | None, codes: Iterable[str | None] = ()) -> bool:
    """May record an action's completion, evidence or an event for `codes`."""
    if grant is None:
        return False
    role = Role(grant.role)
    if role in {Role.ADMINISTRATOR, Role.CONTRACT_MANAGER}:
        return True
    return role is Role.SERVICE_OWNER and _owns(grant, codes)


def can_edit_catalogue(grant: Grant | None) -> bool:
    return grant is not None and Role(grant.role) in {Role.ADMINISTRATOR, Role.CONTRACT_MANAGER}


def can_read_audit(grant: Grant | None) -> bool:
    return grant is not None and Role(grant.role) in {
        Role.ADMINISTRATOR,
        Role.CONTRACT_MANAGER,
        Role.GOVERNMENT_COMMISSIONER,
    }


def can_manage_evaluation(grant: Grant | None) -> bool:
    """May run the evaluation cycle: its steps, the draft's narrative, the registers, requests."""
    return grant is not None and Role(grant.role) in {Role.ADMINISTRATOR, Role.CONTRACT_MANAGER}


def party_of(grant: Grant | None) -> str | None:
    """Which party of the contract the grant writes for: "institution" (administrator, contract
    manager), "state" (government commissioner: the commissioners' position), or None."""
    if grant is None:
        return None
    role = Role(grant.role)
    if role in {Role.ADMINISTRATOR, Role.CONTRACT_MANAGER}:
        return "institution"
    return "state" if role is Role.GOVERNMENT_COMMISSIONER else None


def can_decide_adaptation(grant: Grant | None) -> bool:
    """May record the supervising minister's decision on an adaptation request."""
    return party_of(grant) is not None
