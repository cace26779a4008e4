"""`pilotage evaluation ...` and `pilotage reminders`: the evaluation cycle's jobs from the
command line, through the service functions the pages call (same rules, same audit trail).

Every change is made as the user named with --as, under that user's rights: the contract
manager runs the steps, the narrative and the registers; a government commissioner writes the
commissioners' position.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import click

from pilotage.cli import _web as web_cli
from pilotage.errors import WebJobError

if TYPE_CHECKING:
    from pilotage.web.evaluation.models import Evaluation
    from pilotage.web.evaluation.services import Actor

__all__ = ["evaluation", "reminders"]

_DAY = click.DateTime(formats=["%Y-%m-%d"])
_AS = click.option(
    "--as", "username", required=True, metavar="USERNAME", help="Who does it, with their rights."
)
_ON = click.option("--on", "on", type=_DAY, required=True, help="The day it happened (YYYY-MM-DD).")


def _actor(contract_id: str, username: str) -> Actor:
    from django.contrib.auth.models import User

    from pilotage.web.evaluation.services import Actor
    from pilotage.web.progress.recording import version_of

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise WebJobError(f"no active user {username!r} (pilotage web users lists them)")
    actor = Actor.of(user, version_of(contract_id))
    if actor.grant is None:
        raise WebJobError(f"{username} is not granted the institution of {contract_id}")
    return actor


def _evaluation(contract_id: str, year: int) -> Evaluation:
    from pilotage.web.evaluation.services import evaluation_of

    return evaluation_of(contract_id, year)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@click.group()
def evaluation() -> None:
    """The annual evaluation (INAMI art. 46-49), adaptation requests (art. 42-43) and the
    registers of art. 48, 50 and 51.

    \b
    Examples:
      pilotage evaluation open inami-2013-2015 2014 --as alice
      pilotage evaluation show inami-2013-2015 2014
      pilotage evaluation step inami-2013-2015 2014 draft_sent --on 2015-03-31 --as alice
      pilotage evaluation position inami-2013-2015 2014 action:11/2 --assessment met \\
          --motivation "Delivered on 20 December" --as bob
      pilotage evaluation request list inami-2013-2015
      pilotage reminders --days 30 --send
    """
    web_cli.setup()


@evaluation.command("open")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@_AS
def open_command(contract_id: str, year: int, username: str) -> None:
    """Open the evaluation of YEAR and assemble its draft from what pilotage holds (figures
    cited with their result set, actions and missions, art. 50/51); again while in preparation,
    it reassembles the draft and keeps the narratives.

    \b
    Example:
      pilotage evaluation open inami-2013-2015 2014 --as alice
    """
    from pilotage.web.evaluation.models import State
    from pilotage.web.evaluation.services import open_evaluation

    found, created = open_evaluation(contract_id, year, _actor(contract_id, username))
    reassembled = found.state == State.IN_PREPARATION
    state = "opened" if created else "reassembled" if reassembled else "kept"
    click.echo(f"{found}: {state}, {found.items.count()} item(s)")


@evaluation.command("show")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
def show_command(contract_id: str, year: int, as_json: bool) -> None:
    """The evaluation's state, steps, clocks (due, days left, met or late and by how much) and
    items with both positions.

    \b
    Example:
      pilotage evaluation show inami-2013-2015 2014 --json
    """
    from pilotage.evaluation import document_to_json
    from pilotage.web.evaluation.models import DocumentKind, State
    from pilotage.web.evaluation.services import document_of

    found = _evaluation(contract_id, year)
    kind = DocumentKind.REPORT if found.state != State.IN_PREPARATION else DocumentKind.DRAFT
    doc = document_of(found, kind)
    if as_json:
        click.echo(json.dumps(document_to_json(doc), indent=2, ensure_ascii=False))
        return
    click.echo(f"{found}: {found.state}{' (DEMONSTRATION)' if found.demo else ''}")
    for s in doc.steps:
        click.echo(f"  step {s.step} on {s.on} by {s.by or 'the command line'}")
    for c in doc.clocks:
        late = f", late by {c['late_by']} day(s)" if c["late_by"] else ""
        click.echo(f"  clock {c['name']}: due {c['due'] or '-'}, {c['status']}{late}")
    for entry in doc.items:
        ours = entry.institution.assessment.value if entry.institution else "-"
        theirs = entry.commissioners.assessment.value if entry.commissioners else "-"
        agreed = {None: "", True: " agreed", False: " NOT AGREED"}[entry.agreed]
        click.echo(
            f"  {entry.item.key}: {entry.item.status}; institution {ours}, commissioners "
            f"{theirs}{agreed}"
        )


@evaluation.command("calendar")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.option("--draft-due", type=_DAY, required=True, help="The agreed day for the draft.")
@click.option("--meeting-within", type=int, default=15, show_default=True)
@click.option("--report-within", type=int, default=15, show_default=True)
@click.option("--agreed-on", type=_DAY, required=True, help="When the parties agreed it.")
@_AS
def calendar_command(
    contract_id: str,
    year: int,
    draft_due: dt.datetime,
    meeting_within: int,
    report_within: int,
    agreed_on: dt.datetime,
    username: str,
) -> None:
    """Record the calendar the parties agreed (art. 49); refused beyond the legal maxima.

    \b
    Example:
      pilotage evaluation calendar inami-2013-2015 2014 --draft-due 2015-03-15 \\
          --meeting-within 10 --report-within 10 --agreed-on 2015-01-20 --as alice
    """
    from pilotage.evaluation import AgreedCalendar
    from pilotage.web.evaluation.services import agree_calendar

    agreed = AgreedCalendar(draft_due.date(), meeting_within, report_within, agreed_on.date())
    agree_calendar(_evaluation(contract_id, year), agreed, _actor(contract_id, username))
    click.echo(f"agreed calendar recorded: {agreed.as_dict()}")


@evaluation.command("step")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.argument("step", type=click.Choice(["draft_sent", "meeting_held", "report_sent", "closed"]))
@_ON
@click.option("--note", default="", help="A note kept with the step.")
@_AS
def step_command(
    contract_id: str, year: int, step: str, on: dt.datetime, note: str, username: str
) -> None:
    """Record the next step on a day; sending the draft or the report freezes it (version 1).

    \b
    Example:
      pilotage evaluation step inami-2013-2015 2014 report_sent --on 2015-05-07 --as alice
    """
    from pilotage.evaluation import Step
    from pilotage.web.evaluation.services import record_step

    found = _evaluation(contract_id, year)
    record_step(found, Step(step), on.date(), _actor(contract_id, username), note)
    found.refresh_from_db()
    click.echo(f"{found}: {step} on {on.date().isoformat()}, now {found.state}")


@evaluation.command("narrative")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.argument("item")
@click.option("--text", required=True)
@_AS
def narrative_command(contract_id: str, year: int, item: str, text: str, username: str) -> None:
    """Write the cell's narrative of ITEM ("action:11/2", "objective:VOB 2-01") in the draft.

    \b
    Example:
      pilotage evaluation narrative inami-2013-2015 2014 action:11/2 --text "..." --as alice
    """
    from pilotage.web.evaluation.services import edit_narrative

    edit_narrative(_evaluation(contract_id, year), item, text, _actor(contract_id, username))
    click.echo(f"{item}: narrative recorded")


@evaluation.command("position")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.argument("item")
@click.option(
    "--assessment",
    type=click.Choice(["met", "partly_met", "not_met", "neutralised"]),
    required=True,
)
@click.option("--motivation", required=True)
@_AS
def position_command(
    contract_id: str, year: int, item: str, assessment: str, motivation: str, username: str
) -> None:
    """Write your party's position on ITEM in the contradictory report: the institution's as
    contract manager, the commissioners' as a government commissioner.

    \b
    Example:
      pilotage evaluation position inami-2013-2015 2014 action:11/2 --assessment partly_met \\
          --motivation "The 2014 report came in January" --as bob
    """
    from pilotage.evaluation import Assessment, Party
    from pilotage.web.evaluation.services import write_position

    actor = _actor(contract_id, username)
    party = actor.party or Party.INSTITUTION
    found = _evaluation(contract_id, year)
    write_position(found, item, party, Assessment(assessment), motivation, actor)
    click.echo(f"{item}: the {party.value}'s position recorded ({assessment})")


@evaluation.command("revise")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.argument("kind", type=click.Choice(["draft", "report"]))
@click.option("--reason", required=True, help="Why a new version of a sent document.")
@_AS
def revise_command(contract_id: str, year: int, kind: str, reason: str, username: str) -> None:
    """Open the next numbered version of a sent document; the sent ones stay as they were.

    \b
    Example:
      pilotage evaluation revise inami-2013-2015 2014 draft --reason "Typo in 11/2" --as alice
    """
    from pilotage.web.evaluation.services import revise_document

    found = _evaluation(contract_id, year)
    version = revise_document(found, kind, reason, _actor(contract_id, username))
    click.echo(f"{kind} version {version.number} opened: {reason}")


@evaluation.command("send")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.argument("kind", type=click.Choice(["draft", "report"]))
@_ON
@_AS
def send_command(contract_id: str, year: int, kind: str, on: dt.datetime, username: str) -> None:
    """Send (and freeze) a new version opened with `revise`.

    \b
    Example:
      pilotage evaluation send inami-2013-2015 2014 draft --on 2015-04-02 --as alice
    """
    from pilotage.web.evaluation.services import send_revision

    found = _evaluation(contract_id, year)
    version = send_revision(found, kind, on.date(), _actor(contract_id, username))
    click.echo(f"{kind} version {version.number} sent on {on.date().isoformat()}")


@evaluation.command("document")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.argument("kind", type=click.Choice(["draft", "report"]))
@click.option("--version", "number", type=int, help="Which version (default: the latest).")
def document_command(contract_id: str, year: int, kind: str, number: int | None) -> None:
    """A version of the draft or the report as JSON (as sent, once sent): what a document
    builder reads.

    \b
    Example:
      pilotage evaluation document inami-2013-2015 2014 draft --version 1
    """
    from pilotage.evaluation import document_to_json
    from pilotage.web.evaluation.services import document_of

    doc = document_of(_evaluation(contract_id, year), kind, number)
    click.echo(json.dumps(document_to_json(doc), indent=2, ensure_ascii=False))


from pilotage.cli import _evaluation_registers as evaluation_registers  # noqa: E402

evaluation_registers.register(evaluation)  # adds the register commands


@click.command("reminders")
@click.option("--days", type=click.IntRange(0, 366), default=30, show_default=True)
@click.option("--send", is_flag=True, help="E-mail each person their digest (once a day).")
@click.option("--as-of", type=_DAY, help="The day to count from (default: today in Brussels).")
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
def reminders(days: int, send: bool, as_of: dt.datetime | None, as_json: bool) -> None:
    """Every clock due within DAYS days or late: evaluation steps, adaptation requests awaiting
    the minister, action deadlines, continuous-mission deadlines. With --send, each person gets
    a digest of theirs by e-mail (Django's e-mail settings: see the README); safe from cron, a
    reminder is never sent to the same person twice a day.

    \b
    Examples:
      pilotage reminders --days 15
      pilotage reminders --days 30 --send          # e.g. from cron, every morning
    """
    web_cli.setup()
    from pilotage.web.catalogue.models import ContractVersion
    from pilotage.web.evaluation.reminding import contract_reminders, send_digests

    day = _day(as_of)
    if send:
        for line in send_digests(days, day).summary():
            click.echo(line)
        return
    from pilotage import followup

    today = day or followup.today()
    found: list[Any] = []
    seen: set[tuple[str, int]] = set()
    for version in ContractVersion.objects.select_related("institution").defer("content"):
        if (version.contract_id, version.institution_id) in seen:
            continue
        seen.add((version.contract_id, version.institution_id))
        found += [o.reminder for o in contract_reminders(version, days, today)]
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in found], indent=2, ensure_ascii=False))
        return
    for r in found:
        click.echo(f"{r.contract_id}  {r.line()}")
    click.echo(f"{len(found)} reminder(s) due within {days} day(s) of {today.isoformat()} or late")
