"""`pilotage budget ...`: the management budget's ledger from the command line, through the
service functions the pages call (same rules, same audit trail).

Every change is made as the user named with --as, under that user's rights: the contract
manager records operations, the statutory part and execution imports; the government
commissioner for the Budget records the processing of transfers and opinions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from pilotage.cli import _web as web_cli
from pilotage.errors import BudgetError, WebJobError

__all__ = ["budget"]

_DAY = click.DateTime(formats=["%Y-%m-%d"])
_AS = click.option(
    "--as", "username", required=True, metavar="USERNAME", help="Who does it, with their rights."
)
_ON = click.option(
    "--on", "on", type=_DAY, required=True, help="The day it counts from (YYYY-MM-DD)."
)
_BASIS = click.option(
    "--basis", required=True, help='The legal basis and decision: "art. 68; note DG 2014/12".'
)
_DOCS = click.option(
    "--document", "documents", multiple=True, help="A document it rests on (repeat for several)."
)
_AUTHORISATION = "budget.authorisation"


def _authorisation(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is None:
        return
    from pilotage.budget import Authorisation

    reference, _, day = value.rpartition("@")
    try:
        ctx.meta[_AUTHORISATION] = Authorisation(dt.date.fromisoformat(day), reference.strip())
    except ValueError:
        raise click.BadParameter(
            f'{value!r}: write REFERENCE@YYYY-MM-DD ("AM 2014/3@2014-02-20")'
        ) from None
    if not reference.strip():
        raise click.BadParameter(f"{value!r}: write REFERENCE@YYYY-MM-DD, the reference first")


def _NOTE(command: Any) -> Any:
    """--note, and --authorisation (art. 72), on every command that records an operation."""
    command = click.option(
        "--authorisation", expose_value=False, callback=_authorisation, metavar="REF@DATE",
        help="The prior authorisation of art. 72 (real estate above EUR 5 million): "
        "its reference and date, AM 2014/3@2014-02-20.",
    )(command)  # fmt: skip
    return click.option("--note", default="", help="A note shown with the operation.")(command)


def _amount(value: str) -> Decimal:
    from pilotage.budget import parse_amount

    return parse_amount(value)


def _user(username: str) -> Any:
    from django.contrib.auth.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise WebJobError(f"no active user {username!r} (pilotage web users lists them)")
    return user


def _common(
    on: dt.datetime, username: str, basis: str, documents: tuple[str, ...], note: str
) -> dict[str, Any]:
    return {
        "on": on.date(),
        "author": username,
        "basis": basis,
        "documents": tuple(documents),
        "note": note,
        "authorisation": click.get_current_context().meta.get(_AUTHORISATION),
    }


def _recorded(contract_id: str, op: Any, username: str) -> None:
    from pilotage.budget import format_eur
    from pilotage.web.budget.services import record_operation

    entry = record_operation(contract_id, op, _user(username))
    click.echo(f"no. {entry.number} recorded: {op.kind} of {op.on.isoformat()}")
    for x in entry.movements:
        click.echo(f"  {x.year} {x.credit}: {'+' if x.amount > 0 else ''}{format_eur(x.amount)}")
    for line in entry.working:
        click.echo(f"  {line.credit}: {line.working}")


@click.group()
def budget() -> None:
    """The management budget as a ledger (INAMI art. 63-74, INASTI 7.3.10-11).

    Each year's credits open at the contract's table (pilotage contract show); every change
    is a dated operation with its author, legal basis and documents, never edited: a mistake
    is undone with `counter`. The rules refuse, and say why: a limitative credit overdrawn
    (art. 67), statutory personnel above the contract's cap, a carry-over beyond the
    contract's years (art. 69), real estate above EUR 5 million without prior authorisation
    (art. 72), own revenues without the opinion they need (art. 64). Amounts in euros:
    1234.56, 1234,56 or 1.234.567,89.

    \b
    Examples:
      pilotage budget balance inami-2013-2015 2014
      pilotage budget transfer inami-2013-2015 --year 2014 --from operating.ordinary \\
          --to operating.it --amount 250000 --on 2014-03-10 --basis "art. 68" --as alice
      pilotage budget process inami-2013-2015 1 --on 2014-03-14 --reference CB/14/3 --as bob
      pilotage budget reevaluate inami-2013-2015 2014 --parameters params.csv \\
          --on 2013-10-15 --basis "art. 71" --dry-run --as alice
      pilotage budget execution import inami-2013-2015 execution-2014.csv --as alice
      pilotage budget statement inami-2013-2015 2014 --language nl -o staat-2014.xlsx
    """
    web_cli.setup()


@budget.command("ledger")
@click.argument("contract_id", metavar="CONTRACT")
def ledger_command(contract_id: str) -> None:
    """Every operation of CONTRACT in order, with its movements, processing and counters.

    \b
    Example:
      pilotage budget ledger inami-2013-2015
    """
    from pilotage.budget import format_eur
    from pilotage.web.budget.services import ledger_of

    ledger = ledger_of(contract_id)
    if not ledger.entries:
        click.echo(f"{contract_id}: no operation yet; the credits are the contract's table")
    for e in ledger.entries:
        op = e.operation
        flag = " [DEMONSTRATION]" if op.demonstration else ""
        click.echo(f"no. {e.number} {op.on.isoformat()} {op.kind} by {op.author}{flag}: {op.basis}")
        for x in e.movements:
            click.echo(f"    {x.year} {x.credit}: {format_eur(x.amount)}")
        step = ledger.processing_of(e.number)
        if step is not None:
            state = "processed" if step.agreed else "NOT AGREED (to be countered)"
            click.echo(f"    {state} by {step.by} on {step.on.isoformat()} ({step.reference})")
        elif e in ledger.awaiting_processing():
            click.echo("    awaiting the commissioner for the Budget's processing (art. 68)")
        counter = ledger.countered(e.number)
        if counter is not None:
            click.echo(f"    countered by no. {counter.number} on {counter.on.isoformat()}")


@budget.command("balance")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.option("--on", "on", type=_DAY, help="As it stood on that day (default: everything).")
def balance_command(contract_id: str, year: int, on: dt.datetime | None) -> None:
    """Each credit, line and the total of YEAR: opening, balance, and what moved it.

    \b
    Example:
      pilotage budget balance inami-2013-2015 2014 --on 2014-06-30
    """
    from pilotage.budget import format_eur
    from pilotage.web.budget.services import ledger_of

    ledger = ledger_of(contract_id)
    day = on.date() if on else None
    t = ledger.table
    for code in [*t.codes(), *t.groups]:
        opening, now = t.opening(code, year), ledger.balance(code, year, day)
        moved = (
            f"  ({'+' if now >= opening else ''}{format_eur(now - opening)})"
            if now != opening
            else ""
        )
        click.echo(f"{code:<26} {format_eur(opening):>22} {format_eur(now):>22}{moved}")
    statutory = ledger.statutory(year, day)
    cap = t.statutory_personnel_cap.get(year)
    if statutory is not None and cap is not None:
        click.echo(f"statutory personnel {format_eur(statutory)} (cap {format_eur(cap)})")


@budget.command("transfer")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--year", type=int, required=True)
@click.option("--from", "source", required=True, metavar="CREDIT")
@click.option("--to", "target", required=True, metavar="CREDIT")
@click.option("--amount", required=True)
@click.option(
    "--statutory", default="0", help="The statutory part moved, between personnel credits."
)
@_ON
@_BASIS
@_DOCS
@_NOTE
@_AS
def transfer_command(
    contract_id: str,
    year: int,
    source: str,
    target: str,
    amount: str,
    statutory: str,
    on: dt.datetime,
    basis: str,
    documents: tuple[str, ...],
    note: str,
    username: str,
) -> None:
    """Move AMOUNT between two credits of YEAR (art. 68); the commissioner for the Budget
    processes it after (`pilotage budget process`)."""
    from pilotage.budget import Transfer

    op = Transfer(
        year=year,
        source=source,
        target=target,
        amount=_amount(amount),
        statutory=_amount(statutory),
        **_common(on, username, basis, documents, note),
    )
    _recorded(contract_id, op, username)


@budget.command("process")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", type=int)
@_ON
@click.option("--reference", required=True, help="The commissioner's letter or note.")
@click.option("--not-agreed", is_flag=True, help="The commissioner does not agree: counter it.")
@_AS
def process_command(
    contract_id: str, number: int, on: dt.datetime, reference: str, not_agreed: bool, username: str
) -> None:
    """Record the commissioner for the Budget's processing of transfer NUMBER (art. 68)."""
    from pilotage.web.budget.services import process_transfer

    process_transfer(
        contract_id, number, on.date(), reference, agreed=not not_agreed, user=_user(username)
    )
    click.echo(
        f"transfer no. {number}: {'not agreed' if not_agreed else 'processed'} on {on.date()}"
    )


@budget.command("opinion")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--subject", required=True)
@_ON
@click.option("--reference", required=True)
@click.option("--unfavourable", is_flag=True)
@_AS
def opinion_command(
    contract_id: str,
    subject: str,
    on: dt.datetime,
    reference: str,
    unfavourable: bool,
    username: str,
) -> None:
    """Record an opinion of the commissioner for the Budget; an own revenue (art. 64) or a
    real-estate need (art. 71 c) cites its number with --opinion."""
    from pilotage.web.budget.services import record_opinion

    row = record_opinion(
        contract_id,
        subject,
        on.date(),
        reference,
        favourable=not unfavourable,
        user=_user(username),
    )
    click.echo(
        f"opinion no. {row.number} recorded ({'unfavourable' if unfavourable else 'favourable'})"
    )


@budget.command("carry-over")
@click.argument("contract_id", metavar="CONTRACT")
@click.option("--year", type=int, required=True, help="The year whose unused credit is carried.")
@click.option("--credit", required=True)
@click.option("--amount", required=True)
@_ON
@_BASIS
@_DOCS
@_NOTE
@_AS
def carry_over_command(
    contract_id: str,
    year: int,
    credit: str,
    amount: str,
    on: dt.datetime,
    basis: str,
    documents: tuple[str, ...],
    note: str,
    username: str,
) -> None:
    """Carry AMOUNT of CREDIT's unused credit of YEAR to the next year (art. 69)."""
    from pilotage.budget import CarryOver

    op = CarryOver(
        year=year,
        credit=credit,
        amount=_amount(amount),
        **_common(on, username, basis, documents, note),
    )
    _recorded(contract_id, op, username)


@budget.command("counter")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("number", type=int)
@_ON
@click.option("--reason", required=True, help="Why the operation is undone.")
@_AS
def counter_command(
    contract_id: str, number: int, on: dt.datetime, reason: str, username: str
) -> None:
    """Undo operation NUMBER from a day on: a counter-operation (nothing is edited or deleted)."""
    from pilotage.budget import Counter

    _recorded(
        contract_id, Counter(of=number, on=on.date(), author=username, basis=reason), username
    )


@budget.command("statutory")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.argument("amount")
@click.option("--source", required=True, help="Where the figure comes from.")
@_AS
def statutory_command(contract_id: str, year: int, amount: str, source: str, username: str) -> None:
    """Record the statutory part of the personnel credits of YEAR, which the contract's cap
    limits (AR 3 April 1997 art. 5); once, before the year's first operation."""
    from pilotage.web.budget.services import record_statutory

    record_statutory(contract_id, year, _amount(amount), source, _user(username))
    click.echo(f"statutory personnel credit of {year} recorded")


@budget.group("execution")
def execution() -> None:
    """Commitments and payments per budget article and month: import, follow."""


@execution.command("import")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@_AS
def execution_import(contract_id: str, path: Path, username: str) -> None:
    """Import an execution file (CSV or XLSX) with the columns month (YYYY-MM), article
    and/or credit, committed, paid. Any bad row stores nothing: every problem is listed.

    \b
    Example (execution-2014.csv):
      month,article,credit,committed,paid
      2014-01,8111,,7500000.00,7400000.00
      2014-01,,operating.it,"1.200.000,00","900.000,00"
    """
    from pilotage.web.budget.services import import_execution

    report = import_execution(contract_id, path, _user(username))
    if not report.ok:
        for r in report.rejections:
            click.echo(str(r), err=True)
        raise BudgetError(f"{path}: {len(report.rejections)} problem(s); nothing imported")
    assert report.execution is not None
    click.echo(f"{path}: {report.rows} row(s) imported")


@execution.command("show")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
def execution_show(contract_id: str, year: int) -> None:
    """Credits against execution: committed, paid, rate, projected year end and alerts.
    The projection carries the pace so far to December (no seasons)."""
    from pilotage.budget import format_eur
    from pilotage.web.budget.services import follow_up

    for f in follow_up(contract_id, year):
        rate = f"{f.rate * 100:.1f}%" if f.rate is not None else "-"
        projected = format_eur(f.projected) if f.projected is not None else "-"
        click.echo(
            f"{f.code:<26} credit {format_eur(f.credit)}  committed {format_eur(f.committed)} "
            f"({rate})  paid {format_eur(f.paid)}  projected {projected}"
        )
        if f.alert is not None:
            click.echo(f"  ALERT {f.alert.kind}: {f.alert.text}")


@budget.command("statement")
@click.argument("contract_id", metavar="CONTRACT")
@click.argument("year", type=int)
@click.option("--language", type=click.Choice(["fr", "nl"]), default="fr", show_default=True)
@click.option("--on", "on", type=_DAY, help="As it stood on that day (default: everything).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="The XLSX file to write.",
)  # fmt: skip
def statement_command(
    contract_id: str, year: int, language: str, on: dt.datetime | None, output: Path
) -> None:
    """The statement of management revenues and expenses of YEAR to the ministers (art. 74)
    as XLSX: per credit the opening, the changes by kind, the credit now, committed, paid,
    rate, projected year end and alerts; the operations; the execution month by month.

    \b
    Example:
      pilotage budget statement inami-2013-2015 2014 --language nl -o staat-2014.xlsx
    """
    from pilotage.web.budget.services import statement

    data = statement(contract_id, year, language, on.date() if on else None)
    output.write_bytes(data)
    click.echo(f"{output}: statement {year} ({language}), {len(data)} bytes")
