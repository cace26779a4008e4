"""Periods: month, quarter, semester, year and contract period."""

from __future__ import annotations

import datetime as dt

import pytest

from pilotage.errors import DeadlineSyntaxError, ImpossibleDateError, IntervalError
from pilotage.legaltime import Period, PeriodKind, period_of, periods_between

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "first", "last"),
    [
        ("2019-03", PeriodKind.MONTH, D(2019, 3, 1), D(2019, 3, 31)),
        ("2020-02", PeriodKind.MONTH, D(2020, 2, 1), D(2020, 2, 29)),
        ("2019-Q3", PeriodKind.QUARTER, D(2019, 7, 1), D(2019, 9, 30)),
        ("2019-S2", PeriodKind.SEMESTER, D(2019, 7, 1), D(2019, 12, 31)),
        ("2019", PeriodKind.YEAR, D(2019, 1, 1), D(2019, 12, 31)),
        ("2019-01-01..2020-12-31", PeriodKind.CONTRACT, D(2019, 1, 1), D(2020, 12, 31)),
    ],
)
def test_parse_bounds_and_format(
    text: str, kind: PeriodKind, first: dt.date, last: dt.date
) -> None:
    period = Period.parse(text)
    assert (period.kind, period.first, period.last) == (kind, first, last)
    assert str(period) == text


def test_lower_case_quarter() -> None:
    assert str(Period.parse("2019-q1")) == "2019-Q1"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("2019-Q5", DeadlineSyntaxError),
        ("2019-S3", DeadlineSyntaxError),
        ("2019-13", DeadlineSyntaxError),
        ("Q1 2019", DeadlineSyntaxError),
        ("2019-02-30..2019-03-31", ImpossibleDateError),
        ("2020-12-31..2019-01-01", IntervalError),
    ],
)
def test_bad_periods(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        Period.parse(text)


def test_between() -> None:
    quarters = periods_between("2019-Q1", "2020-Q4")
    assert [str(q) for q in quarters] == [
        "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4",
    ]  # fmt: skip
    assert [str(m) for m in periods_between("2019-11", "2020-02")] == [
        "2019-11", "2019-12", "2020-01", "2020-02",
    ]  # fmt: skip
    assert periods_between("2019", "2019") == [Period.parse("2019")]


def test_between_needs_one_kind_in_order() -> None:
    with pytest.raises(IntervalError, match="one kind"):
        periods_between("2019-Q1", "2020")
    with pytest.raises(IntervalError, match="earlier"):
        periods_between("2020-Q1", "2019-Q1")
    with pytest.raises(IntervalError, match="contract periods"):
        periods_between("2016-01-01..2018-12-31", "2019-01-01..2020-12-31")


def test_navigation_and_split() -> None:
    q4 = Period.parse("2019-Q4")
    assert str(q4.next()) == "2020-Q1"
    assert str(q4.previous()) == "2019-Q3"
    assert str(Period.parse("2019-01").previous()) == "2018-12"
    assert q4.contains(D(2019, 12, 31))
    assert not q4.contains(D(2020, 1, 1))
    assert q4.days == 92
    contract = Period.parse("2019-01-01..2020-12-31")
    assert [str(p) for p in contract.split(PeriodKind.SEMESTER)] == [
        "2019-S1", "2019-S2", "2020-S1", "2020-S2",
    ]  # fmt: skip
    assert len(contract.split(PeriodKind.QUARTER)) == 8
    with pytest.raises(IntervalError):
        contract.next()


def test_period_of_a_day() -> None:
    assert str(period_of(D(2019, 8, 15), PeriodKind.QUARTER)) == "2019-Q3"
    assert str(period_of(D(2019, 8, 15), PeriodKind.SEMESTER)) == "2019-S2"
    assert str(period_of(D(2019, 8, 15), PeriodKind.MONTH)) == "2019-08"
    with pytest.raises(IntervalError):
        period_of(D(2019, 8, 15), PeriodKind.CONTRACT)
