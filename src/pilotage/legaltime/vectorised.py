"""Legal time over millions of cases: a calendar table, and numpy functions built on it.

The indicator engine joins its cases to `calendar_table()` on `day` (a SQL join, one lookup per
case), or calls `deadlines()` / `elapsed()` on numpy `datetime64[D]` arrays. Both give exactly
what the scalar functions of `pilotage.legaltime._counting` give, with no Python loop per case.

Using the table in SQL (columns described in `calendar_table`):

- working days elapsed: ``e.cum_working_mon_sat - s.cum_working_mon_sat`` with ``s`` joined on the
  start day and ``e`` on the end day (the start day is not counted, the end day is);
- deadline of N working days: the day ``d`` with ``d.cum_working_mon_sat = s.cum_working_mon_sat
  + N and d.is_working_mon_sat`` (exactly one such day);
- N calendar days: ``s.day + N``; then, under the judicial convention, roll forward with
  ``next_working_mon_fri`` of the day found (Saturdays, Sundays and holidays move forward);
- or precompute a deadline column per rule with `with_deadlines()` and join on the start day.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]

from pilotage.errors import IntervalError, LegalTimeError
from pilotage.legaltime._calendars import (
    DEFAULT_CALENDAR,
    LAST_YEAR,
    Calendar,
    DayKind,
    resolve_calendar,
)
from pilotage.legaltime._counting import Rule
from pilotage.legaltime._periods import MONTHS_IN
from pilotage.legaltime._terms import Convention, DelayUnit

__all__ = ["calendar_table", "deadlines", "elapsed", "on_time", "with_deadlines"]

Days = npt.NDArray[np.datetime64]
Ints = npt.NDArray[np.int64]
# numpy's stubs type date arithmetic loosely (datetime - datetime is not known to be a
# timedelta array), so intermediate results are plain arrays and public results are cast.
Arr = npt.NDArray[Any]
EPOCH = np.datetime64("1970-01-01", "D")
_KINDS = (DayKind.MON_SAT, DayKind.MON_FRI)
_SUFFIX = {DayKind.MON_SAT: "mon_sat", DayKind.MON_FRI: "mon_fri"}


@dataclass(frozen=True, eq=False)
class _Table:
    """Whole years of one calendar as numpy arrays, row i being day `first + i`."""

    first: np.datetime64
    days: Days
    holiday: npt.NDArray[np.bool_]
    working: dict[DayKind, npt.NDArray[np.bool_]]
    cum: dict[DayKind, Ints]  # working days of the kind from `first` up to the row, inclusive
    next_index: dict[DayKind, Ints]  # the row itself if working, else the next working row

    def index(self, days: Arr) -> Ints:
        idx: Ints = (days - self.first).astype(np.int64)
        if idx.size and (idx.min() < 0 or idx.max() >= self.days.size):
            raise LegalTimeError(
                "internal: a day fell outside the calendar table"
            )  # pragma: no cover
        return idx


@functools.lru_cache(maxsize=16)
def _table(calendar: Calendar, first_year: int, last_year: int) -> _Table:
    first = np.datetime64(f"{first_year}-01-01", "D")
    end = np.datetime64(f"{last_year + 1}-01-01", "D")
    days = np.arange(first, end, dtype="datetime64[D]")
    holiday = np.zeros(days.size, dtype=np.bool_)
    for h in calendar.holidays_between(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)):
        holiday[(np.datetime64(h.day, "D") - first).astype(np.int64)] = True
    weekday = (days - EPOCH).astype(np.int64) % 7  # 1970-01-01 was a Thursday: 0 = Thursday
    iso = (weekday + 3) % 7  # 0 = Monday .. 6 = Sunday
    working = {
        DayKind.MON_SAT: (iso <= 5) & ~holiday,
        DayKind.MON_FRI: (iso <= 4) & ~holiday,
    }
    cum = {k: np.cumsum(v, dtype=np.int64) for k, v in working.items()}
    rows = np.arange(days.size, dtype=np.int64)
    next_index = {}
    for k, v in working.items():
        # A row with no working day after it inside the table points past the table's end.
        candidates = np.where(v, rows, days.size)
        next_index[k] = np.minimum.accumulate(candidates[::-1])[::-1]
    return _Table(first, days, holiday, working, cum, next_index)


def _covering(calendar: Calendar, lo: np.datetime64, hi: np.datetime64) -> _Table:
    """A table from lo's year to the year after hi's, so every roll-forward stays inside."""
    first_year = int(str(lo.astype("datetime64[Y]")))
    last_year = min(int(str(hi.astype("datetime64[Y]"))) + 1, LAST_YEAR)
    return _table(calendar, first_year, last_year)


def _as_days(values: npt.ArrayLike, name: str) -> Days:
    days = np.asarray(values, dtype="datetime64[D]")
    if np.isnat(days).any():
        at = int(np.flatnonzero(np.isnat(days))[0])
        raise LegalTimeError(f"{name} holds no date at index {at}: remove or date that case first")
    return days


def _month_first(months: Arr) -> Arr:
    return months.astype("datetime64[D]")


def _month_length(months: Arr) -> Arr:
    following: Arr = (months + np.timedelta64(1, "M")).astype("datetime64[D]")
    return (following - _month_first(months)).astype(np.int64)


def _months(starts: Arr, count: int, judicial: bool) -> Arr:
    """Month arithmetic of `counting.months_judicial` / `counting.months_elapsed`, on arrays."""
    # judicial: counting starts the day after the event (art. 52)
    base: Arr = starts + np.timedelta64(1, "D") if judicial else starts
    month: Arr = base.astype("datetime64[M]")
    day0: Arr = (base - _month_first(month)).astype(np.int64)  # day of the month, from 0
    target: Arr = month + np.timedelta64(count, "M")
    first, length = _month_first(target), _month_length(target)
    if judicial:
        # "veille de quantième": the day before the same day number, else the month's last day
        offset: Arr = np.where(day0 < length, day0 - 1, length - 1)
    else:
        offset = np.minimum(day0, length - 1)
    result: Arr = first + offset.astype("timedelta64[D]")
    return result


def _fixed(starts: Arr, month: int, day: int) -> Arr:
    def in_year(years: Arr) -> Arr:
        m: Arr = years.astype("datetime64[M]") + np.timedelta64(month - 1, "M")
        offset: Arr = np.minimum(day - 1, _month_length(m) - 1)  # 29 Feb -> 28 in common years
        result: Arr = _month_first(m) + offset.astype("timedelta64[D]")
        return result

    years: Arr = starts.astype("datetime64[Y]")
    this = in_year(years)
    chosen: Arr = np.where(this < starts, in_year(years + np.timedelta64(1, "Y")), this)
    return chosen


def _period_end(starts: Arr, months: int) -> Arr:
    index: Arr = starts.astype("datetime64[M]").astype(np.int64)  # months since January 1970
    after: Arr = (index // months + 1) * months
    result: Arr = after.astype("datetime64[M]").astype("datetime64[D]") - np.timedelta64(1, "D")
    return result


def _counted(starts: Arr, rule: Rule, calendar: Calendar) -> Arr:
    n = rule.value or 0
    kind = rule.day_kind
    if kind is DayKind.CALENDAR:
        shifted: Arr = starts + np.timedelta64(n, "D")
        return shifted
    if kind is not None:
        if n == 0:
            return starts.copy()
        margin = 2 * n + 60
        while True:
            table = _covering(calendar, starts.min(), starts.max() + np.timedelta64(margin, "D"))
            cum = table.cum[kind]
            # The n-th working day after s is the first row whose running count reaches cum[s] + n.
            rows = np.searchsorted(cum, cum[table.index(starts)] + n, side="left")
            if rows.max() < cum.size:
                return table.days[rows]
            if table.days[-1] >= np.datetime64(f"{LAST_YEAR}-12-31"):
                raise LegalTimeError(f"a deadline falls after {LAST_YEAR}, beyond known holidays")
            margin *= 2  # pragma: no cover - 2n + 60 days always hold n working days
    if rule.unit is DelayUnit.MONTHS:
        return _months(starts, n, rule.convention is Convention.JUDICIAL)
    if rule.unit is DelayUnit.FIXED_DATE:
        assert rule.month is not None
        assert rule.day is not None
        return _fixed(starts, rule.month, rule.day)
    assert rule.period is not None
    return _period_end(starts, MONTHS_IN[rule.period])


def deadlines(starts: npt.ArrayLike, rule: Rule) -> Days:
    """The deadline of each start day under `rule`, as `counting.deadline(...).day` gives it."""
    days = _as_days(starts, "starts")
    if days.size == 0:
        return days.copy()
    calendar = resolve_calendar(rule.calendar)
    counted = _counted(days, rule, calendar)
    if not rule.rolls:
        return cast(Days, counted)
    table = _covering(calendar, counted.min(), counted.max())
    rows = table.next_index[DayKind.MON_FRI][table.index(counted)]
    if rows.max() >= table.days.size:
        raise LegalTimeError(f"a deadline rolls past {LAST_YEAR}, beyond known holidays")
    return table.days[rows]


def _check_order(starts: Days, ends: Days) -> None:
    bad = ends < starts
    if bad.any():
        at = int(np.flatnonzero(bad)[0])
        raise IntervalError(
            f"{int(bad.sum())} case(s) end before they start, the first at index {at} "
            f"(start {starts.flat[at]}, end {ends.flat[at]}): invalid data, never counted"
        )


def elapsed(
    starts: npt.ArrayLike,
    ends: npt.ArrayLike,
    day_kind: DayKind = DayKind.CALENDAR,
    calendar: str | Calendar = DEFAULT_CALENDAR,
) -> Ints:
    """Days of `day_kind` after each start up to its end included; IntervalError if end < start."""
    s, e = np.broadcast_arrays(_as_days(starts, "starts"), _as_days(ends, "ends"))
    _check_order(s, e)
    if s.size == 0 or day_kind is DayKind.CALENDAR:
        return cast(Ints, (e - s).astype(np.int64))
    table = _covering(resolve_calendar(calendar), s.min(), e.max())
    cum = table.cum[DayKind(day_kind)]
    return cast(Ints, cum[table.index(e)] - cum[table.index(s)])


def on_time(starts: npt.ArrayLike, ends: npt.ArrayLike, rule: Rule) -> npt.NDArray[np.bool_]:
    """Whether each end is not after its start's deadline; IntervalError if an end is before."""
    s, e = np.broadcast_arrays(_as_days(starts, "starts"), _as_days(ends, "ends"))
    _check_order(s, e)
    return np.asarray(e <= deadlines(s, rule), dtype=np.bool_)


def calendar_table(
    first: dt.date, last: dt.date, calendar: str | Calendar = DEFAULT_CALENDAR
) -> pa.Table:
    """One row per day from `first` to `last`, for the engine to join on `day`.

    Columns: day (date32), day_number (int32, days since 1970-01-01), weekday (int8, ISO:
    Monday 1 .. Sunday 7), is_holiday, is_working_mon_sat, is_working_mon_fri (bool),
    cum_working_mon_sat, cum_working_mon_fri (int32: working days from `first` up to the day,
    inclusive; only differences between two rows mean something), next_working_mon_sat,
    next_working_mon_fri (date32: the day itself if working, else the next working day).
    """
    if last < first:
        raise IntervalError(f"{last} is before {first}: give the earlier day first")
    cal = resolve_calendar(calendar)
    lo, hi = np.datetime64(first, "D"), np.datetime64(last, "D")
    table = _covering(cal, lo, hi)
    rows = slice(
        int((lo - table.first).astype(np.int64)), int((hi - table.first).astype(np.int64)) + 1
    )
    days = table.days[rows]
    number = (days - EPOCH).astype(np.int32)
    columns: dict[str, pa.Array] = {
        "day": pa.array(days, type=pa.date32()),
        "day_number": pa.array(number, type=pa.int32()),
        "weekday": pa.array(((number.astype(np.int64) + 3) % 7 + 1).astype(np.int8)),
        "is_holiday": pa.array(table.holiday[rows]),
    }
    for kind in _KINDS:
        columns[f"is_working_{_SUFFIX[kind]}"] = pa.array(table.working[kind][rows])
    for kind in _KINDS:
        cum = table.cum[kind][rows]
        base = table.cum[kind][rows.start - 1] if rows.start > 0 else 0
        columns[f"cum_working_{_SUFFIX[kind]}"] = pa.array((cum - base).astype(np.int32))
    for kind in _KINDS:
        nxt = table.next_index[kind][rows]
        if nxt.max() >= table.days.size:
            raise LegalTimeError(f"the next working day after {last} is beyond {LAST_YEAR}")
        columns[f"next_working_{_SUFFIX[kind]}"] = pa.array(table.days[nxt], type=pa.date32())
    return pa.table(columns)


def with_deadlines(table: pa.Table, rules: Mapping[str, Rule]) -> pa.Table:
    """`table` (from `calendar_table`) with a date32 deadline column per named rule.

    For example ``with_deadlines(t, {"deadline_120d": parse_rule("120 jours")})``: the engine
    then joins a case's start day and reads its deadline, one lookup per case.
    """
    days = table.column("day").to_numpy().astype("datetime64[D]")
    for name, rule in rules.items():
        table = table.append_column(name, pa.array(deadlines(days, rule), type=pa.date32()))
    return table
