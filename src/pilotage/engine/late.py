"""The late cases behind a timeliness figure: the drill-down list.

For one objective (optionally one of its norms, one office or one region), one period: the
cases that ended in the period after their deadline (the gap between denominator and
numerator), and the cases still open at the period's cut whose deadline has passed (the overdue
count). Cases are named by `case_id` and `person_key`, the pseudonym: never a NISS.

Days late: for an ended case, its end minus its deadline (calendar days); for an open case, the
least it will be: the day after the cut minus its deadline.

`late_cases` reads today's data. `measured_late_cases` lists, in the same pass as a measurement
and from the same definitions, the late cases behind every timeliness row of that measurement:
`publish` keeps them with the result set, so the list under a published figure is the one it
counted (`pilotage.engine.results.kept_late_cases`), whatever is imported afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import ibis.expr.types as ir  # type: ignore[import-untyped]
import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from pilotage.contract import Contract
from pilotage.engine.compute import Level, case_frame, lookups, units
from pilotage.engine.measure import Measurement, contract_version, rows_used
from pilotage.engine.plan import Measure, make_plan
from pilotage.engine.span import EPOCH, Span, day_number
from pilotage.errors import MeasureError
from pilotage.legaltime import Period

__all__ = [
    "LATE_SCHEMA",
    "LateCase",
    "LateState",
    "late_cases",
    "measured_late_cases",
    "offices_under",
]


class LateState(StrEnum):
    """Why a case is in the list: it ended after its deadline, or is open past it."""

    ENDED_LATE = "ended late"
    OPEN_OVERDUE = "open, overdue"


@dataclass(frozen=True)
class LateCase:
    """One late case, named by its case_id and pseudonym, with its dates and deadline."""

    objective: str
    norm_index: int | None
    case_id: str
    person_key: str | None
    office: str
    start: dt.date
    end: dt.date | None  # None: open at the cut
    deadline: dt.date
    days_late: int
    state: LateState


def offices_under(org_units: ir.Table, code: str) -> set[str]:
    """The offices at or below `code` in the org-unit hierarchy (`code` itself if unknown)."""
    rows = org_units.select("code", "parent", "level").to_pyarrow().to_pylist()
    children: dict[str | None, list[str]] = {}
    level = {r["code"]: r["level"] for r in rows}
    for r in rows:
        children.setdefault(r["parent"], []).append(r["code"])
    found, todo = set(), [code]
    while todo:
        unit = todo.pop()
        if level.get(unit, "office") == "office":
            found.add(unit)
        todo.extend(children.get(unit, []))
    return found


def late_cases(
    cases: ir.Table,
    contract: Contract,
    objective: str,
    period: Period | str,
    *,
    norm: int | None = None,
    offices: set[str] | None = None,
    as_of: dt.date | None = None,
    include_open: bool = True,
) -> list[LateCase]:
    """The late cases of `objective` in `period`, most late first.

    `norm` is the position of the norm in the indicator (ECL 5-01: 0 for 90 days, 1 for 180
    days); by default every norm in force. `offices` keeps the cases of those offices.
    """
    chosen = Period.parse(period) if isinstance(period, str) else period
    span = Span.of(chosen, as_of)
    plan = make_plan(contract, span)
    mine = [m for m in plan.measures if m.objective == objective]
    if not mine:
        known = ", ".join(plan.objectives[:6])
        raise MeasureError(
            f"objective {objective!r} is not measured from cases in this contract "
            f"({contract.id}); measured objectives include: {known} ..."
        )
    mine = [m for m in mine if m.has_deadlines and (norm is None or m.norm_index == norm)]
    if not mine:
        raise MeasureError(
            f"{objective} has no norm with a deadline"
            + (f" at position {norm}" if norm is not None else "")
            + f" in force in {chosen}: late cases exist only against a deadline"
        )
    subset = cases.filter(cases.objective == objective)
    first, _ = rows_used(subset, plan, span)
    if first is None:
        return []
    frame = case_frame(
        subset, lookups(plan, span, first), extra=("case_id", "person_key", "start_date")
    )
    ended_late = (frame.ce == 0) & frame.late
    overdue = frame.ce.isnull() & (frame.cd <= 0)
    keep = frame.valid & frame.m_id.isin([m.id for m in mine])
    keep = keep & ((ended_late | overdue) if include_open else ended_late)
    if offices is not None:
        keep = keep & frame.office.isin(sorted(offices))
    found = frame.filter(keep).select(
        "m_id", "case_id", "person_key", "office", "start_date", "end_day", "deadline"
    )
    by_id = {m.id: m for m in mine}
    out = []
    day_after = span.cut + dt.timedelta(days=1)
    for row in found.to_pyarrow().to_pylist():
        deadline = EPOCH + dt.timedelta(days=int(row["deadline"]))
        end = row["end_day"]
        out.append(
            LateCase(
                objective=objective,
                norm_index=by_id[row["m_id"]].norm_index,
                case_id=row["case_id"],
                person_key=row["person_key"],
                office=row["office"],
                start=row["start_date"],
                end=end,
                deadline=deadline,
                days_late=((end or day_after) - deadline).days,
                state=LateState.ENDED_LATE if end else LateState.OPEN_OVERDUE,
            )
        )
    out.sort(key=lambda c: (-c.days_late, c.norm_index or 0, c.case_id))
    return out


LATE_SCHEMA = pa.schema(
    [
        pa.field("row", pa.int32(), nullable=False),  # the result row the case is counted in
        pa.field("case_id", pa.string(), nullable=False),
        pa.field("person_key", pa.string()),
        pa.field("office", pa.string(), nullable=False),
        pa.field("start_date", pa.date32(), nullable=False),
        pa.field("end_date", pa.date32()),  # None: open at the cut of the row's period
        pa.field("deadline", pa.date32(), nullable=False),
        pa.field("days_late", pa.int32(), nullable=False),
        pa.field("state", pa.string(), nullable=False),
    ]
)
"""The late cases of a measurement, one per (result row, case): what a result set keeps."""


def _ints(table: pa.Table, name: str, fill: int) -> np.ndarray:
    return np.asarray(table.column(name).fill_null(fill).to_numpy(zero_copy_only=False), np.int64)


def measured_late_cases(
    cases: ir.Table, org_units: ir.Table, contract: Contract, measurement: Measurement
) -> pa.Table:
    """The late cases behind every timeliness row of `measurement` (LATE_SCHEMA).

    For the row of a measure, unit and period i: the cases that ended in period i after their
    deadline (denominator - numerator), then those open at its cut with a deadline on or before
    it (`overdue`), so a case open and overdue over several periods is listed in each of them.
    `cases` and `org_units` must be the tables measured, read before anything else is imported.
    """
    m = measurement
    if contract_version(contract) != m.contract_sha256:
        raise MeasureError(
            f"the late cases of a measurement of {m.contract_id} are listed against the contract "
            "it was measured with: this contract's canonical export differs"
        )
    span = m.span
    plan = make_plan(contract, span)
    timed = {x.id: x for x in plan.measures if x.has_deadlines}
    subset = cases.filter(cases.objective.isin(sorted({x.objective for x in timed.values()})))
    first = rows_used(subset, plan, span)[0] if timed else None
    if first is None:
        return LATE_SCHEMA.empty_table()
    frame = case_frame(
        subset, lookups(plan, span, first), extra=("case_id", "person_key", "start_date")
    )
    k = len(span)
    opened = frame.ce.isnull() | (frame.ce > frame.cd.clip(lower=0))
    overdue = frame.cd.notnull() & (frame.cd < k) & opened
    keep = frame.valid & frame.m_id.isin(sorted(timed)) & ((frame.late & (frame.ce >= 0)) | overdue)
    found = frame.filter(keep)
    if m.level is Level.OFFICE:
        found = found.mutate(unit=found.office)
    else:  # an office missing from the org units stands for itself, as in the figures
        mapping = units(org_units, m.level).rename(u_office="office")
        found = found.left_join(mapping, found.office == mapping.u_office)
        found = found.mutate(unit=found.unit.fill_null(found.office))
    table = found.select(
        "m_id", "unit", "case_id", "person_key", "office", "start_date", "end_day", "deadline",
        "ce", "cd", "late",
    ).to_pyarrow()  # fmt: skip
    return _by_row(table, m, timed, span)


def _by_row(table: pa.Table, m: Measurement, timed: dict[int, Measure], span: Span) -> pa.Table:
    """One output row per (result row, case): ended late once, open and overdue at each cut."""
    k = len(span)
    ce = _ints(table, "ce", k)  # open at the last cut: as if ended after it
    cd = _ints(table, "cd", k)
    late = np.asarray(table.column("late").fill_null(False).to_numpy(zero_copy_only=False), bool)
    ended = np.flatnonzero(late & (ce >= 0) & (ce < k))
    low = np.maximum(cd, 0)
    spans = np.clip(np.minimum(ce, k) - low, 0, None)
    overdue = np.repeat(np.arange(table.num_rows), spans)
    starts = np.repeat(np.cumsum(spans) - spans, spans)
    period_of_overdue = low[overdue] + np.arange(len(overdue)) - starts
    source = np.concatenate([ended, overdue])
    period = np.concatenate([ce[ended], period_of_overdue])
    is_open = np.concatenate([np.zeros(len(ended), bool), np.ones(len(overdue), bool)])
    index = {
        (r.objective, r.indicator, r.norm_index, r.period, r.unit): i for i, r in enumerate(m.rows)
    }
    labels = [str(p) for p in span.periods]
    m_ids = table.column("m_id").to_pylist()
    unit_col = table.column("unit").to_pylist()
    # A measure not in force in a period has no row there, nor any late case.
    found = [
        index.get((x.objective, x.indicator.code, x.norm_index, labels[i], unit_col[s]), -1)
        for s, i in zip(source.tolist(), period.tolist(), strict=True)
        for x in (timed[m_ids[s]],)
    ]
    rows = np.asarray(found, np.int32).reshape(-1)
    listed = rows >= 0
    source, period, is_open, rows = source[listed], period[listed], is_open[listed], rows[listed]
    deadline = _ints(table, "deadline", 0)[source]
    end = table.column("end_day").take(pa.array(source))
    end_num = np.asarray(pc.cast(end, pa.int32()).fill_null(0).to_numpy(zero_copy_only=False))
    after_cut = np.array([day_number(c) + 1 for c in span.cuts], np.int64)[period]
    days = np.where(is_open, after_cut - deadline, end_num - deadline)
    states = np.where(is_open, LateState.OPEN_OVERDUE.value, LateState.ENDED_LATE.value)
    taken = pa.array(source)
    out = pa.table(
        {
            "row": pa.array(rows, pa.int32()),
            "case_id": table.column("case_id").take(taken),
            "person_key": table.column("person_key").take(taken),
            "office": table.column("office").take(taken),
            "start_date": table.column("start_date").take(taken),
            "end_date": pc.if_else(pa.array(is_open), pa.scalar(None, pa.date32()), end),
            "deadline": pa.array(deadline, pa.int32()).cast(pa.date32()),
            "days_late": pa.array(days, pa.int32()),
            "state": pa.array(states.tolist(), pa.string()),
        }
    ).cast(LATE_SCHEMA)
    order = pc.sort_indices(
        out, [("row", "ascending"), ("days_late", "descending"), ("case_id", "ascending")]
    )
    return out.take(order)
