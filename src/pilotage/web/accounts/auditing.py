"""Every change of users, grants, roles and institutions is in the audit trail, whichever way
it is made: the service functions of `rights` (command line, demonstration), the Django admin,
a shell.

The entries are written by model signals, so no path can forget them; who made the change is
the user of the web request being served (`ActingUserMiddleware`), or the one named by
`acting_as()`, or nobody (the command line). A user's entry goes to each institution the user
is granted after the change (before it, for a deletion), so each institution's auditors see
what happened to their people; a user granted nothing is an installation-wide entry, read by
superusers only. A password is never written, only that it was set or changed; a login's
`last_login` stamp is not a change.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.models import User as Account
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpRequest, HttpResponse

from pilotage.web.accounts.models import Grant, Institution

__all__ = [
    "ActingUserMiddleware",
    "acting_as",
    "connect",
    "grant_state",
    "in_institution",
    "user_state",
]

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "pilotage_audit_request", default=None
)
_actor: contextvars.ContextVar[Account | None] = contextvars.ContextVar(
    "pilotage_audit_actor", default=None
)
_institution: contextvars.ContextVar[Institution | None] = contextvars.ContextVar(
    "pilotage_audit_institution", default=None
)
_BEFORE = "_pilotage_audit_before"


class ActingUserMiddleware:
    """Names the request's user as the author of the changes made while serving it (read only
    when a change is audited: a page that changes nothing costs nothing)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Attribute the changes made inside to `user` (None: the command line)."""
    from pilotage.web.accounts.access import acting

    token = _actor.set(acting(user))
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def in_institution(institution: Institution | None) -> Iterator[None]:
    """File the entries of a user granted nothing yet under `institution` (a user created to be
    granted it)."""
    token = _institution.set(institution)
    try:
        yield
    finally:
        _institution.reset(token)


def _who() -> Account | None:
    actor = _actor.get()
    if actor is not None:
        return actor
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    if isinstance(user, Account) and user.is_authenticated:
        return user
    return None


def user_state(user: Account) -> dict[str, Any]:
    """What the trail keeps of an account: never the password, only whether one is set."""
    state: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "active": user.is_active,
        "staff": user.is_staff,
        "superuser": user.is_superuser,
        "password_set": user.has_usable_password(),
    }
    if user.pk is not None:
        state["permissions"] = sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in user.user_permissions.select_related("content_type")
        )
        state["groups"] = sorted(g.name for g in user.groups.all())
    return state


def grant_state(grant: Grant) -> dict[str, Any]:
    return {
        "user": grant.user.get_username(),
        "institution": grant.institution.code,
        "role": grant.role,
        "services": list(grant.services or []),
    }


def _group_state(group: Group) -> dict[str, Any]:
    state: dict[str, Any] = {"name": group.name}
    if group.pk is not None:
        state["permissions"] = sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        )
    return state


def _institution_state(inst: Institution) -> dict[str, Any]:
    return {"code": inst.code, "name": inst.name}


def _write(action: str, obj: Model, before: Any, after: Any, where: list[Institution]) -> None:
    from pilotage.web.audit.record import record

    places: list[Institution | None] = [*where] or [None]
    for institution in places:
        record(
            action,
            obj,
            who=_who(),
            before=before,
            after=after,
            institution=institution,
        )


def _user_institutions(user: Account) -> list[Institution]:
    found = list(Institution.objects.filter(grants__user_id=user.pk).distinct())
    scope = _institution.get()
    if not found and scope is not None:
        found = [scope]
    return found


def _group_institutions(group: Group) -> list[Institution]:
    return list(Institution.objects.filter(grants__user__groups=group).distinct())


# --- receivers -----------------------------------------------------------------------------------


def _before_save(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if instance.pk is None or kwargs.get("raw"):
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    if old is not None:
        setattr(instance, _BEFORE, old)


def _taken(instance: Model) -> Any:
    """The state `_before_save` kept of `instance`, taken off it (None for a new object)."""
    return instance.__dict__.pop(_BEFORE, None)


def _user_saved(sender: type[Model], instance: Account, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    old: Account | None = _taken(instance)
    where = _user_institutions(instance)
    after = user_state(instance)
    if created or old is None:
        _write("user.create", instance, None, after, where)
        return
    before = user_state(old)
    before["permissions"], before["groups"] = after["permissions"], after["groups"]
    if old.password != instance.password and instance.has_usable_password():
        _write("user.password", instance, None, {"password_set": True}, where)
        before["password_set"] = True
    if before != after:
        _write("user.change", instance, before, after, where)


def _user_deleting(sender: type[Model], instance: Account, **kwargs: Any) -> None:
    setattr(instance, _BEFORE, (user_state(instance), _user_institutions(instance)))


def _user_deleted(sender: type[Model], instance: Account, **kwargs: Any) -> None:
    before, where = getattr(instance, _BEFORE, (None, []))
    _write("user.delete", instance, before, None, where)


def _grant_saved(sender: type[Model], instance: Grant, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    old: Grant | None = _taken(instance)
    after = grant_state(instance)
    if created or old is None:
        _write("grant.create", instance, None, after, [instance.institution])
        return
    before = grant_state(old)
    if before != after:
        where = [instance.institution]
        if old.institution_id != instance.institution_id:
            where.insert(0, old.institution)
        _write("grant.change", instance, before, after, where)


def _grant_deleted(sender: type[Model], instance: Grant, **kwargs: Any) -> None:
    _write("grant.revoke", instance, grant_state(instance), None, [instance.institution])


def _group_saved(sender: type[Model], instance: Group, created: bool, **kwargs: Any) -> None:
    old: Group | None = _taken(instance)
    after = _group_state(instance)
    if created or old is None:
        _write("group.create", instance, None, after, [])
    elif old.name != instance.name:
        _write("group.change", instance, {**after, "name": old.name}, after, [])


def _group_deleting(sender: type[Model], instance: Group, **kwargs: Any) -> None:
    setattr(instance, _BEFORE, (_group_state(instance), _group_institutions(instance)))


def _group_deleted(sender: type[Model], instance: Group, **kwargs: Any) -> None:
    before, where = getattr(instance, _BEFORE, (None, []))
    _write("group.delete", instance, before, None, where)


def _institution_saved(
    sender: type[Model], instance: Institution, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    old: Institution | None = _taken(instance)
    after = _institution_state(instance)
    if created or old is None:
        _write("institution.create", instance, None, after, [instance])
    elif _institution_state(old) != after:
        _write("institution.change", instance, _institution_state(old), after, [instance])


def _members_changed(action: str, instance: Model, reverse: bool, pk_set: Any) -> list[Model]:
    """The objects whose access changed: the user (or group), or, from the other side, the
    users (groups) added to or removed from a group (permission)."""
    if not reverse:
        return [instance]
    if isinstance(instance, Group):
        return list(Account.objects.filter(pk__in=pk_set or ()))
    if isinstance(instance, Permission):
        model = Account if action.startswith("user") else Group
        return list(model._default_manager.filter(pk__in=pk_set or ()))
    return []


def _access_changed(kind: str) -> Callable[..., None]:
    """A receiver of `m2m_changed` on a user's permissions or groups, or a group's permissions:
    one `user.change` (`group.change`) entry with the lists before and after."""

    def receiver(instance: Model, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
        if action.startswith("pre_"):
            if reverse and action == "pre_clear":
                pk_set = _clear_targets(instance, kind)
            for obj in _members_changed(kind, instance, reverse, pk_set):
                states = getattr(instance, _BEFORE + "_m2m", {})
                states[obj.pk] = _state_of(obj)
                setattr(instance, _BEFORE + "_m2m", states)
            if reverse and action == "pre_clear":
                setattr(instance, _BEFORE + "_cleared", pk_set)
            return
        if reverse and action == "post_clear":
            pk_set = getattr(instance, _BEFORE + "_cleared", ())
        states = getattr(instance, _BEFORE + "_m2m", {})
        for obj in _members_changed(kind, instance, reverse, pk_set):
            before = states.pop(obj.pk, None)
            after = _state_of(obj)
            if before is not None and before != after:
                if isinstance(obj, Account):
                    _write("user.change", obj, before, after, _user_institutions(obj))
                elif isinstance(obj, Group):
                    _write("group.change", obj, before, after, _group_institutions(obj))

    return receiver


def _clear_targets(instance: Model, kind: str) -> set[Any]:
    if isinstance(instance, Group):
        return set(instance.user_set.values_list("pk", flat=True))
    if isinstance(instance, Permission):
        related = instance.user_set if kind.startswith("user") else instance.group_set
        return set(related.values_list("pk", flat=True))
    return set()


def _state_of(obj: Model) -> dict[str, Any]:
    if isinstance(obj, Account):
        return user_state(obj)
    if isinstance(obj, Group):
        return _group_state(obj)
    return {}


def connect() -> None:
    """Connect the receivers (once, from the accounts app's `ready()`)."""
    for model in (Account, Grant, Group, Institution):
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"audit-before-{model}")
    post_save.connect(_user_saved, sender=Account, dispatch_uid="audit-user")
    pre_delete.connect(_user_deleting, sender=Account, dispatch_uid="audit-user-deleting")
    post_delete.connect(_user_deleted, sender=Account, dispatch_uid="audit-user-deleted")
    post_save.connect(_grant_saved, sender=Grant, dispatch_uid="audit-grant")
    post_delete.connect(_grant_deleted, sender=Grant, dispatch_uid="audit-grant-deleted")
    post_save.connect(_group_saved, sender=Group, dispatch_uid="audit-group")
    pre_delete.connect(_group_deleting, sender=Group, dispatch_uid="audit-group-deleting")
    post_delete.connect(_group_deleted, sender=Group, dispatch_uid="audit-group-deleted")
    post_save.connect(_institution_saved, sender=Institution, dispatch_uid="audit-institution")
    for through, kind in (
        (Account.user_permissions.through, "user.permissions"),
        (Account.groups.through, "user.groups"),
        (Group.permissions.through, "group.permissions"),
    ):
        m2m_changed.connect(
            _access_changed(kind), sender=through, weak=False, dispatch_uid=f"audit-{kind}"
        )
