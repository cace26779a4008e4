"""The web application's jobs from the command line: load a contract, grant access, unlock a
login, export a dashboard, read the audit trail (`pilotage web ...`); comments are in
`pilotage.cli._comments`.

Each command calls the function the web pages call (catalogue loading, comment threads, the
dashboard views, the audit page's diff), so the rules, the workbook and the audit trail are the
same. Changes made here without a user (grants, contracts) are audited with no user; a comment
is written as the user named with --as, under that user's rights.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pilotage.cli import _web as web_cli
from pilotage.errors import PilotageError, WebJobError
from pilotage.web.accounts.roles import RoleName

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from pilotage.web.accounts.models import Institution
    from pilotage.web.audit.models import AuditEntry

__all__ = [
    "WEB_COMMANDS",
    "WebJobError",
    "audit_command",
    "export_command",
    "grant_command",
    "load_contract_command",
    "unlock_command",
    "users_command",
]

ROLES = tuple(str(r) for r in RoleName)  # click shows an enum by its names: the values
LANGUAGES = ("fr", "nl", "en")
_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _setup() -> None:
    web_cli.setup()


def _institution(code: str) -> Institution:
    from pilotage.web.accounts.rights import institution

    return institution(code)


def _user(username: str) -> User:
    from pilotage.web.accounts.rights import account

    return account(username)


# --- load-contract -------------------------------------------------------------------------------


def _institution_of(path_or_seed_id: str) -> str:
    """The contract file's own institution code; "" when the file does not read (the loading
    then reports every problem)."""
    from pilotage.contract import load_contract, resolve_contract_path

    try:
        return str(load_contract(resolve_contract_path(path_or_seed_id)).institution.code)
    except (PilotageError, OSError, ValueError):
        return ""


@click.command("load-contract")
@click.argument("file", metavar="FILE")
@click.option(
    "--institution",
    metavar="CODE",
    help="The institution to load it under (default: the contract file's own institution).",
)
def load_contract_command(file: str, institution: str | None) -> None:
    """Check a contract file and load it into the catalogue (a new version if it changed).

    FILE is a contract file (YAML or JSON) or a shipped seed id. It passes every check of
    `pilotage contract check` first. Idempotent: the same content for the same institution is
    left as it is ("unchanged"); a new version is written to the audit trail. Then run
    `pilotage web sync-results` so that its dashboards show the published figures.

    \b
    Examples:
      pilotage web load-contract contracts/inasti-2021-2023.yaml
      pilotage web load-contract inami-2013-2015 --institution INAMI
    """
    _setup()
    from pilotage.web.catalogue.loading import load_contract_file

    code = institution if institution is not None else _institution_of(file)
    click.echo(str(load_contract_file(file, code)))


# --- grant, users --------------------------------------------------------------------------------


def _ask_password(username: str) -> str:
    password: str = click.prompt(
        f"Password for {username}", hide_input=True, confirmation_prompt=True
    )
    return password


@click.command("grant")
@click.argument("username")
@click.argument("institution", metavar="INSTITUTION")
@click.argument("role", metavar="[ROLE]", type=click.Choice(ROLES), required=False)
@click.option(
    "--service",
    "services",
    metavar="CODE",
    multiple=True,
    help="A service a service owner answers for (repeat it): an objective's service (INASTI "
    '"VOB") or an article or strategic domain (INAMI "11", "E3").',
)
@click.option("--create-user", is_flag=True, help="Create the user when there is none.")
@click.option(
    "--set-password", is_flag=True, help="Ask for the user's password (twice) and set it."
)
@click.option("--revoke", is_flag=True, help="Remove the user's grant in INSTITUTION instead.")
def grant_command(
    username: str,
    institution: str,
    role: str | None,
    services: tuple[str, ...],
    create_user: bool,
    set_password: bool,
    revoke: bool,
) -> None:
    """Give USERNAME a ROLE in INSTITUTION, change it, or --revoke it; prints the grant.

    One grant per user and institution: granting again replaces the role and services. Roles:
    administrator, contract_manager, service_owner (comments and records progress on its
    --service codes only), government_commissioner, viewer (reads only). See
    docs/cli-web.md for who may do what. Every change is written to the audit trail.

    A user created here has no password until --set-password gives one.

    \b
    Examples:
      pilotage web grant alice INASTI contract_manager --create-user --set-password
      pilotage web grant bob INASTI service_owner --service VOB --service ZEL
      pilotage web grant carol INAMI service_owner --service 11 --service E3
      pilotage web grant dave INAMI viewer
      pilotage web grant dave INAMI --revoke
    """
    _setup()
    from pilotage.web.accounts import rights
    from pilotage.web.accounts.models import Role

    done = rights.grant_access(
        username,
        institution,
        role,
        services,
        create=create_user,
        password=(lambda: _ask_password(username)) if set_password else None,
        revoke_it=revoke,
    )
    if done.created:
        click.echo(f"{username}: user created")
    elif done.password_set:
        click.echo(f"{username}: password set")
    if done.revoked is not None:
        click.echo(f"{username}: {done.revoked['role']} @ {institution} revoked")
        return
    assert done.granted is not None
    click.echo(f"{username}: {rights.grant_line(done.granted.grant)} ({done.granted.state})")
    if role == Role.SERVICE_OWNER and not services:
        click.echo(
            "note: a service owner without --service may read but comment on nothing and "
            "record no progress"
        )


@click.command("users")
@click.option("--institution", metavar="CODE", help="Only the users granted this institution.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
def users_command(institution: str | None, as_json: bool) -> None:
    """Every user with their grants (role and services per institution).

    A superuser is an administrator of every institution, granted or not.

    \b
    Examples:
      pilotage web users
      pilotage web users --institution INASTI
      pilotage web users --json
    """
    _setup()
    from pilotage.web.accounts import rights

    listed = rights.user_listing(rights.institution(institution) if institution else None)
    if as_json:
        docs = [{k: v for k, v in doc.items() if k != "lines"} for doc in listed]
        click.echo(json.dumps({"users": docs}, indent=2, ensure_ascii=False))
        return
    for doc in listed:
        flags = [
            label
            for label, on in (
                ("superuser", doc["superuser"]),
                ("inactive", not doc["active"]),
                ("no password", not doc["password_set"]),
            )
            if on
        ]
        shown = f" [{', '.join(flags)}]" if flags else ""
        click.echo(f"{doc['username']}{shown}: {'; '.join(doc['lines']) or 'no grant'}")
    click.echo(f"{len(listed)} user(s)")


@click.command("unlock")
@click.argument("username")
def unlock_command(username: str) -> None:
    """Lift the login lockout of USERNAME (after too many wrong passwords).

    Five wrong passwords for one user name from one computer lock that login for 15 minutes,
    the right password included. This clears the failures of USERNAME from every computer, so
    they may log in again at once; the unlock is in the audit trail.

    \b
    Example:
      pilotage web unlock alice
    """
    _setup()
    from pilotage.web.accounts.lockout import unlock

    cleared = unlock(username)
    click.echo(f"{username}: {cleared} failed attempt record(s) cleared" if cleared else
               f"{username}: not locked out (no failed attempt recorded)")  # fmt: skip


# --- export --------------------------------------------------------------------------------------


def _workbook(
    contract_id: str, period: str, service: str | None, objective: str | None, language: str
) -> tuple[bytes, str]:
    """The workbook the web page exports (the same builder, without a request), and its name."""
    from django.http import Http404

    from pilotage.web.dashboards import data
    from pilotage.web.dashboards.views import export_workbook

    try:
        return export_workbook(
            contract_id, period, service=service, objective=objective, language=language
        )
    except Http404 as exc:
        message = str(exc)
        if message.startswith("no contract"):
            message += " (pilotage web load-contract FILE loads it)"
        elif message.startswith("no published"):
            periods = data.published_for(contract_id).periods()
            message += (
                f" (published periods: {', '.join(periods)})"
                if periods
                else " (none is published: pilotage measure, then pilotage web sync-results)"
            )
        raise WebJobError(message) from None


@click.command("export")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("period")
@click.option("--service", metavar="CODE", help="A service's dashboard (INASTI: VOB, ZEL...).")
@click.option(
    "--objective", metavar="CODE", help='An objective\'s page (quote the space: "VOB 2-01").'
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    default="fr",
    show_default=True,
    help="The language of the labels and contract texts.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The workbook to write (default: the web page's file name, in this directory).",
)
def export_command(
    contract_id: str,
    period: str,
    service: str | None,
    objective: str | None,
    language: str,
    output: Path | None,
) -> None:
    """Write a dashboard of CONTRACT for PERIOD to an XLSX workbook, as the web page exports it.

    The contract dashboard by default, a service's with --service, an objective's page with
    --objective: the same workbook as the page's "Export (XLSX)" link, built by the same code
    from the result sets mirrored in the web database (pilotage web sync-results).

    \b
    Examples:
      pilotage web export inasti-2019-2020 2019-Q3 -o dashboard.xlsx
      pilotage web export inasti-2019-2020 2019-Q3 --service VOB --lang nl
      pilotage web export inasti-2019-2020 2019-Q3 --objective "VOB 2-01" -o vob-2-01.xlsx
    """
    if service is not None and objective is not None:
        raise WebJobError("--service and --objective name two different pages: choose one")
    _setup()
    content, name = _workbook(contract_id, period, service, objective, language)
    if output is None:
        output = Path(name)
    try:
        output.write_bytes(content)
    except OSError as exc:
        raise WebJobError(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"wrote {output} ({len(content)} bytes)")


# --- audit ---------------------------------------------------------------------------------------


def _when(at: dt.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S %Z")


def _value(shown: str) -> str:
    """A field's value as the audit page shows it; an empty text as "" (visible)."""
    return shown or '""'


def _entry_doc(entry: AuditEntry) -> dict[str, Any]:
    from pilotage.web.audit.diffs import diff

    return {
        "at": entry.at.isoformat(),
        "who": entry.who.get_username() if entry.who is not None else None,
        "institution": entry.institution.code if entry.institution is not None else None,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object": entry.object_repr,
        "changes": [
            {"field": c.field, "before": c.before, "after": c.after}
            for c in diff(entry.before, entry.after)
        ],
        "before": entry.before,
        "after": entry.after,
    }


@click.command("audit")
@click.option("--institution", metavar="CODE", help="Only this institution's entries.")
@click.option(
    "--object-type",
    metavar="TYPE",
    help="Only this kind of object: discussion.Comment, accounts.Grant, catalogue."
    "ContractVersion, progress.Completion...",
)
@click.option("--who", metavar="USERNAME", help="Only the changes this user made.")
@click.option("--since", type=_DATE, help="From this day on (YYYY-MM-DD, Brussels time).")
@click.option("--until", type=_DATE, help="Up to this day included.")
@click.option(
    "--limit", type=click.IntRange(1), default=50, show_default=True, help="At most N entries."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
def audit_command(
    institution: str | None,
    object_type: str | None,
    who: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    limit: int,
    as_json: bool,
) -> None:
    """The audit trail, newest first: who changed what, when, field by field.

    Every entry (installation-wide ones included): the command line reads as an
    administrator. "command line" as the author means a change made with pilotage itself.

    \b
    Examples:
      pilotage web audit
      pilotage web audit --institution INASTI --since 2026-11-01 --limit 20
      pilotage web audit --object-type accounts.Grant
      pilotage web audit --who alice --json
    """
    _setup()
    from pilotage.web.audit.diffs import diff
    from pilotage.web.audit.models import AuditEntry
    from pilotage.web.audit.trail import TrailQuery, select

    query = TrailQuery(
        institution=_institution(institution) if institution is not None else None,
        object_type=object_type,
        who=_user(who).get_username() if who is not None else None,
        since=since.date() if since is not None else None,
        until=until.date() if until is not None else None,
    )
    entries = select(AuditEntry.objects.all(), query)
    chosen = list(entries[:limit])
    if as_json:
        doc = {"entries": [_entry_doc(e) for e in chosen]}
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False, default=str))
        return
    for e in chosen:
        author = e.who.get_username() if e.who is not None else "command line"
        where = e.institution.code if e.institution is not None else "(installation)"
        click.echo(f"{_when(e.at)}  {where}  {e.action}  {e.object_repr}  by {author}")
        for change in diff(e.before, e.after):
            name = f"{change.field}: " if change.field else ""
            click.echo(f"    {name}{_value(change.before)} -> {_value(change.after)}")
    click.echo(f"{len(chosen)} entr{'y' if len(chosen) == 1 else 'ies'} (newest first)")


WEB_COMMANDS: Sequence[click.Command] = (
    load_contract_command,
    grant_command,
    users_command,
    unlock_command,
    export_command,
    audit_command,
)
