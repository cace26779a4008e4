"""The Ibis expressions of the engine: written once, compiled for DuckDB and for Spark.

`case_frame` is one row per (case, measure) with the buckets of the case's start, end and
deadline, whether it ended late, and its delay in the norm's kind of day. Two aggregations read
it, each in one grouped query over every measure, office and period of the span:

- `flow_cube`: counts (and amount sums) by measure, office and the buckets of start, end and
  deadline. Every figure of every period (ended, on time, started, backlog, overdue, forecast,
  amounts, plan) is a sum over some buckets of this small table (`pilotage.engine.figures`).
- `delay_quantiles`: the exact median and 90th percentile delay of the cases ended in each
  period, nearest rank (the same integers on every backend). On DuckDB, one grouped
  `quantile_disc` with DECIMAL fractions, which DuckDB ranks in integer arithmetic
  (index ceil(n x q) - 1). Ibis cannot say it: its `.quantile()` compiles to the interpolating
  `percentile_cont` for numbers (`percentile` on Spark), so the DuckDB form calls the builtin by
  name. Elsewhere, `delay_histogram` counts the cases by delay and a running sum picks the
  nearest rank (Spark's `percentile_disc` exists only as `WITHIN GROUP`, which Ibis cannot
  compile).

`units` maps each office to its unit at a level of the org-unit hierarchy; `by_unit` re-sums
the cube (or the histogram) by unit, so one pass over the cases serves every level.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

import ibis  # type: ignore[import-untyped]
import ibis.expr.datatypes as dt_  # type: ignore[import-untyped]
import ibis.expr.types as ir  # type: ignore[import-untyped]

from pilotage.contract import IndicatorKind, NonWorkingEnd, Population
from pilotage.engine.plan import NO_RULE, Plan
from pilotage.engine.rules import end_table, previous_column, slot_column, start_table
from pilotage.engine.span import Span

__all__ = [
    "Level",
    "Lookups",
    "by_unit",
    "case_frame",
    "delay_histogram",
    "delay_quantiles",
    "delay_quantiles_disc",
    "flow_cube",
    "lookups",
    "named",
    "units",
]


class Level(StrEnum):
    """A level of the org-unit hierarchy (docs/case-records.md)."""

    OFFICE = "office"
    REGION = "region"
    INSTITUTION = "institution"


@dataclass(frozen=True)
class Lookups:
    """The small tables a frame joins: measures by objective, rules by start day, end days."""

    plan: Plan
    span: Span
    first: dt.date  # first day of the day tables (the earliest start in the data)
    measures: ir.Table
    starts: ir.Table
    ends: ir.Table
    offices: ir.Table | None = None  # o_office -> o_key: given, frames carry the office's key


def lookups(
    plan: Plan, span: Span, first: dt.date, offices: Sequence[str] | None = None
) -> Lookups:
    """The lookup tables of a plan over a span, from day `first` (earliest start) on.

    With `offices` (every office of the cases read), frames carry each office as an integer
    key (its position in `offices`): the groupings hash integers, not text, and `named` puts
    the codes back on their small results.
    """
    first = min(first, span.cut)
    keys = None
    if offices is not None:
        keys = ibis.memtable(
            {"o_office": list(offices), "o_key": list(range(len(offices)))},
            schema={"o_office": "string", "o_key": "int32"},
        )
    rows = [
        (
            m.objective,
            m.id,
            m.rule,
            m.spec.deadlines,
            m.spec.kind is IndicatorKind.PLAN_SHARE,
            m.has_deadlines,
        )
        for m in plan.measures
    ]
    measures = ibis.memtable(
        {
            "m_objective": [r[0] for r in rows],
            "m_id": [r[1] for r in rows],
            "m_rule": [r[2] for r in rows],
            "m_timed": [r[3] for r in rows],
            "m_plan": [r[4] for r in rows],
            "m_normed": [r[5] for r in rows],
        },
        schema={
            "m_objective": "string",
            "m_id": "int16",
            "m_rule": "int16",
            "m_timed": "boolean",
            "m_plan": "boolean",
            "m_normed": "boolean",
        },
    )
    return Lookups(
        plan,
        span,
        first,
        measures,
        ibis.memtable(start_table(plan, span, first)),
        ibis.memtable(end_table(plan, span, first)),
        keys,
    )


def named(table: ir.Table, tables: Lookups) -> ir.Table:
    """`table` with its integer `office` keys replaced by the office codes."""
    o = tables.offices
    if o is None:
        return table
    j = table.join(o, table.office == o.o_key)
    return j.mutate(office=j.o_office).drop("o_office").drop("o_key")


def _population(t: ir.Table, population: Population) -> ir.BooleanValue | None:
    """Whether a case belongs to a population; None when it filters nothing."""
    conditions: list[ir.BooleanValue] = []
    if population.include_categories:
        conditions.append(t.category.isin(population.include_categories).fill_null(False))
    if population.exclude_categories:
        conditions.append(
            t.category.isnull() | ~t.category.isin(population.exclude_categories).fill_null(False)
        )
    if population.started_from is not None:
        conditions.append(t.start_date >= population.started_from)
    for name, value in sorted(population.attributes.items()):
        conditions.append((t.attributes.get(name) == value).fill_null(False))
    if not conditions:
        return None
    out = conditions[0]
    for condition in conditions[1:]:
        out = out & condition
    return out


def _in_population(t: ir.Table, plan: Plan) -> ir.BooleanValue | None:
    """One CASE over the measure id: each measure's population filter, true for the others."""
    branches: list[tuple[Any, Any]] = []
    for measure in plan.measures:
        conditions = [c for p in measure.populations if (c := _population(t, p)) is not None]
        if conditions:
            condition = conditions[0]
            for more in conditions[1:]:
                condition = condition & more
            branches.append((measure.id, condition))
    if not branches:
        return None
    return t.m_id.cases(*branches, else_=True)


def _rule(t: ir.Table, plan: Plan) -> ir.IntegerValue:
    """The rule key of each case: its category's delay, else the measure's default rule."""
    branches: list[tuple[Any, Any]] = []
    for measure in plan.measures:
        for category, key in measure.category_rules:
            branches.append(((t.m_id == measure.id) & (t.category == category), key))
    if not branches:
        return t.m_rule
    return ibis.cases(*branches, else_=t.m_rule).cast("int16")


def case_frame(
    cases: ir.Table,
    tables: Lookups,
    *,
    ended_only: bool = False,
    extra: Sequence[str] = (),
) -> ir.Table:
    """One row per (case, measure) of the plan, with buckets, lateness and delay.

    Columns: m_id, office (its integer key when the lookups number the offices), valid (end
    not before start), cs, ce, cd (buckets of start, end, deadline; ce null while open at the
    cut, cd null without a deadline), late (null while open or without a deadline), delay
    (days of the rule's kind, start excluded, end included; null while open), deadline (day
    number, suspensions included), m_timed, m_plan, l_year, and the case columns named in
    `extra`. `ended_only` keeps the cases that ended in the span, for delays.
    """
    plan, span = tables.plan, tables.span
    c = cases
    last_start = plan.last_start(span)
    keep = c.start_date <= last_start
    if ended_only:
        keep = keep & c.end_date.between(span.first, span.cut)
    c = c.filter(keep)
    if tables.offices is not None:
        o = tables.offices
        c = c.join(o, c.office == o.o_office)
        c = c.mutate(office=c.o_key).drop("o_office").drop("o_key")
    j = c.join(tables.measures, c.objective == tables.measures.m_objective)
    if last_start > span.cut:  # only a plan share reads the starts after the cut
        j = j.filter((j.start_date <= span.cut) | j.m_plan)
    population = _in_population(j, plan)
    if population is not None:
        j = j.filter(population)
    end = j.end_date if ended_only else ibis.ifelse(j.end_date > span.cut, None, j.end_date)
    j = j.mutate(rule_key=_rule(j, plan), end_day=end)
    s = tables.starts
    j = j.join(s, [j.rule_key == s.l_rule, j.start_date == s.l_day])
    e = tables.ends
    j = j.join(e, j.end_day == e.d_day) if ended_only else j.left_join(e, j.end_day == e.d_day)
    has = j.rule_key != NO_RULE
    if plan.suspends:
        shift = ibis.ifelse(j.l_suspends, j.suspended_days.cast("int32"), 0)
        deadline = ibis.ifelse(has, j.l_deadline + shift, None)
    else:
        deadline = ibis.ifelse(has, j.l_deadline, None)
    j = j.mutate(deadline=deadline, has_deadline=has)
    if plan.suspends:
        moved = e.view().select(x_num="d_num", x_bucket="d_bucket")
        j = j.left_join(moved, j.deadline == moved.x_num)
        after = ibis.ifelse(j.deadline > _num(span.cut), len(span), -1)
        cd = ibis.ifelse(j.l_suspends, j.x_bucket.fill_null(after), j.l_dl_bucket)
    else:
        cd = j.l_dl_bucket
    slots = tables.plan.slots
    if len(slots) == 1:
        end_count = j.d_num
    else:
        end_count = j.l_slot.cases(*((i, j[slot_column(i)]) for i in range(len(slots))))
    # The day an end counts as for lateness: itself, or for a `previous` slot the working day
    # before a non-working one (docs/measuring.md, boundary 2).
    previous = [i for i, s in enumerate(slots) if s.end is NonWorkingEnd.PREVIOUS]
    if previous:
        end_at = j.l_slot.cases(*((i, j[previous_column(i)]) for i in previous), else_=j.d_num)
    else:
        end_at = j.d_num
    valid = j.end_day.isnull() | (j.end_day >= j.start_date)
    return j.select(
        "m_id",
        "office",
        "m_timed",
        "m_plan",
        "m_normed",
        "has_deadline",
        "l_year",
        *extra,
        valid=valid,
        cs=j.l_bucket,
        ce=j.d_bucket,
        cd=ibis.ifelse(valid & j.has_deadline, cd, None),
        late=ibis.ifelse(valid & j.has_deadline, end_at > j.deadline, None),
        delay=ibis.ifelse(valid, end_count - j.l_cum, None),
        deadline=j.deadline,
        end_day=j.end_day,
    )


def flow_cube(frame: ir.Table, tables: Lookups, *, amounts: bool = False) -> ir.Table:
    """Counts by (m_id, office, cs, ce, cd, late, valid, w, planned, year): see the module doc.

    `w` (only when the last period is looked at before its end) marks open cases whose deadline
    falls after the cut but within the period: what can still be won. `planned` and `year` are
    set for plan-share measures only. With `amounts`, amount_due and amount_collected sums.
    """
    span = tables.span
    keys: dict[str, Any] = {
        "m_id": frame.m_id,
        "office": frame.office,
        "cs": frame.cs,
        "ce": frame.ce,
        "cd": frame.cd,
        "late": frame.late,
        "valid": frame.valid,
    }
    if span.partial:
        keys["w"] = (frame.cd == len(span)) & (frame.deadline <= _num(span.last))
    if "planned" in frame.columns:
        keys["planned"] = ibis.ifelse(frame.m_plan, frame.planned.fill_null(False), None)
        keys["year"] = ibis.ifelse(frame.m_plan, frame.l_year, None)
    metrics: dict[str, Any] = {"n": frame.count()}
    if amounts:
        metrics["due"] = frame.amount_due.sum()
        metrics["collected"] = frame.amount_collected.sum()
    return frame.group_by(**keys).aggregate(**metrics)


def _num(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def delay_histogram(frame: ir.Table) -> ir.Table:
    """Valid cases ended in the span by (m_id, office, ce, delay): from an `ended_only` frame.

    Against a norm, only the cases with a deadline (not the unclassified ones) count.
    """
    f = _ended_rows(frame)
    return f.group_by("m_id", "office", "ce", "delay").aggregate(n=f.count())


def _ended_rows(frame: ir.Table) -> ir.Table:
    """The rows whose delays count: valid, timed, and with a deadline against a norm."""
    return frame.filter(frame.valid & frame.m_timed & (frame.has_deadline | ~frame.m_normed))


def units(org_units: ir.Table, level: Level | str) -> ir.Table:
    """office -> unit: the office's ancestor (or itself) at `level` of the org-unit hierarchy."""
    want = Level(level).value
    o = org_units.select(office="code", o_level="level", p="parent")
    p = org_units.view().select(p_code="code", p_level="level", g="parent")
    g = org_units.view().select(g_code="code", g_level="level")
    j = o.left_join(p, o.p == p.p_code).left_join(g, p.g == g.g_code)
    unit = ibis.cases(
        (j.o_level == want, j.office),
        (j.p_level == want, j.p_code),
        (j.g_level == want, j.g_code),
        else_=None,
    )
    return j.select("office", unit=unit).filter(lambda t: t.unit.notnull())


def by_unit(table: ir.Table, mapping: ir.Table | None, sums: Sequence[str]) -> ir.Table:
    """`table` with `office` replaced by its unit and the `sums` columns re-summed.

    An office missing from the org-unit table stands for itself at every level.
    """
    if mapping is None:
        return table.rename(unit="office")
    j = table.left_join(mapping, table.office == mapping.office)
    j = j.mutate(unit=j.unit.fill_null(j.office))
    keys = [c for c in table.columns if c not in sums and c != "office"]
    return j.group_by("unit", *keys).aggregate(**{c: j[c].sum() for c in sums})


def delay_quantiles(histogram: ir.Table) -> ir.Table:
    """The exact median and 90th percentile delay of each (m_id, unit, ce).

    Nearest rank: the smallest delay d such that at least half (nine tenths) of the cases took
    d days or less; compared in integers (2 x running count >= count), so every backend gives
    the same day.
    """
    group = ["m_id", "unit", "ce"]
    running = ibis.cumulative_window(group_by=group, order_by="delay")
    whole = ibis.window(group_by=group)
    h = histogram.mutate(run=histogram.n.sum().over(running), total=histogram.n.sum().over(whole))
    return h.group_by(*group).aggregate(
        ended=h.n.sum(),
        median=h.delay.min(where=2 * h.run >= h.total),
        p90=h.delay.min(where=10 * h.run >= 9 * h.total),
    )


_FRACTIONS = dt_.Array(dt_.Decimal(3, 2))
_DELAY = dt_.int32  # a 4-byte delay: DuckDB gathers and ranks a third faster than 8 bytes
_DELAYS = dt_.Array(_DELAY)


@ibis.udf.agg.builtin(name="quantile_disc")  # type: ignore[untyped-decorator]
def _quantile_disc(arg: _DELAY, q: _FRACTIONS) -> _DELAYS:  # type: ignore[valid-type]
    """DuckDB's exact discrete quantiles, several from one gathering of the values."""


def delay_quantiles_disc(frame: ir.Table, tables: Lookups, mapping: ir.Table | None) -> ir.Table:
    """As `delay_quantiles(by_unit(delay_histogram(frame), ...))`, in one grouped DuckDB query.

    From an `ended_only` frame; DuckDB only (the module docstring says why). Both quantiles
    come from one list-valued `quantile_disc`, so the delays are gathered and sorted once.
    The fractions are DECIMAL: DuckDB ranks a DECIMAL fraction in integers, a DOUBLE in floats.
    """
    f = _ended_rows(frame)
    if mapping is None:
        f = f.rename(unit="office")
    else:
        f = named(f, tables)
        f = f.left_join(mapping, f.office == mapping.office)
        f = f.mutate(unit=f.unit.fill_null(f.office))
    fractions = ibis.literal([Decimal("0.5"), Decimal("0.9")], type=_FRACTIONS)
    q = f.group_by("m_id", "unit", "ce").aggregate(
        ended=f.count(), q=_quantile_disc(f.delay.cast(_DELAY), fractions)
    )
    median, p90 = q.q[0].cast("int64"), q.q[1].cast("int64")
    q = q.select("m_id", "unit", "ce", "ended", median=median, p90=p90)
    if mapping is None:
        q = named(q.rename(office="unit"), tables).rename(unit="office")
    return q
