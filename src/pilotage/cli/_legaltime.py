"""`pilotage deadline | elapsed | periods | holidays`: legal time from the command line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pilotage import legaltime as lt
from pilotage.contract import Convention
from pilotage.legaltime import DEFAULT_CALENDAR, Calendar, DayKind, Period, PeriodKind

__all__ = ["deadline", "elapsed", "holidays", "periods"]

F = TypeVar("F", bound=Callable[..., Any])
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _calendar_options(command: F) -> F:
    command = click.option(
        "--calendar-file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A YAML file of the institution's own calendars (closing days, layers).",
    )(command)
    return click.option(
        "--calendar",
        "calendar_name",
        default=DEFAULT_CALENDAR,
        show_default=True,
        metavar="NAME",
        help=f"Holiday calendar: {', '.join(lt.calendar_names())}, or one from --calendar-file.",
    )(command)


def _calendar(name: str, file: Path | None) -> Calendar:
    return lt.get_calendar(name, lt.load_calendars(file) if file else None)


def _day(text: str) -> dt.date:
    return lt.parse_date(text)


@click.command()
@click.argument("start")
@click.argument("rule", nargs=-1, required=True)
@click.option(
    "--convention",
    type=click.Choice([c.value for c in Convention]),
    default=Convention.JUDICIAL.value,
    show_default=True,
    help="judicial: Judicial Code art. 52-54 (roll-forward, months de quantième à veille de "
    "quantième); elapsed: plain count, no roll-forward.",
)
@click.option(
    "--roll/--no-roll",
    default=None,
    help="Force whether a deadline on a non-working day moves to the next working day "
    "(default: the convention decides; fixed dates and period ends do not move).",
)
@_calendar_options
@click.option("--json", "as_json", is_flag=True, help="Print the rule as understood and why.")
def deadline(
    start: str,
    rule: tuple[str, ...],
    convention: str,
    roll: bool | None,
    calendar_name: str,
    calendar_file: Path | None,
    as_json: bool,
) -> None:
    """Print the deadline of RULE for a case that starts on START.

    START is a date (2019-07-05, 05/07/2019, 5 juillet 2019). RULE is a delay or deadline as a
    contract prints it, in French, Dutch or English; quoting it is optional.

    \b
    Examples (with their answers):
      pilotage deadline 2019-07-05 "15 jours"                        2019-07-22
        (Saturday 20 July rolls past Sunday 21 July, national holiday)
      pilotage deadline 2019-07-03 15 jours ouvrables                2019-07-22
      pilotage deadline 2019-07-03 15 werkdagen --convention elapsed 2019-07-20
      pilotage deadline 2019-06-30 "1 mois"                          2019-07-31
      pilotage deadline 2019-01-11 "120 jours" --convention elapsed  2019-05-11
      pilotage deadline 2020-02-11 "31 mai" --roll                   2020-06-02
      pilotage deadline 2019-02-11 "fin du trimestre"                2019-03-31
      pilotage deadline 2019-07-05 "10 working days mon-fri"         2019-07-19
      pilotage deadline 2019-03-15 "X + 6 mois (X étant la publication)" --json
    """
    cal = _calendar(calendar_name, calendar_file)
    parsed = lt.parse_rule(" ".join(rule), Convention(convention), cal)
    if roll is not None:
        parsed = parsed.using(rolls_forward=roll)
    answer = lt.deadline(_day(start), parsed)
    if as_json:
        click.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(answer.day.isoformat())


@click.command()
@click.argument("start")
@click.argument("end")
@click.option(
    "--days",
    type=click.Choice([k.value for k in DayKind]),
    default=DayKind.CALENDAR.value,
    show_default=True,
    help="calendar: every day; mon-sat: jours ouvrables / werkdagen (social security law); "
    "mon-fri: jours ouvrés (Civil Code art. 1.7); holidays of --calendar excluded.",
)
@_calendar_options
def elapsed(
    start: str, end: str, days: str, calendar_name: str, calendar_file: Path | None
) -> None:
    """Print how many days of a kind run after START up to and including END.

    The start day is not counted, the end day is. An END before START is invalid data: an
    error with exit status 1, never a negative count.

    \b
    Examples (with their answers):
      pilotage elapsed 2019-07-05 2019-07-22                  17
      pilotage elapsed 2019-07-05 2019-07-22 --days mon-sat   14
      pilotage elapsed 2019-07-05 2019-07-22 --days mon-fri   11
      pilotage elapsed 2019-11-08 2019-11-29 --days mon-fri --calendar be-federal   13
    """
    cal = _calendar(calendar_name, calendar_file)
    click.echo(str(lt.elapsed(_day(start), _day(end), DayKind(days), cal)))


@click.command()
@click.argument("first")
@click.argument("last", required=False)
@click.option(
    "--per",
    type=click.Choice([k.value for k in PeriodKind if k is not PeriodKind.CONTRACT]),
    help="Cut the periods into months, quarters, semesters or years.",
)
def periods(first: str, last: str | None, per: str | None) -> None:
    """List the periods from FIRST to LAST with their first and last days.

    A period is written 2019-03 (month), 2019-Q3 (quarter), 2019-S2 (semester), 2019 (year)
    or 2019-01-01..2020-12-31 (a contract period).

    \b
    Examples:
      pilotage periods 2019-Q1 2020-Q4
      pilotage periods 2019-01 2019-06
      pilotage periods 2019-01-01..2020-12-31 --per semester
    """
    listed = lt.periods_between(first, last) if last else [Period.parse(first)]
    if per:
        listed = [part for p in listed for part in p.split(PeriodKind(per))]
    for p in listed:
        click.echo(f"{p!s:<24} {p.first.isoformat()}  {p.last.isoformat()}  {p.days:>3} days")


@click.command()
@click.argument("year", type=int)
@_calendar_options
def holidays(year: int, calendar_name: str, calendar_file: Path | None) -> None:
    """List the non-working days of a calendar in YEAR, in French and Dutch.

    be-legal holds the ten legal public holidays (Royal Decree of 18 April 1974) with their
    corrections (2 May 2008); be-federal adds 15 November; be-flemish 11 July; be-french 27
    September; be-german 15 November. An institution's own calendar comes from a YAML file.

    \b
    Examples:
      pilotage holidays 2019
      pilotage holidays 2008
      pilotage holidays 2019 --calendar be-federal
      pilotage holidays 2019 --calendar inami --calendar-file calendars.yaml
    """
    cal = _calendar(calendar_name, calendar_file)
    for h in cal.holidays(year):
        weekday = WEEKDAYS[h.day.weekday()]
        click.echo(f"{h.day.isoformat()}  {weekday:<9}  {h.fr:<40}  {h.nl}  [{h.layer}]")
