"""Properties that hold for every start day, rule and convention (hypothesis)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotage.legaltime import (
    Convention,
    DayKind,
    Period,
    PeriodKind,
    Rule,
    deadline,
    deadlines,
    elapsed,
    get_calendar,
    on_time,
    parse_date,
    vectorised,
)

# Far enough from 2100, the last year of known holidays, for any delay below.
days_ = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2080, 12, 31))
calendars = st.sampled_from(["be-legal", "be-federal", "be-flemish"])
conventions = st.sampled_from(list(Convention))
kinds = st.sampled_from(list(DayKind))
working_kinds = st.sampled_from([DayKind.MON_SAT, DayKind.MON_FRI])
periods = st.sampled_from([k for k in PeriodKind if k is not PeriodKind.CONTRACT])


@st.composite
def rules(draw: st.DrawFn) -> Rule:
    convention, calendar = draw(conventions), draw(calendars)
    shape = draw(st.sampled_from(["days", "months", "fixed", "end"]))
    if shape == "days":
        return Rule.days(draw(st.integers(0, 400)), draw(kinds), convention, calendar)
    if shape == "months":
        return Rule.months(draw(st.integers(0, 36)), convention, calendar)
    roll = draw(st.sampled_from([None, True, False]))
    if shape == "fixed":
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
        return Rule.fixed(month, day, roll, convention, calendar)
    return Rule.end_of(draw(periods), roll, convention, calendar)


@settings(max_examples=300, deadline=None)
@given(start=days_, rule=rules())
def test_a_judicial_delay_never_ends_on_a_non_working_day(start: dt.date, rule: Rule) -> None:
    answer = deadline(start, rule)
    if rule.rolls:
        assert get_calendar(rule.calendar_name).is_working(answer.day, DayKind.MON_FRI)
    assert answer.day >= answer.counted >= start
    assert rule.convention.value in answer.explanation


@settings(max_examples=300, deadline=None)
@given(start=days_, n=st.integers(0, 400), kind=kinds, calendar=calendars)
def test_counting_back_to_an_elapsed_deadline_gives_n(
    start: dt.date, n: int, kind: DayKind, calendar: str
) -> None:
    end = deadline(start, Rule.days(n, kind, Convention.ELAPSED, calendar)).day
    assert elapsed(start, end, kind, calendar) == n


@settings(max_examples=300, deadline=None)
@given(start=days_, n=st.integers(1, 400), kind=working_kinds, calendar=calendars)
def test_judicial_working_day_deadline_is_n_working_days_away(
    start: dt.date, n: int, kind: DayKind, calendar: str
) -> None:
    answer = deadline(start, Rule.days(n, kind, Convention.JUDICIAL, calendar))
    count = elapsed(start, answer.day, kind, calendar)
    # Monday-Friday days never roll; a Monday-Saturday count ending on a Saturday rolls to the
    # next Monday-Friday working day, which is one more Monday-Saturday day.
    assert count == (n + 1 if answer.skipped else n)
    if kind is DayKind.MON_FRI:
        assert not answer.skipped
    else:
        assert not answer.skipped or answer.counted.weekday() == 5


@settings(max_examples=300, deadline=None)
@given(first=days_, later=st.integers(0, 800), rule=rules())
def test_a_later_start_never_gives_an_earlier_deadline(
    first: dt.date, later: int, rule: Rule
) -> None:
    second = first + dt.timedelta(days=later)
    assert deadline(second, rule).day >= deadline(first, rule).day


@settings(max_examples=200, deadline=None)
@given(start=days_, rule=rules(), extra=st.integers(-3, 3))
def test_on_time_is_end_not_after_the_deadline(start: dt.date, rule: Rule, extra: int) -> None:
    due = deadline(start, rule).day
    end = max(start, due + dt.timedelta(days=extra))
    assert on_time(start, end, rule) == (end <= due)


@settings(max_examples=60, deadline=None)
@given(starts=st.lists(days_, min_size=1, max_size=40), rule=rules())
def test_vectorised_deadlines_equal_scalar(starts: list[dt.date], rule: Rule) -> None:
    array = np.array(starts, dtype="datetime64[D]")
    expected = [np.datetime64(deadline(s, rule).day) for s in starts]
    assert list(deadlines(array, rule)) == expected


@settings(max_examples=60, deadline=None)
@given(
    pairs=st.lists(st.tuples(days_, st.integers(0, 800)), min_size=1, max_size=40),
    kind=kinds,
    calendar=calendars,
)
def test_vectorised_elapsed_equals_scalar(
    pairs: list[tuple[dt.date, int]], kind: DayKind, calendar: str
) -> None:
    starts = [s for s, _ in pairs]
    ends = [s + dt.timedelta(days=n) for s, n in pairs]
    got = vectorised.elapsed(
        np.array(starts, dtype="datetime64[D]"),
        np.array(ends, dtype="datetime64[D]"),
        kind,
        calendar,
    )
    assert list(got) == [elapsed(s, e, kind, calendar) for s, e in zip(starts, ends, strict=True)]


@settings(max_examples=200, deadline=None)
@given(day=days_, kind=periods)
def test_periods_round_trip_and_hold_their_day(day: dt.date, kind: PeriodKind) -> None:
    period = Period.of(day, kind)
    assert Period.parse(str(period)) == period
    assert period.contains(day)
    assert period.next().first == period.last + dt.timedelta(days=1)


FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
NL = "januari februari maart april mei juni juli augustus september oktober november december"


@settings(max_examples=200, deadline=None)
@given(day=days_)
def test_printed_dates_round_trip(day: dt.date) -> None:
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(f"{day.day:02d}.{day.month:02d}.{day.year}") == day
    assert parse_date(f"{day.day} {FR.split()[day.month - 1]} {day.year}") == day
    assert parse_date(f"{day.day} {NL.split()[day.month - 1]} {day.year}") == day
