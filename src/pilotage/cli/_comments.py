"""`pilotage comments ...`: the comment threads of the web pages from the command line.

Each command calls the functions the pages call (`pilotage.web.discussion.threads`), so the
rules and the audit trail are the same; a comment is written as the user named with --as,
under that user's rights.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from pilotage.cli._webjobs import _setup, _user, _when
from pilotage.errors import WebJobError

if TYPE_CHECKING:
    from pilotage.web.accounts.models import Grant
    from pilotage.web.catalogue.models import ContractVersion
    from pilotage.web.discussion.models import Comment

__all__ = ["comments"]

TARGET_TYPES = ("figure", "action", "mission")
KINDS = ("comment", "justification")
MAX_TEXT = 5000  # Comment.text's max_length


# --- comments ------------------------------------------------------------------------------------


@click.group()
def comments() -> None:
    """Comments and justifications on figures, action-commitments and continuous missions.

    The threads of the web pages: a figure is named by its objective code ("VOB 2-01"), an
    action-commitment by ARTICLE/ACTION ("11/2"), a mission by its code ("36.1"). A figure's
    thread is for one period (and a unit, empty for the whole institution). Who may comment:
    an administrator, contract manager or government commissioner of the institution; a service
    owner on their services only; a viewer never. Every comment is in the audit trail.

    \b
    Examples:
      pilotage comments list inasti-2019-2020 --period 2019-Q3
      pilotage comments add inasti-2019-2020 figure "VOB 2-01" --period 2019-Q3 \\
          --kind justification --text "Backlog after the summer closure" --as alice
      pilotage comments add inami-2013-2015 action 11/1 --text "Note CGG sent" --as bob
    """


def _version(contract_id: str) -> ContractVersion:
    from django.http import Http404

    from pilotage.web.dashboards.data import current_version

    try:
        return current_version(contract_id)
    except Http404 as exc:
        raise WebJobError(f"{exc} (pilotage web load-contract FILE loads it)") from None


@comments.command("list")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--period", help="Only the threads of this period (2019-Q3).")
@click.option("--target-type", type=click.Choice(TARGET_TYPES), help="Only on this kind.")
@click.option("--target", metavar="CODE", help='Only on this target ("VOB 2-01", "11/2").')
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
def list_comments(
    contract_id: str,
    period: str | None,
    target_type: str | None,
    target: str | None,
    as_json: bool,
) -> None:
    """Every comment on CONTRACT, oldest first; withdrawn ones are marked as such.

    \b
    Examples:
      pilotage comments list inasti-2019-2020
      pilotage comments list inasti-2019-2020 --target-type figure --target "VOB 2-01"
      pilotage comments list inami-2013-2015 --target-type action --json
    """
    _setup()
    from pilotage.web.discussion.models import Comment
    from pilotage.web.discussion.threads import roles_of

    version = _version(contract_id)
    found = Comment.objects.filter(contract_id=contract_id).select_related("author")
    if period is not None:
        found = found.filter(period=period)
    if target_type is not None:
        found = found.filter(target_type=target_type)
    if target is not None:
        found = found.filter(target=target)
    listed: list[Comment] = list(found)
    roles = roles_of(version, listed, display=False)
    if as_json:
        doc = [
            {
                "id": c.pk,
                "target_type": c.target_type,
                "target": c.target,
                "period": c.period,
                "unit": c.unit,
                "kind": c.kind,
                "text": c.text,
                "author": c.author.get_username(),
                "role": roles.get(c.author_id, ""),
                "created_at": c.created_at.isoformat(),
                "updated_at": c.updated_at.isoformat(),
                "withdrawn": c.withdrawn,
            }
            for c in listed
        ]
        click.echo(json.dumps({"contract": contract_id, "comments": doc}, indent=2))
        return
    for c in listed:
        where = " ".join(p for p in (c.target_type, c.target, c.period, c.unit) if p)
        role = roles.get(c.author_id, "no grant").replace("_", " ")
        withdrawn = " [withdrawn]" if c.withdrawn else ""
        click.echo(
            f"#{c.pk} {_when(c.created_at)}  {where}  {c.author.get_username()} ({role})  "
            f"{c.kind}{withdrawn}: {c.text}"
        )
    click.echo(f"{len(listed)} comment(s)")


def _comment_text(text: str) -> str:
    """--text as stored: trimmed, not empty, at most MAX_TEXT characters."""
    body = text.strip()
    if not body:
        raise WebJobError("--text is empty")
    if len(body) > MAX_TEXT:
        raise WebJobError(f"--text holds {len(body)} characters; at most {MAX_TEXT}")
    return body


def _refusal(username: str, grant: Grant, what: str) -> str:
    from pilotage.web.accounts.models import Role

    role = grant.role
    if role == Role.SERVICE_OWNER:
        owned = ", ".join(grant.services or []) or "none"
        why = f"a service owner comments on their services only (theirs: {owned})"
    else:
        why = f"a {role.replace('_', ' ')} may not comment"
    return f"{username} may not comment on {what}: {why}"


@comments.command("add")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("target_type", metavar="TARGET_TYPE", type=click.Choice(TARGET_TYPES))
@click.argument("target", metavar="TARGET")
@click.option("--text", required=True, help="The comment (at most 5000 characters).")
@click.option("--period", default="", help="The period of a figure's thread (2019-Q3).")
@click.option("--unit", default="", help="A unit's thread (an office or region code).")
@click.option(
    "--kind", type=click.Choice(KINDS), default="comment", show_default=True, help="What it is."
)
@click.option(
    "--as", "username", required=True, metavar="USERNAME", help="The author, with their rights."
)
def add_comment(
    contract_id: str,
    target_type: str,
    target: str,
    text: str,
    period: str,
    unit: str,
    kind: str,
    username: str,
) -> None:
    """Add a comment to the thread of TARGET (TARGET_TYPE: figure, action or mission).

    The comment is written as USERNAME, who must be allowed to comment on the target as on the
    web page: granted the contract's institution, and as a service owner only on their own
    services. It is in the audit trail under their name.

    \b
    Examples:
      pilotage comments add inasti-2019-2020 figure "VOB 2-01" --period 2019-Q3 \\
          --kind justification --text "Backlog after the summer closure" --as alice
      pilotage comments add inasti-2019-2020 figure "VOB 2-01" --period 2019-Q3 --unit R1 \\
          --text "Regional staff shortage" --as alice
      pilotage comments add inami-2013-2015 action 11/1 --text "Note CGG sent" --as bob
      pilotage comments add inami-2013-2015 mission 36.1 --text "Report late" --as bob
    """
    _setup()
    from django.core.exceptions import PermissionDenied

    from pilotage.web.discussion.models import Kind, TargetType
    from pilotage.web.discussion.threads import Target, granted_version, may_post, post

    body = _comment_text(text)
    _version(contract_id)
    user = _user(username)
    if not user.is_active:
        raise WebJobError(f"user {username!r} is inactive")
    what = f"{target_type} {target}"
    try:
        version, grant = granted_version(user, contract_id)
        if not may_post(grant, version, target_type, target):
            raise WebJobError(_refusal(username, grant, what))
        where = Target(contract_id, TargetType(target_type), target, period, unit)
        comment = post(user, version, grant, where, Kind(kind), body)
    except PermissionDenied as exc:
        raise WebJobError(f"{username} may not comment on {contract_id}: {exc}") from None
    shown = " ".join(p for p in (what, period, unit) if p)
    click.echo(f"#{comment.pk} {kind} on {shown} by {username} (recorded)")


def _own_comment(contract_id: str, number: int, username: str) -> tuple[Any, ...]:
    """The comment #NUMBER of CONTRACT, its version, and USERNAME's account and grant."""
    from django.core.exceptions import PermissionDenied

    from pilotage.web.discussion.models import Comment
    from pilotage.web.discussion.threads import granted_version

    _version(contract_id)
    comment = Comment.objects.filter(pk=number, contract_id=contract_id).first()
    if comment is None:
        raise WebJobError(f"{contract_id} has no comment #{number} (pilotage comments list)")
    user = _user(username)
    if not user.is_active:
        raise WebJobError(f"user {username!r} is inactive")
    try:
        version, grant = granted_version(user, contract_id)
    except PermissionDenied as exc:
        raise WebJobError(f"{username} may not change comments of {contract_id}: {exc}") from None
    return comment, version, user, grant


@comments.command("edit")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", metavar="NUMBER", type=int)
@click.option("--text", required=True, help="The new text (at most 5000 characters).")
@click.option("--kind", type=click.Choice(KINDS), help="Change what it is (default: unchanged).")
@click.option("--as", "username", required=True, metavar="USERNAME", help="The comment's author.")
def edit_comment(contract_id: str, number: int, text: str, kind: str | None, username: str) -> None:
    """Correct comment #NUMBER of CONTRACT, as its author (the page's "edit").

    Only the author edits a comment, and only while they may still comment on its target; a
    withdrawn comment is not edited. The text before and after is kept in the audit trail.

    \b
    Examples:
      pilotage comments edit inasti-2019-2020 12 --text "Backlog after the summer" --as alice
      pilotage comments edit inasti-2019-2020 12 --kind justification --text "..." --as alice
    """
    _setup()
    from django.core.exceptions import PermissionDenied

    from pilotage.web.discussion.models import Kind
    from pilotage.web.discussion.threads import edit

    body = _comment_text(text)
    comment, version, user, grant = _own_comment(contract_id, number, username)
    try:
        edit(user, version, grant, comment, Kind(kind or comment.kind), body)
    except PermissionDenied:
        raise WebJobError(
            f"{username} may not edit comment #{number}: only its author edits it, while they "
            "may comment on its target, and never once withdrawn"
        ) from None
    click.echo(f"#{number} edited by {username} (recorded)")


@comments.command("withdraw")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", metavar="NUMBER", type=int)
@click.option("--as", "username", required=True, metavar="USERNAME", help="Who withdraws it.")
def withdraw_comment(contract_id: str, number: int, username: str) -> None:
    """Withdraw comment #NUMBER of CONTRACT (the page's "withdraw"); nothing is deleted.

    The author withdraws their own comment; a contract manager or administrator of the
    institution withdraws any. The thread shows it as withdrawn, the audit trail keeps its text.

    \b
    Example:
      pilotage comments withdraw inasti-2019-2020 12 --as alice
    """
    _setup()
    from django.core.exceptions import PermissionDenied

    from pilotage.web.discussion.threads import withdraw

    comment, version, user, grant = _own_comment(contract_id, number, username)
    try:
        withdraw(user, version, grant, comment)
    except PermissionDenied:
        raise WebJobError(
            f"{username} may not withdraw comment #{number}: its author or a contract manager "
            "or administrator of the institution does, once"
        ) from None
    click.echo(f"#{number} withdrawn by {username} (recorded)")
