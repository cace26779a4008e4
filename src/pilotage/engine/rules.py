"""Day tables: every deadline rule of a plan, computed once per day, joined once per case.

`start_table` has one row per (rule, day): the deadline of a case started that day under that
rule (by `pilotage.legaltime.vectorised.deadlines`, which gives what the scalar oracle
`legaltime.counting.deadline` gives), the bucket of the day and of the deadline (see
`pilotage.engine.span`), the running count of the rule's days up to that day and the day's year.
`end_table` has one row per day: its number, its bucket and the running count of each kind of
day the plan uses. A case's deadline and delay then cost one join on its start and one on its
end, whatever the rule: calendar days, working days, months, a fixed day of the year.

Suspensions (a rule whose Delay says `suspensions: true`) stop the clock: the deadline moves
later by the case's `suspended_days` (calendar days), and its bucket is looked up again.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from pilotage.contract import NonWorkingEnd
from pilotage.engine.plan import NO_RULE, Plan
from pilotage.engine.span import Span
from pilotage.legaltime import DayKind, calendar_table, deadlines

__all__ = [
    "END_COLUMNS",
    "START_COLUMNS",
    "end_table",
    "previous_column",
    "slot_column",
    "start_table",
]

START_COLUMNS = (
    "l_rule",  # int16: rule key (plan.rules)
    "l_day",  # date32: the start day
    "l_deadline",  # int32: the deadline as a day number (days since 1970-01-01); rule 0: 0
    "l_bucket",  # int16: bucket of the start day
    "l_dl_bucket",  # int16: bucket of the deadline; rule 0: 0
    "l_cum",  # int32: running count of the rule's kind of day, up to the start day
    "l_slot",  # int8: the rule's day slot (plan.slots)
    "l_suspends",  # bool: suspensions move the deadline
    "l_year",  # int16: the start day's year
)
END_COLUMNS = ("d_day", "d_num", "d_bucket")  # and d_cum1.. for working-day slots


def slot_column(slot: int) -> str:
    """The end-table column that counts the days of `slot` (slot 0: the day number)."""
    return "d_num" if slot == 0 else f"d_cum{slot}"


def previous_column(slot: int) -> str:
    """The end-table column of a `previous` slot: the day number an end counts as."""
    return f"d_prev{slot}"


def _counts(
    plan: Plan, first: dt.date, last: dt.date, *, ends: bool
) -> tuple[np.ndarray, list[np.ndarray], dict[int, np.ndarray]]:
    """The days from first to last, each slot's running count over them, and for each slot
    read `previous`, the day number each day counts as (docs/measuring.md, boundary 2).

    A day counts as itself when it is a working day of the slot. A non-working day counts as
    the next working day (its count plus one) or, for a `previous` slot, the working day
    before it (the same count, and that day's number for lateness).
    """
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    numbers = (days - np.datetime64("1970-01-01", "D")).astype(np.int32)
    counts = [numbers]
    previous: dict[int, np.ndarray] = {}
    tables: dict[str, pa.Table] = {}
    for index, slot in enumerate(plan.slots[1:], start=1):
        table = tables.get(slot.calendar)
        if table is None:
            table = tables[slot.calendar] = calendar_table(first, last, slot.calendar)
        suffix = "mon_sat" if slot.kind is DayKind.MON_SAT else "mon_fri"
        cum = table.column(f"cum_working_{suffix}").to_numpy().astype(np.int32)
        working = table.column(f"is_working_{suffix}").to_numpy(zero_copy_only=False)
        if not ends:
            # A start is never moved: the day of the event is not counted, whatever day it is
            # (art. 52), so the delay is the working days after it up to the end.
            counts.append(cum)
        elif slot.end is NonWorkingEnd.PREVIOUS:
            counts.append(cum)
            rows = np.where(working, np.arange(days.size), -1)
            last_working = np.maximum.accumulate(rows)
            previous[index] = np.where(last_working >= 0, numbers[last_working], numbers)
        else:
            counts.append(cum + (~working).astype(np.int32))
    return days, counts, previous


def end_table(plan: Plan, span: Span, first: dt.date) -> pa.Table:
    """One row per day from `first` to the span's cut: END_COLUMNS, d_cum<slot>, d_prev<slot>."""
    days, counts, previous = _counts(plan, first, max(first, span.cut), ends=True)
    columns = {
        "d_day": pa.array(days, type=pa.date32()),
        "d_num": pa.array(counts[0], type=pa.int32()),
        "d_bucket": pa.array(span.buckets(days), type=pa.int16()),
    }
    for slot in range(1, len(plan.slots)):
        columns[slot_column(slot)] = pa.array(counts[slot], type=pa.int32())
    for slot, numbers in previous.items():
        columns[previous_column(slot)] = pa.array(numbers, type=pa.int32())
    return pa.table(columns)


def start_table(plan: Plan, span: Span, first: dt.date) -> pa.Table:
    """One row per (rule, day) from `first` to the last start read: START_COLUMNS."""
    days, counts, _ = _counts(plan, first, max(first, plan.last_start(span)), ends=False)
    n = days.size
    buckets = span.buckets(days)
    years = days.astype("datetime64[Y]").astype(np.int16) + 1970
    parts = []
    for entry in plan.rules:
        if entry.rule is None:  # zeros, never read: the frame knows rule 0 has no deadline
            deadline = pa.array(np.zeros(n, dtype=np.int32))
            dl_bucket = pa.array(np.zeros(n, dtype=np.int16))
        else:
            found = deadlines(days, entry.rule)
            deadline = pa.array(
                (found - np.datetime64("1970-01-01", "D")).astype(np.int32), type=pa.int32()
            )
            dl_bucket = pa.array(span.buckets(found), type=pa.int16())
        parts.append(
            pa.table(
                {
                    "l_rule": pa.array(np.full(n, entry.key, dtype=np.int16)),
                    "l_day": pa.array(days, type=pa.date32()),
                    "l_deadline": deadline,
                    "l_bucket": pa.array(buckets, type=pa.int16()),
                    "l_dl_bucket": dl_bucket,
                    "l_cum": pa.array(counts[entry.slot], type=pa.int32()),
                    "l_slot": pa.array(np.full(n, entry.slot, dtype=np.int8)),
                    "l_suspends": pa.array(np.full(n, entry.suspends, dtype=np.bool_)),
                    "l_year": pa.array(years, type=pa.int16()),
                }
            )
        )
    assert plan.rules[0].key == NO_RULE
    # One chunk and no nulls: PySpark reads a memtable through pandas, which mangles both.
    return pa.concat_tables(parts).combine_chunks()
