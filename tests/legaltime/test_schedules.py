"""Recurring schedules: the occurrences between two days."""

from __future__ import annotations

import datetime as dt

import pytest

from pilotage.contract import Recurrence
from pilotage.errors import IntervalError, LegalTimeError
from pilotage.legaltime import PeriodKind, Schedule

D = dt.date
CONTRACT = (D(2013, 1, 1), D(2015, 12, 31))  # the INAMI contract 2013-2015


def dues(schedule: Schedule, first: dt.date, last: dt.date, **kw: dt.date) -> list[dt.date]:
    return [o.due for o in schedule.occurrences(first, last, **kw)]


def test_semestrial() -> None:
    assert dues(Schedule(PeriodKind.SEMESTER), *CONTRACT) == [
        D(2013, 6, 30), D(2013, 12, 31), D(2014, 6, 30), D(2014, 12, 31), D(2015, 6, 30),
        D(2015, 12, 31),
    ]  # fmt: skip


def test_annual() -> None:
    occurrences = Schedule(PeriodKind.YEAR).occurrences(*CONTRACT)
    assert [o.due for o in occurrences] == [D(2013, 12, 31), D(2014, 12, 31), D(2015, 12, 31)]
    assert occurrences[0].opens == D(2013, 1, 1)
    assert str(occurrences[0].cycle) == "2013"


def test_every_five_years_from_an_anchor() -> None:
    five = Schedule(PeriodKind.YEAR, every=5)
    occurrences = five.occurrences(D(2013, 1, 1), D(2022, 12, 31), anchor=D(2013, 1, 1))
    assert [o.due for o in occurrences] == [D(2017, 12, 31), D(2022, 12, 31)]
    assert str(occurrences[0].cycle) == "2013-01-01..2017-12-31"


def test_by_the_end_of_the_first_quarter_of_each_calendar_year() -> None:
    schedule = Schedule(PeriodKind.YEAR, 1, PeriodKind.QUARTER, 1)
    occurrences = schedule.occurrences(*CONTRACT)
    assert [o.due for o in occurrences] == [D(2013, 3, 31), D(2014, 3, 31), D(2015, 3, 31)]
    assert occurrences[0].opens == D(2013, 1, 1)
    third = Schedule(PeriodKind.YEAR, 1, PeriodKind.QUARTER, 3)
    assert dues(third, *CONTRACT) == [D(2013, 9, 30), D(2014, 9, 30), D(2015, 9, 30)]


def test_each_year_during_the_fourth_quarter_of_year_x_minus_1() -> None:
    schedule = Schedule(PeriodKind.YEAR, 1, PeriodKind.QUARTER, 4, year_offset=-1, within=True)
    occurrences = schedule.occurrences(*CONTRACT)
    # The work for year X happens from 1 October to 31 December of X-1.
    assert [(str(o.cycle), o.opens, o.due) for o in occurrences] == [
        ("2014", D(2013, 10, 1), D(2013, 12, 31)),
        ("2015", D(2014, 10, 1), D(2014, 12, 31)),
        ("2016", D(2015, 10, 1), D(2015, 12, 31)),
    ]
    assert "previous year" in schedule.describe()


def test_recurrence_round_trip() -> None:
    schedule = Schedule(PeriodKind.YEAR, 1, PeriodKind.QUARTER, 4, year_offset=-1, within=True)
    recurrence = schedule.to_recurrence()
    assert recurrence == Recurrence(every=1, unit="year", period="quarter", index=4, year_offset=-1)
    assert Schedule.from_recurrence(recurrence) == schedule


def test_bad_schedules() -> None:
    with pytest.raises(LegalTimeError, match="index 5"):
        Schedule(PeriodKind.YEAR, 1, PeriodKind.QUARTER, 5)
    with pytest.raises(LegalTimeError):
        Schedule(PeriodKind.CONTRACT)
    with pytest.raises(LegalTimeError):
        Schedule(PeriodKind.YEAR, 1, PeriodKind.QUARTER)
    with pytest.raises(IntervalError):
        Schedule(PeriodKind.YEAR).occurrences(D(2015, 1, 1), D(2013, 1, 1))
