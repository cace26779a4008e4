"""Comment threads: the one place pages, the template tag and the API post, edit and withdraw.

A thread is the comments on one target (a figure, an action-commitment or a continuous mission)
for one period and one unit. Who may write follows `pilotage.web.accounts.access.can_comment` over
the target's codes:

- a figure (target: objective code "VOB 2-01") belongs to its objective's service ("VOB");
- an action-commitment (target: its key `pilotage.followup.action_key`, "11/2") to its article's
  number, parent article and strategic domain ("11", None, "E1");
- a continuous mission (target: its code "36.1") to its code, its article and its service
  ("36.1", "36", "SSS"), as on the progress pages.

The author edits or withdraws their own comment while they may still comment on the target; a
contract manager or administrator may withdraw any. Nothing is deleted, every change is audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pilotage.contract import Contract
from pilotage.followup import FollowupError, find_action, find_mission
from pilotage.web.accounts.access import User, acting, can_comment, grant_for
from pilotage.web.accounts.models import Grant, Role
from pilotage.web.audit.record import record
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards.data import contract_index, current_version
from pilotage.web.discussion.models import Comment, Kind, TargetType
from pilotage.web.progress.recording import action_codes, mission_codes

__all__ = [
    "Shown",
    "Target",
    "codes_for",
    "contract_of",
    "edit",
    "granted_version",
    "may_edit",
    "may_post",
    "may_withdraw",
    "post",
    "roles_of",
    "shown",
    "snapshot",
    "thread",
    "withdraw",
]

PERIOD = re.compile(r"^[0-9A-Za-z-]{0,20}$")
UNIT = re.compile(r"^[\w .-]{0,64}$")


@dataclass(frozen=True)
class Target:
    """What a thread is about: one target of a contract, for one period and one unit."""

    contract_id: str
    target_type: TargetType
    target: str
    period: str = ""
    unit: str = ""

    def clean(self) -> None:
        """ValidationError naming the bad period or unit (the target is checked on the contract)."""
        if not PERIOD.match(self.period):
            raise ValidationError(
                _("Period %(period)r is not a period code such as 2020-Q4 or 2020."),
                params={"period": self.period},
            )
        if not UNIT.match(self.unit):
            raise ValidationError(
                _("Unit %(unit)r is not a unit code."), params={"unit": self.unit}
            )


def contract_of(version: ContractVersion) -> Contract:
    """The version's contract, parsed once per process and version (by the dashboards app)."""
    return contract_index(version).contract


def granted_version(user: User, contract_id: str) -> tuple[ContractVersion, Grant]:
    """The latest version of the contract and the user's grant: 404 unknown, 403 not granted."""
    version = current_version(contract_id)  # without its content: the parsed one is cached
    grant = grant_for(user, version.institution)
    if grant is None:
        raise PermissionDenied(f"not granted institution {version.institution.code}")
    return version, grant


def codes_for(version: ContractVersion, target_type: str, target: str) -> tuple[str | None, ...]:
    """The codes `can_comment` checks for a target, as the dashboards and progress pages check
    them; Http404 when the contract has no such target."""
    contract = contract_of(version)
    try:
        if target_type == str(TargetType.FIGURE):
            return tuple(contract_index(version).objectives[target].access_codes)
        if target_type == str(TargetType.ACTION):
            return action_codes(find_action(contract, target)[0])
        if target_type == str(TargetType.MISSION):
            return mission_codes(find_mission(contract, target))
    except (KeyError, FollowupError):
        pass
    raise Http404(f"contract {contract.id} has no {target_type} {target!r}")


def may_post(grant: Grant | None, version: ContractVersion, target_type: str, target: str) -> bool:
    return can_comment(grant, codes_for(version, target_type, target))


def may_edit(user: User, grant: Grant | None, version: ContractVersion, comment: Comment) -> bool:
    """The author, while they may still comment on the target; never a withdrawn comment."""
    return (
        not comment.withdrawn
        and comment.author_id == user.pk
        and may_post(grant, version, comment.target_type, comment.target)
    )


def may_withdraw(
    user: User, grant: Grant | None, version: ContractVersion, comment: Comment
) -> bool:
    """The author (as for editing), or a contract manager or administrator of the institution."""
    if comment.withdrawn or grant is None:
        return False
    if Role(grant.role) in {Role.ADMINISTRATOR, Role.CONTRACT_MANAGER}:
        return True
    return may_edit(user, grant, version, comment)


def snapshot(comment: Comment) -> dict[str, Any]:
    """The comment as the audit trail keeps it, before and after a change."""
    return {
        "contract_id": comment.contract_id,
        "target_type": comment.target_type,
        "target": comment.target,
        "period": comment.period,
        "unit": comment.unit,
        "kind": comment.kind,
        "text": comment.text,
        "author": comment.author.get_username(),
        "withdrawn": comment.withdrawn,
    }


def post(
    user: User, version: ContractVersion, grant: Grant | None, where: Target, kind: Kind, text: str
) -> Comment:
    """Add a comment to a thread; PermissionDenied when the user may not comment on the target."""
    where.clean()
    author = acting(user)
    if author is None or not may_post(grant, version, where.target_type, where.target):
        raise PermissionDenied(f"may not comment on {where.target_type} {where.target}")
    with transaction.atomic():
        comment: Comment = Comment.objects.create(
            institution=version.institution,
            contract_id=version.contract_id,
            target_type=where.target_type,
            target=where.target,
            period=where.period,
            unit=where.unit,
            kind=kind,
            text=text,
            author=author,
        )
        record("comment.create", comment, who=user, after=snapshot(comment))
    return comment


def edit(
    user: User,
    version: ContractVersion,
    grant: Grant | None,
    comment: Comment,
    kind: Kind,
    text: str,
) -> Comment:
    if not may_edit(user, grant, version, comment):
        raise PermissionDenied(f"may not edit comment {comment.pk}")
    return _change(user, comment, "comment.edit", kind=kind, text=text)


def withdraw(
    user: User, version: ContractVersion, grant: Grant | None, comment: Comment
) -> Comment:
    if not may_withdraw(user, grant, version, comment):
        raise PermissionDenied(f"may not withdraw comment {comment.pk}")
    return _change(user, comment, "comment.withdraw", withdrawn=True)


def _change(user: User, comment: Comment, action: str, **fields: Any) -> Comment:
    """Set `fields` and audit the change, with the comment before and after, in one step."""
    before = snapshot(comment)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(comment, name, value)
        comment.save(update_fields=[*fields, "updated_at"])
        record(action, comment, who=user, before=before, after=snapshot(comment))
    return comment


def thread(where: Target) -> QuerySet[Comment]:
    """The comments of one thread, oldest first, withdrawn ones included (shown as such)."""
    return Comment.objects.filter(
        contract_id=where.contract_id,
        target_type=where.target_type,
        target=where.target,
        period=where.period,
        unit=where.unit,
    ).select_related("author")


@dataclass(frozen=True)
class Shown:
    """A comment as a page shows it: with its author's role and what the reader may do to it."""

    comment: Comment
    role: str
    may_edit: bool
    may_withdraw: bool


def shown(
    user: User, version: ContractVersion, grant: Grant | None, comments: list[Comment]
) -> list[Shown]:
    roles = roles_of(version, comments)
    return [
        Shown(
            c,
            roles.get(c.author_id, ""),
            may_edit(user, grant, version, c),
            may_withdraw(user, grant, version, c),
        )
        for c in comments
    ]


def roles_of(
    version: ContractVersion, comments: list[Comment], *, display: bool = True
) -> dict[int, str]:
    """Each author's role in the contract's institution, as displayed (or its code)."""
    grants = Grant.objects.filter(
        institution=version.institution, user_id__in={c.author_id for c in comments}
    )
    return {g.user_id: str(g.get_role_display() if display else g.role) for g in grants}
