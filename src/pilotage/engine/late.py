"""The late cases behind a timeliness figure: the drill-down list.

For one objective (optionally one of its norms, one office or one region), one period: the
cases that ended in the period after their deadline (the gap between denominator and
numerator), and the cases still open at the period's cut whose deadline has passed (the overdue
count). Cases are named by `case_id` and `person_key`, the pseudonym: never a NISS.

Days late: for an ended case, its end minus its deadline (calendar days); for an open case, the
least it will be: the day after the cut minus its deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import ibis.expr.types as ir  # type: ignore[import-untyped]

from pilotage.contract import Contract
from pilotage.engine.compute import case_frame, lookups
from pilotage.engine.measure import rows_used
from pilotage.engine.plan import make_plan
from pilotage.engine.span import EPOCH, Span
from pilotage.errors import MeasureError
from pilotage.legaltime import Period

__all__ = ["LateCase", "LateState", "late_cases", "offices_under"]


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
