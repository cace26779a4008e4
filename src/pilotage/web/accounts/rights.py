"""The jobs on accounts and rights, one function each, for every front-end: `pilotage web grant`
and `users`, the Django admin, the demonstration accounts.

Each function checks what it is given (a WebJobError says what is wrong and what to do), makes
its change in one transaction, and leaves the audit trail to the model signals of `auditing`,
which see every change whichever way it is made; `who` names the author (None: the command
line).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User as Account
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from pilotage.errors import WebJobError
from pilotage.web.accounts.auditing import acting_as, grant_state, in_institution
from pilotage.web.accounts.models import Grant, Institution, Role

__all__ = [
    "ROLES",
    "AccessResult",
    "GrantResult",
    "account",
    "check_grant",
    "create_user",
    "grant",
    "grant_access",
    "grant_line",
    "institution",
    "revoke",
    "set_password",
    "user_listing",
]

ROLES: tuple[str, ...] = tuple(str(v) for v in Role.values)


def institution(code: str) -> Institution:
    found = Institution.objects.filter(code=code).first()
    if found is None:
        known = ", ".join(Institution.objects.values_list("code", flat=True)) or "none yet"
        raise WebJobError(
            f"no institution {code!r} in the web database (known: {known}); an institution "
            "comes with its contract: pilotage web load-contract FILE"
        )
    return found


def account(username: str) -> Account:
    found = Account.objects.filter(username=username).first()
    if found is None:
        raise WebJobError(f"no user {username!r} (pilotage web users lists them)")
    return found


def _checked_password(user: Account, password: str) -> str:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise WebJobError("password refused: " + " ".join(exc.messages)) from None
    return password


def create_user(
    username: str,
    *,
    password: str | None = None,
    institution: Institution | None = None,
    who: Any = None,
) -> Account:
    """A new account, with `password` (checked by the password rules) or none usable yet; its
    creation is filed under `institution`, the one it is created to be granted."""
    user = Account(username=username)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise WebJobError(f"user name {username!r}: " + " ".join(exc.messages)) from None
    if password is not None:
        user.set_password(_checked_password(user, password))
    else:
        user.set_unusable_password()
    with transaction.atomic(), acting_as(who), in_institution(institution):
        user.save()
    return user


def set_password(user: Account, password: str, *, who: Any = None) -> None:
    user.set_password(_checked_password(user, password))
    with transaction.atomic(), acting_as(who):
        user.save(update_fields=["password"])


def check_grant(role: str | None, services: Sequence[str]) -> str:
    """The role, when it and the services fit together; WebJobError otherwise."""
    if role is None:
        raise WebJobError(f"name the ROLE to grant: one of {', '.join(ROLES)}")
    if role not in ROLES:
        raise WebJobError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if services and role != Role.SERVICE_OWNER.value:
        raise WebJobError("--service is for a service_owner's grant only")
    return role


@dataclass(frozen=True)
class GrantResult:
    grant: Grant
    state: str  # granted, changed, unchanged


def grant(
    user: Account,
    where: Institution,
    role: str | None,
    services: Iterable[str] = (),
    *,
    who: Any = None,
) -> GrantResult:
    """Give `user` `role` in `where` (with the services a service owner answers for), or
    replace the role and services of their grant there: one grant per user and institution."""
    codes = [str(s) for s in services]
    checked = check_grant(role, codes)
    with transaction.atomic(), acting_as(who):
        found = Grant.objects.select_for_update().filter(user=user, institution=where).first()
        if found is None:
            made = Grant.objects.create(user=user, institution=where, role=checked, services=codes)
            return GrantResult(made, "granted")
        before = grant_state(found)
        found.role, found.services = checked, codes
        if grant_state(found) == before:
            return GrantResult(found, "unchanged")
        found.save(update_fields=["role", "services"])
        return GrantResult(found, "changed")


def revoke(user: Account, where: Institution, *, who: Any = None) -> dict[str, Any]:
    """Remove `user`'s grant in `where`; returns what it was."""
    with transaction.atomic(), acting_as(who):
        found = Grant.objects.filter(user=user, institution=where).first()
        if found is None:
            raise WebJobError(
                f"{user.get_username()} holds no grant in {where.code}: nothing to revoke"
            )
        before = grant_state(found)
        found.delete()
    return before


def grant_line(g: Grant) -> str:
    services = list(g.services or [])
    owned = f" (services {', '.join(services)})" if services else ""
    return f"{g.role}{owned} @ {g.institution.code}"


def user_listing(where: Institution | None = None) -> list[dict[str, Any]]:
    """Every user (granted `where`, when named) with their grants, by user name."""
    users = Account.objects.order_by("username").prefetch_related("grants__institution")
    if where is not None:
        users = users.filter(grants__institution=where).distinct()
    listed = []
    for user in users:
        grants = sorted(user.grants.all(), key=lambda g: str(g.institution.code))
        listed.append(
            {
                "username": user.username,
                "active": user.is_active,
                "superuser": user.is_superuser,
                "password_set": user.has_usable_password(),
                "grants": [
                    {"institution": g.institution.code, "role": g.role, "services": g.services}
                    for g in grants
                ],
                "lines": [grant_line(g) for g in grants],
            }
        )
    return listed


@dataclass(frozen=True)
class AccessResult:
    """What `grant_access` did: the account (created or not), whether its password was set,
    and the grant (None when `revoked` says which grant was removed)."""

    user: Account
    created: bool
    password_set: bool
    granted: GrantResult | None = None
    revoked: dict[str, Any] | None = None


def grant_access(
    username: str,
    institution_code: str,
    role: str | None,
    services: Sequence[str] = (),
    *,
    create: bool = False,
    password: str | Callable[[], str] | None = None,
    revoke_it: bool = False,
    who: Any = None,
) -> AccessResult:
    """The whole job of `pilotage web grant`, in one transaction: find `username` (or create it
    when `create`), set its `password` when given, then grant `role` with `services` in the
    institution, or remove its grant there when `revoke_it`. Nothing is changed when any part
    is refused. `password` may be a function asking for it: it is called only once everything
    else is known to be right (the user exists or will be created)."""
    if revoke_it and (role or services):
        raise WebJobError("--revoke takes USERNAME and INSTITUTION only, no ROLE nor --service")
    if not revoke_it:
        check_grant(role, services)
    where = institution(institution_code)
    with transaction.atomic():
        user = Account.objects.filter(username=username).first()
        created = user is None
        if user is None:
            if not create or revoke_it:
                raise WebJobError(
                    f"no user {username!r}; add --create-user to create it "
                    "(pilotage web users lists the existing ones)"
                )
            given = password() if callable(password) else password
            user = create_user(username, password=given, institution=where, who=who)
        elif password is not None:
            set_password(user, password() if callable(password) else password, who=who)
        if revoke_it:
            before = revoke(user, where, who=who)
            return AccessResult(user, created, password is not None, revoked=before)
        done = grant(user, where, role, services, who=who)
    return AccessResult(user, created, password is not None, granted=done)
