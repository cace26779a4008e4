"""The term of a contract counted from its first day: `months_from` and `nth_year`."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilotage.errors import IntervalError
from pilotage.legaltime import PeriodKind, months_from, nth_year


@pytest.mark.parametrize(
    ("first", "months", "last"),
    [
        (dt.date(2023, 1, 1), 60, dt.date(2027, 12, 31)),
        (dt.date(2019, 3, 15), 12, dt.date(2020, 3, 14)),
        (dt.date(2019, 1, 31), 1, dt.date(2019, 2, 28)),
        (dt.date(2020, 1, 30), 1, dt.date(2020, 2, 29)),
        (dt.date(2013, 1, 1), 36, dt.date(2015, 12, 31)),
    ],
)
def test_a_term_ends_the_day_before_the_same_day_number(
    first: dt.date, months: int, last: dt.date
) -> None:
    term = months_from(first, months)
    assert (term.first, term.last, term.kind) == (first, last, PeriodKind.CONTRACT)


def test_the_years_of_a_term() -> None:
    assert str(nth_year(dt.date(2019, 7, 1), 2)) == "2020-07-01..2021-06-30"
    assert (nth_year(dt.date(2016, 1, 1), 3).first, nth_year(dt.date(2016, 1, 1), 3).last) == (
        dt.date(2018, 1, 1),
        dt.date(2018, 12, 31),
    )
    with pytest.raises(IntervalError):
        nth_year(dt.date(2016, 1, 1), 0)
    with pytest.raises(IntervalError):
        months_from(dt.date(2016, 1, 1), 0)


@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), st.integers(1, 10))
def test_consecutive_years_tile_the_term(first: dt.date, years: int) -> None:
    term = months_from(first, 12 * years)
    parts = [nth_year(first, n) for n in range(1, years + 1)]
    assert parts[0].first == term.first
    assert parts[-1].last == term.last
    for a, b in itertools.pairwise(parts):
        assert b.first == a.last + dt.timedelta(days=1)


def test_a_term_from_29_february() -> None:
    first = dt.date(2024, 2, 29)
    assert str(nth_year(first, 1)) == "2024-02-29..2025-02-28"
    assert str(nth_year(first, 2)) == "2025-03-01..2026-02-28"
    assert months_from(first, 24).last == dt.date(2026, 2, 28)
