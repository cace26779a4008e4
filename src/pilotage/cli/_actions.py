"""`pilotage actions`: statuses of action-commitments and missions, recording their progress.

The progress lives in the web database (the same rows the web pages show); the contract must
be loaded there first. Changes made here are written to the audit trail with no user.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import click

from pilotage.cli import _web as web_cli
from pilotage.followup import (
    DEFAULT_SOON_DAYS,
    Status,
    count_statuses,
    find_action,
    follow_action,
    follow_actions,
    follow_missions,
    today,
    upcoming,
)

_DATE = click.DateTime(formats=["%Y-%m-%d"])
_STATUSES = [s.value for s in Status]


def _setup() -> None:
    """Configure Django with the web commands' set-up (named `setup`, formerly `_setup`)."""
    names = vars(web_cli)
    setup: Callable[[], None] = names.get("setup") or names["_setup"]
    setup()


def _day(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else today()


def _version(contract_id: str) -> Any:
    _setup()
    from pilotage.web.progress.recording import version_of

    return version_of(contract_id)


def _language(contract: Any, wanted: str | None) -> str:
    """The language to show contract texts in: the one asked, else the contract's original."""
    return wanted or str(contract.languages[0].value)


_language_option = click.option(
    "--language",
    type=click.Choice(["fr", "nl", "en", "de"]),
    help="Contract texts in this language where the contract has it, otherwise in the original "
    "marked [fr] (default: the contract's original language).",
)


@click.group()
def actions() -> None:
    """Action-commitments and continuous missions: status, deadlines, recorded progress.

    An action is named ARTICLE/ACTION as in the contract ("21/1.a", "29.1/2.b"). Statuses:
    done_on_time, done_late, overdue, due_soon (within 30 days), not_due, waiting_event
    (a "X + 6 mois" deadline whose event X is not recorded), unreadable (a printed deadline
    with no usable date, such as "31/04/2013"), no_deadline. See docs/actions.md.

    The contract must be in the web database first; changes are kept in the audit trail.

    \b
    Examples:
      pilotage web migrate && pilotage web load-seeds
      pilotage actions list inami-2013-2015 --status overdue
      pilotage actions list inami-2013-2015 --as-of 2013-06-30 --json
      pilotage actions complete inami-2013-2015 11/1 --on 2013-06-28 --evidence "Note CGG"
      pilotage actions event inami-2013-2015 26/1 --on 2013-06-30
      pilotage actions upcoming inami-2013-2015 --as-of 2013-06-01 --within 60
      pilotage actions show inami-2013-2015 26/1
      pilotage actions missions inami-2013-2015
      pilotage actions deliver inami-2013-2015 36.1 --on 2013-07-10 --evidence "Rapport S1"
    """


@actions.command("list")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--status", type=click.Choice(_STATUSES), help="Only the actions with this status.")
@click.option("--as-of", type=_DATE, help="The day to judge on (default: today in Brussels).")
@click.option(
    "--soon", type=click.IntRange(0), default=DEFAULT_SOON_DAYS, show_default=True,
    help="Days ahead that count as due soon.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
@_language_option
def list_command(
    contract_id: str,
    status: str | None,
    as_of: dt.datetime | None,
    soon: int,
    as_json: bool,
    language: str | None,
) -> None:
    """Every action-commitment of CONTRACT with its due dates and status.

    Several dates are each a milestone; a period is due on its last day; a relative deadline
    is due once its event is recorded (pilotage actions event).

    \b
    Examples:
      pilotage actions list inami-2013-2015
      pilotage actions list inami-2013-2015 --status waiting_event
      pilotage actions list inami-2013-2015 --as-of 2014-01-15 --soon 60 --json
    """
    version = _version(contract_id)
    from pilotage.web.progress.recording import progress_for

    contract = version.contract()
    day = _day(as_of)
    followups = follow_actions(contract, progress_for(version), day, soon)
    shown = [f for f in followups if status is None or f.status.value == status]
    lang = _language(contract, language)
    if as_json:
        counts = {s.value: n for s, n in count_statuses(followups).items()}
        document = {
            "contract": contract_id,
            "as_of": day.isoformat(),
            "counts": counts,
            "actions": [f.as_dict(lang) for f in shown],
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    counts_text = ", ".join(f"{s.value} {n}" for s, n in count_statuses(followups).items() if n)
    click.echo(f"{contract_id} as of {day.isoformat()}: {len(followups)} actions: {counts_text}")
    for f in shown:
        due = f.next_due.isoformat() if f.next_due else "—"
        printed = f.deadline.printed if f.deadline else "no deadline"
        click.echo(f"  {f.key:<10} {f.status.symbol:<2} {f.status.value:<14} {due:<10}  {printed}")
        if f.status is Status.UNREADABLE and f.deadline and f.deadline.diagnosis:
            click.echo(f"  {'':<10} diagnosis: {f.deadline.diagnosis}")


@actions.command("show")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", metavar="ARTICLE/ACTION")
@click.option("--as-of", type=_DATE, help="The day to judge on (default: today in Brussels).")
@_language_option
def show(contract_id: str, number: str, as_of: dt.datetime | None, language: str | None) -> None:
    """One action-commitment: its deadline as printed, each milestone, how its due date is
    reached, and what was recorded.

    \b
    Examples:
      pilotage actions show inami-2013-2015 26/1
      pilotage actions show inami-2013-2015 11/2 --as-of 2014-06-30
    """
    version = _version(contract_id)
    from pilotage.web.progress.recording import progress_for

    contract = version.contract()
    article, action = find_action(contract, number)
    f = follow_action(contract, article, action, progress_for(version), _day(as_of))
    lang = _language(contract, language)
    click.echo(f"art. {article.number} action {action.number}: {action.text.text(lang)}")
    click.echo(f"deadline: {f.deadline.printed if f.deadline else 'none'}")
    click.echo(f"status on {f.as_of}: {f.status.symbol} {f.status.value}")
    for m in f.milestones:
        due = m.due.isoformat() if m.due else "—"
        done = (
            f", done {m.completion.completed_on}: {m.completion.evidence}" if m.completion else ""
        )
        click.echo(f"  {m.key:<11} due {due:<10}  {m.status.value}{done}")
        click.echo(f"  {'':<11} {m.note}")


@actions.command("complete")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", metavar="ARTICLE/ACTION")
@click.option("--on", "on", type=_DATE, required=True, help="The day it was done.")
@click.option("--evidence", required=True, help="What shows it was done (required).")
@click.option("--link", default="", help="A web address of the evidence.")
@click.option(
    "--milestone",
    help="Which milestone: its due date (2014-12-31), period (2013-Q1) or cycle (2014); "
    "default: the first one not done yet.",
)
def complete(
    contract_id: str, number: str, on: dt.datetime, evidence: str, link: str, milestone: str | None
) -> None:
    """Record that action ARTICLE/ACTION of CONTRACT was done on a day, with evidence.

    Recording the same milestone again corrects it; the audit trail keeps the earlier values.

    \b
    Examples:
      pilotage actions complete inami-2013-2015 11/1 --on 2013-06-28 \\
          --evidence "Note au Comité général de gestion" --link https://intranet/cgg/2013-06
      pilotage actions complete inami-2013-2015 11/2 --milestone 2014-12-31 \\
          --on 2015-01-05 --evidence "Rapport annuel 2014"
    """
    version = _version(contract_id)
    from pilotage.web.progress.recording import record_completion

    row, created = record_completion(
        version, number, milestone, on.date(), evidence, link=link, who=None
    )
    verb = "recorded" if created else "corrected"
    click.echo(f"{contract_id} {row.key} [{row.milestone}]: done on {row.completed_on} ({verb})")


@actions.command("event")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("event")
@click.option("--on", "on", type=_DATE, required=True, help="The day the event happened.")
@click.option("--note", default="", help="Where it is stated (Moniteur belge reference...).")
def event(contract_id: str, event: str, on: dt.datetime, note: str) -> None:
    """Record the day EVENT happened: relative deadlines waiting for it become due.

    EVENT is the event's text as in the contract, a piece of it that names one event, or an
    action (ARTICLE/ACTION) that waits for it. The due date is the event + the offset under
    the judicial convention (months de quantième à veille de quantième, roll-forward).

    \b
    Examples:
      pilotage actions event inami-2013-2015 26/1 --on 2013-06-30
      pilotage actions event inami-2013-2015 "table ronde" --on 2013-03-15
      pilotage actions event inami-2013-2015 "ASBL eCare" --on 2013-02-04 --note "PV"
    """
    version = _version(contract_id)
    from pilotage.web.progress.recording import record_event

    row, created = record_event(version, event, on.date(), note=note, who=None)
    verb = "recorded" if created else "corrected"
    click.echo(f"{contract_id}: event '{row.event}' on {row.occurred_on} ({verb})")


@actions.command("upcoming")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--within", type=click.IntRange(0), default=60, show_default=True, help="Days.")
@click.option("--as-of", type=_DATE, help="The day to look from (default: today in Brussels).")
@click.option("--overdue", is_flag=True, help="Also the due dates already passed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
@_language_option
def upcoming_command(
    contract_id: str,
    within: int,
    as_of: dt.datetime | None,
    overdue: bool,
    as_json: bool,
    language: str | None,
) -> None:
    """Due dates not met yet across CONTRACT (actions and missions), soonest first.

    \b
    Examples:
      pilotage actions upcoming inami-2013-2015
      pilotage actions upcoming inami-2013-2015 --as-of 2013-06-01 --within 90
      pilotage actions upcoming inami-2013-2015 --as-of 2014-01-01 --overdue --json
    """
    version = _version(contract_id)
    from pilotage.web.progress.recording import progress_for

    contract = version.contract()
    day = _day(as_of)
    found = upcoming(contract, progress_for(version), day, within, include_overdue=overdue)
    lang = _language(contract, language)
    if as_json:
        rows = [u.as_dict(lang) for u in found]
        click.echo(json.dumps({"contract": contract_id, "as_of": day.isoformat(), "due": rows},
                              ensure_ascii=False, indent=2))  # fmt: skip
        return
    click.echo(f"{contract_id}: {len(found)} due date(s) from {day} within {within} days")
    for u in found:
        due = u.milestone.due.isoformat() if u.milestone.due else "—"
        title = u.title.text(lang)
        title = title if len(title) <= 60 else title[:59] + "…"
        click.echo(f"  {due}  {u.kind:<7} {u.key:<10} {u.milestone.status.value:<9} {title}")


@actions.command("missions")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--as-of", type=_DATE, help="The day to judge on (default: today in Brussels).")
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
@_language_option
def missions(
    contract_id: str, as_of: dt.datetime | None, as_json: bool, language: str | None
) -> None:
    """Continuous missions of CONTRACT: their periodic due dates and deliveries.

    \b
    Examples:
      pilotage actions missions inami-2013-2015
      pilotage actions missions inami-2013-2015 --as-of 2014-01-01 --json
    """
    version = _version(contract_id)
    from pilotage.web.progress.recording import progress_for

    contract = version.contract()
    found = follow_missions(contract, progress_for(version), _day(as_of))
    lang = _language(contract, language)
    if as_json:
        click.echo(json.dumps([m.as_dict(lang) for m in found], ensure_ascii=False, indent=2))
        return
    for m in found:
        title = m.mission.title.text(lang)[:60]
        click.echo(f"{m.key:<6} {m.status.symbol:<2} {m.status.value:<14} {title}")
        for ms in m.milestones:
            done = f" delivered {ms.completion.completed_on}" if ms.completion else ""
            click.echo(f"         {ms.key:<10} due {ms.due}  {ms.status.value}{done}")
        if not m.milestones:
            click.echo("         no due date within the contract period")


@actions.command("deliver")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("code", metavar="MISSION")
@click.option("--on", "on", type=_DATE, required=True, help="The day it was delivered.")
@click.option("--evidence", required=True, help="What shows it was delivered (required).")
@click.option("--link", default="", help="A web address of the evidence.")
@click.option("--cycle", help="Which cycle (2013-S1, 2014); default: the first not delivered.")
def deliver(
    contract_id: str, code: str, on: dt.datetime, evidence: str, link: str, cycle: str | None
) -> None:
    """Record a delivery of continuous mission MISSION for one cycle.

    \b
    Examples:
      pilotage actions deliver inami-2013-2015 36.1 --cycle 2013-S1 --on 2013-07-10 \\
          --evidence "Rapport financier S1 à la Commission de remboursement"
    """
    version = _version(contract_id)
    from pilotage.web.progress.recording import record_delivery

    row, created = record_delivery(version, code, cycle, on.date(), evidence, link=link, who=None)
    verb = "recorded" if created else "corrected"
    click.echo(
        f"{contract_id} mission {row.mission} [{row.cycle}]: delivered {row.delivered_on} ({verb})"
    )


@actions.command("demo-progress")
@click.argument("contract_id", metavar="CONTRACT", default="inami-2013-2015")
def demo_progress(contract_id: str) -> None:
    """Record invented DEMONSTRATION progress (events, completions, deliveries); idempotent.

    \b
    Example:
      pilotage actions demo-progress inami-2013-2015
    """
    _setup()
    from pilotage.web.progress.demo import seed_demo_progress

    click.echo(str(seed_demo_progress(contract_id)))
