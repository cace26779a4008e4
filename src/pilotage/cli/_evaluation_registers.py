"""`pilotage evaluation request|art50|art51|meeting ...`: adaptation requests and the registers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import click

__all__ = ["register"]

_DAY = click.DateTime(formats=["%Y-%m-%d"])
_AS = click.option(
    "--as", "username", required=True, metavar="USERNAME", help="Who does it, with their rights."
)
_ON = click.option("--on", "on", type=_DAY, required=True, help="The day it happened (YYYY-MM-DD).")


def _actor(contract_id: str, username: str):  # type: ignore[no-untyped-def]
    from pilotage.cli._evaluation import _actor as actor

    return actor(contract_id, username)


@click.group("request")
def request_group() -> None:
    """Adaptation requests (art. 42) and new missions by law (art. 43).

    \b
    Examples:
      pilotage evaluation request add inami-2013-2015 --kind targets --title "..." \\
          --amendment adaptation.yaml --as alice
      pilotage evaluation request send inami-2013-2015 1 --on 2014-02-14 --as alice
      pilotage evaluation request decide inami-2013-2015 1 --approved --on 2014-03-10 --as bob
      pilotage evaluation request settle
    """


@request_group.command("list")
@click.argument("contract_id", metavar="CONTRACT")
def request_list(contract_id: str) -> None:
    """Every request of CONTRACT (rejected and withdrawn ones included), settled first."""
    from pilotage.web.evaluation import models as m
    from pilotage.web.evaluation.changes import settle_requests

    settle_requests(contract_id)
    for r in m.AdaptationRequest.objects.filter(contract_id=contract_id):
        due = r.decision_due.isoformat() if r.decision_due else "-"
        click.echo(f"no. {r.number} [{r.state}] {r.kind}: {r.title} (decision due {due})")


@request_group.command("add")
@click.argument("contract_id", metavar="CONTRACT")
@click.option(
    "--kind",
    type=click.Choice(["missions", "objectives", "indicators", "targets", "new_mission_by_law"]),
    required=True,
)
@click.option("--title", required=True)
@click.option("--amendment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_AS
def request_add(
    contract_id: str, kind: str, title: str, amendment: Path | None, username: str
) -> None:
    """Write a request: the amendment draft (a contract file, `kind: amendment`) is checked and
    consolidated on trial; a new mission by law is recorded as needing an avenant."""
    from pilotage.web.evaluation.changes import create_request, request_changes

    text = amendment.read_text(encoding="utf-8") if amendment else ""
    req = create_request(contract_id, kind, title, text, _actor(contract_id, username))
    click.echo(f"adaptation request no. {req.number} recorded [{req.state}]")
    for change in request_changes(req):
        click.echo(f"  {change}")


@request_group.command("send")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", type=int)
@_ON
@_AS
def request_send(contract_id: str, number: int, on: dt.datetime, username: str) -> None:
    """Record its sending to the supervising minister: the 30 working days start."""
    from pilotage.web.evaluation.changes import request_of, send_request

    req = send_request(request_of(contract_id, number), on.date(), _actor(contract_id, username))
    assert req.decision_due is not None
    click.echo(f"no. {number} sent on {on.date()}; decision due {req.decision_due.isoformat()}")


@request_group.command("decide")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", type=int)
@click.option("--approved/--rejected", required=True)
@_ON
@click.option("--note", default="")
@_AS
def request_decide(
    contract_id: str, number: int, approved: bool, on: dt.datetime, note: str, username: str
) -> None:
    """Record the minister's decision; an approval is consolidated into the contract."""
    from pilotage.web.evaluation.changes import decide_request, request_of

    req = request_of(contract_id, number)
    req = decide_request(req, approved, on.date(), note, _actor(contract_id, username))
    click.echo(f"no. {number}: {req.state}")


@request_group.command("withdraw")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", type=int)
@_ON
@_AS
def request_withdraw(contract_id: str, number: int, on: dt.datetime, username: str) -> None:
    """Withdraw a request not decided yet; it stays in the register."""
    from pilotage.web.evaluation.changes import request_of, withdraw_request

    withdraw_request(request_of(contract_id, number), on.date(), _actor(contract_id, username))
    click.echo(f"no. {number}: withdrawn")


@request_group.command("settle")
@click.argument("contract_id", metavar="CONTRACT", required=False)
def request_settle(contract_id: str | None) -> None:
    """Deem approved every request whose 30 working days ran out, and consolidate it."""
    from pilotage.web.evaluation.changes import settle_requests

    for req in settle_requests(contract_id):
        click.echo(f"{req}: deemed approved, consolidated ({req.consolidated})")


@click.group("art50")
def art50_group() -> None:
    """The register of measures decided after signature (art. 50)."""


@art50_group.command("list")
@click.argument("contract_id", metavar="CONTRACT")
def art50_list(contract_id: str) -> None:
    from pilotage.web.evaluation.registers import art50_entries
    from pilotage.web.progress.recording import version_of

    for e in art50_entries(contract_id, version_of(contract_id).institution):
        click.echo(f"no. {e.number} {e.decided_on} {e.source.value}: {e.description}")


@art50_group.command("add")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--decided-on", type=_DAY, required=True)
@click.option(
    "--source",
    type=click.Choice(["law", "royal_decree", "ministerial_decision", "other"]),
    required=True,
)
@click.option("--description", required=True)
@click.option("--affects", required=True, help='Objective codes or action keys: "22/1,22/3".')
@click.option("--communicated-on", type=_DAY)
@click.option("--cases", type=int)
@click.option("--fte", type=str)
@click.option("--days", type=int)
@click.option("--neutralise-from", type=_DAY)
@click.option("--neutralise-to", type=_DAY)
@_AS
def art50_add(
    contract_id: str,
    decided_on: dt.datetime,
    source: str,
    description: str,
    affects: str,
    communicated_on: dt.datetime | None,
    cases: int | None,
    fte: str | None,
    days: int | None,
    neutralise_from: dt.datetime | None,
    neutralise_to: dt.datetime | None,
    username: str,
) -> None:
    """Record a measure, its estimated effect, when its impact was communicated and the period
    it neutralises the affected objectives for.

    \b
    Example:
      pilotage evaluation art50 add inami-2013-2015 --decided-on 2013-11-08 \\
          --source royal_decree --description "..." --affects 22/1,22/3 \\
          --communicated-on 2013-12-02 --neutralise-from 2014-01-01 \\
          --neutralise-to 2014-06-30 --as alice
    """
    from pilotage.evaluation import MeasureSource
    from pilotage.web.evaluation.registers import Art50Input, record_art50

    def day(v: dt.datetime | None) -> dt.date | None:
        return v.date() if v else None

    data = Art50Input(
        decided_on.date(),
        MeasureSource(source),
        description,
        tuple(affects.split(",")),
        day(communicated_on),
        cases,
        Decimal(fte) if fte else None,
        days,
        True,
        day(neutralise_from),
        day(neutralise_to),
    )
    row = record_art50(contract_id, data, _actor(contract_id, username))
    click.echo(f"art. 50 no. {row.number} recorded")


@click.group("art51")
def art51_group() -> None:
    """Notices of a commitment that cannot be kept (art. 51), and their escalation."""


@art51_group.command("list")
@click.argument("contract_id", metavar="CONTRACT")
def art51_list(contract_id: str) -> None:
    from pilotage.web.evaluation.registers import art51_notices
    from pilotage.web.progress.recording import version_of

    for n in art51_notices(contract_id, version_of(contract_id).institution):
        click.echo(f"no. {n.number} [{n.stage.value}] {n.party.value} {n.given_on}: {n.subject}")


@art51_group.command("give")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--subject", required=True, help="The objective code or action key.")
@click.option("--reason", required=True)
@_ON
@_AS
def art51_give(contract_id: str, subject: str, reason: str, on: dt.datetime, username: str) -> None:
    """Inform the other party, for your own party."""
    from pilotage.web.evaluation.registers import give_notice

    row = give_notice(contract_id, subject, reason, on.date(), _actor(contract_id, username))
    click.echo(f"art. 51 notice no. {row.number} given by the {row.party}")


@art51_group.command("advance")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", type=int)
@click.argument(
    "stage",
    type=click.Choice(
        [
            "acknowledged",
            "measures_agreed",
            "conciliation",
            "contradictory_report",
            "council_of_ministers",
            "closed",
        ]
    ),
)
@_ON
@click.option("--measures", default="", help="The remedial measures agreed.")
@click.option("--committee-opinion-on", type=_DAY)
@click.option("--college-opinion-on", type=_DAY)
@_AS
def art51_advance(
    contract_id: str,
    number: int,
    stage: str,
    on: dt.datetime,
    measures: str,
    committee_opinion_on: dt.datetime | None,
    college_opinion_on: dt.datetime | None,
    username: str,
) -> None:
    """Acknowledge (the other party), agree measures, escalate in art. 51's order, or close."""
    from pilotage.errors import EvaluationError
    from pilotage.evaluation import Art51Stage
    from pilotage.web.evaluation import models as m
    from pilotage.web.evaluation.registers import advance_notice

    row = m.Art51Notice.objects.filter(contract_id=contract_id, number=number).first()
    if row is None:
        raise EvaluationError(f"{contract_id} has no art. 51 notice no. {number}")
    advance_notice(
        row,
        Art51Stage(stage),
        on.date(),
        _actor(contract_id, username),
        measures=measures,
        management_committee_opinion_on=committee_opinion_on.date()
        if committee_opinion_on
        else None,
        college_opinion_on=college_opinion_on.date() if college_opinion_on else None,
    )
    click.echo(f"art. 51 notice no. {number}: {stage}")


@click.group("meeting")
def meeting_group() -> None:
    """Periodic concertation meetings (art. 48)."""


@meeting_group.command("list")
@click.argument("contract_id", metavar="CONTRACT")
def meeting_list(contract_id: str) -> None:
    from pilotage.web.evaluation import models as m

    for r in m.ConcertationMeeting.objects.filter(contract_id=contract_id):
        click.echo(f"{r.held_on}: {r.subject} ({r.participants})")


@meeting_group.command("add")
@click.argument("contract_id", metavar="CONTRACT")
@_ON
@click.option("--subject", required=True)
@click.option("--participants", required=True)
@click.option("--decisions", default="")
@_AS
def meeting_add(
    contract_id: str,
    on: dt.datetime,
    subject: str,
    participants: str,
    decisions: str,
    username: str,
) -> None:
    """Record a meeting: its date, participants and decisions."""
    from pilotage.web.evaluation.registers import record_meeting

    record_meeting(
        contract_id, on.date(), subject, participants, decisions, _actor(contract_id, username)
    )
    click.echo(f"art. 48 meeting of {on.date()} recorded")


def register(group: click.Group) -> None:
    for sub in (request_group, art50_group, art51_group, meeting_group):
        group.add_command(sub)
