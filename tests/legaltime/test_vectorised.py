"""The calendar table and the numpy functions the indicator engine uses."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest

from pilotage.errors import IntervalError, LegalTimeError
from pilotage.legaltime import (
    Convention,
    DayKind,
    PeriodKind,
    Rule,
    calendar_table,
    deadline,
    deadlines,
    parse_rule,
    vectorised,
    with_deadlines,
)

D = dt.date


def days(*values: str) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]")


def test_calendar_table_schema() -> None:
    table = calendar_table(D(2019, 1, 1), D(2019, 12, 31))
    assert table.num_rows == 365
    expected = {
        "day": pa.date32(),
        "day_number": pa.int32(),
        "is_working_mon_sat": pa.bool_(),
        "is_working_mon_fri": pa.bool_(),
        "cum_working_mon_sat": pa.int32(),
        "cum_working_mon_fri": pa.int32(),
        "next_working_mon_sat": pa.date32(),
        "next_working_mon_fri": pa.date32(),
    }
    for name, kind in expected.items():
        assert table.schema.field(name).type == kind, name


def test_calendar_table_around_the_national_holiday_2019() -> None:
    table = calendar_table(D(2019, 7, 19), D(2019, 7, 22)).to_pylist()
    friday, saturday, sunday, monday = table
    assert monday["is_working_mon_fri"]
    assert friday["day"] == D(2019, 7, 19)
    assert friday["day_number"] == (D(2019, 7, 19) - D(1970, 1, 1)).days
    assert (saturday["is_working_mon_sat"], saturday["is_working_mon_fri"]) == (True, False)
    assert (sunday["is_working_mon_sat"], sunday["is_holiday"]) == (False, True)
    assert saturday["next_working_mon_fri"] == D(2019, 7, 22)
    assert saturday["next_working_mon_sat"] == D(2019, 7, 20)
    assert sunday["next_working_mon_sat"] == D(2019, 7, 22)
    # cumulative counts start at the table's first day
    assert [r["cum_working_mon_sat"] for r in table] == [1, 2, 2, 3]
    assert [r["cum_working_mon_fri"] for r in table] == [1, 1, 1, 2]
    assert [r["weekday"] for r in table] == [5, 6, 7, 1]


def test_the_table_counts_working_days_by_difference() -> None:
    table = calendar_table(D(2019, 1, 1), D(2019, 12, 31)).to_pylist()
    by_day = {r["day"]: r for r in table}
    start, end = by_day[D(2019, 7, 5)], by_day[D(2019, 7, 22)]
    assert end["cum_working_mon_sat"] - start["cum_working_mon_sat"] == 14
    assert end["cum_working_mon_fri"] - start["cum_working_mon_fri"] == 11
    # 2019 has 365 - 52 Sundays - 9 holidays off Sunday (21 July is one) = 304 Mon-Sat days.
    assert table[-1]["cum_working_mon_sat"] == 304


def test_calendar_table_needs_ordered_bounds() -> None:
    with pytest.raises(IntervalError):
        calendar_table(D(2019, 2, 1), D(2019, 1, 1))


def test_deadlines_match_the_worked_examples() -> None:
    starts = days("2019-07-05", "2019-06-30", "2019-01-31", "2008-04-30")
    assert list(deadlines(starts, Rule.days(15))) == list(
        days("2019-07-22", "2019-07-15", "2019-02-15", "2008-05-15")
    )
    assert deadlines(starts[1:2], Rule.months(1))[0] == np.datetime64("2019-07-31")
    assert deadlines(starts[:1], Rule.days(15, DayKind.MON_SAT))[0] == np.datetime64("2019-07-23")


def test_deadlines_of_every_rule_kind_equal_the_scalar_ones() -> None:
    rng = np.random.default_rng(2019)
    starts = np.datetime64("2005-01-01") + rng.integers(0, 20 * 365, 400).astype("timedelta64[D]")
    rules = [
        Rule.days(15),
        Rule.days(120, convention=Convention.ELAPSED),
        Rule.days(15, DayKind.MON_SAT),
        Rule.days(30, DayKind.MON_FRI, calendar="be-federal"),
        Rule.months(1),
        Rule.months(4, convention=Convention.ELAPSED),
        Rule.fixed(5, 31),
        Rule.fixed(2, 29, rolls_forward=True),
        Rule.end_of(PeriodKind.QUARTER),
        Rule.end_of(PeriodKind.SEMESTER, rolls_forward=True),
    ]
    for rule in rules:
        expected = [np.datetime64(deadline(s.item(), rule).day) for s in starts]
        assert list(deadlines(starts, rule)) == expected, rule.describe()


def test_empty_and_missing() -> None:
    assert deadlines(days(), Rule.days(15)).size == 0
    with pytest.raises(LegalTimeError, match="index 1"):
        deadlines(np.array(["2019-01-01", "NaT"], dtype="datetime64[D]"), Rule.days(15))


def test_elapsed_over_arrays() -> None:
    starts = days("2019-07-05", "2019-07-05", "2019-11-08")
    ends = days("2019-07-22", "2019-07-05", "2019-11-29")
    assert list(vectorised.elapsed(starts, ends)) == [17, 0, 21]
    assert list(vectorised.elapsed(starts, ends, DayKind.MON_SAT)) == [14, 0, 17]
    assert list(vectorised.elapsed(starts, ends, DayKind.MON_FRI, "be-federal")) == [11, 0, 13]


def test_an_end_before_its_start_is_an_error_not_a_negative_count() -> None:
    with pytest.raises(IntervalError, match=r"1 case\(s\) end before they start.*index 1"):
        vectorised.elapsed(days("2019-01-01", "2019-07-05"), days("2019-01-02", "2019-07-04"))
    with pytest.raises(IntervalError):
        vectorised.on_time(days("2019-07-05"), days("2019-07-04"), Rule.days(15))


def test_on_time_over_arrays() -> None:
    starts = days("2019-07-05", "2019-07-05", "2019-07-05")
    ends = days("2019-07-20", "2019-07-22", "2019-07-23")
    assert list(vectorised.on_time(starts, ends, Rule.days(15))) == [True, True, False]
    elapsed_rule = Rule.days(15, convention=Convention.ELAPSED)
    assert list(vectorised.on_time(starts, ends, elapsed_rule)) == [True, False, False]


def test_with_deadlines_adds_one_column_per_rule() -> None:
    table = with_deadlines(
        calendar_table(D(2019, 7, 1), D(2019, 7, 31)),
        {"deadline_15d": parse_rule("15 jours"), "deadline_1m": parse_rule("1 mois")},
    )
    rows = {r["day"]: r for r in table.to_pylist()}
    assert rows[D(2019, 7, 5)]["deadline_15d"] == D(2019, 7, 22)
    assert rows[D(2019, 7, 1)]["deadline_1m"] == D(2019, 8, 1)
    assert table.schema.field("deadline_15d").type == pa.date32()


def test_a_million_cases_in_one_call() -> None:
    rng = np.random.default_rng(7)
    starts = np.datetime64("2010-01-01") + rng.integers(0, 3650, 1_000_000).astype("timedelta64[D]")
    result = deadlines(starts, Rule.days(15, DayKind.MON_SAT))
    assert result.shape == starts.shape
    assert (result > starts).all()
