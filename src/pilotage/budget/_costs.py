"""The cost of the main activities (art. 73, analytic accounting): the year's payments of each
credit shared out over the key tasks by allocation keys (data, with their source), and the
cost per case handled where the case volume of the key task is given.

What is not allocated (a credit's shares summing to less than 1) stays as overhead, shown, never
spread silently. Payments (liquidations) are the cost basis: what was spent, not what was
committed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pilotage.budget._execution import Execution
from pilotage.budget._ledger import Ledger
from pilotage.budget._money import format_eur, rounded
from pilotage.errors import BudgetError

__all__ = ["ActivityCost", "AllocationKey", "activity_costs", "read_allocation_keys"]

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class AllocationKey:
    credit: str
    key_task: str
    share: Decimal  # of the credit's payments, 0 < share <= 1
    source: str  # "time survey 2014", "m² occupied"


@dataclass(frozen=True)
class ActivityCost:
    key_task: str  # "overhead" for what no key allocates
    cost: Decimal
    cases: int | None
    per_case: Decimal | None
    working: tuple[str, ...]


def read_allocation_keys(path: Path) -> list[AllocationKey]:
    """Keys from a CSV file with the columns credit, key_task, share, source."""
    if not path.is_file():
        raise BudgetError(f"{path}: no such allocation-key file")
    found = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [
            c
            for c in ("credit", "key_task", "share", "source")
            if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise BudgetError(f"{path}: columns missing: {', '.join(missing)}")
        for number, row in enumerate(reader, start=2):
            try:
                share = Decimal(row["share"].strip().replace(",", "."))
            except InvalidOperation:
                raise BudgetError(
                    f"{path}: row {number}: share {row['share']!r}: write 0.25"
                ) from None
            if not Decimal(0) < share <= Decimal(1):
                raise BudgetError(
                    f"{path}: row {number}: share {share} must be above 0 and at most 1"
                )
            if not row["source"].strip():
                raise BudgetError(f"{path}: row {number}: say where the key comes from (source)")
            found.append(
                AllocationKey(
                    row["credit"].strip(), row["key_task"].strip(), share, row["source"].strip()
                )
            )
    return found


def activity_costs(
    ledger: Ledger,
    execution: Execution,
    year: int,
    keys: list[AllocationKey],
    volumes: dict[str, int],
) -> list[ActivityCost]:
    """Per key task: its share of each credit's payments of `year`, summed, and per case."""
    t = ledger.table
    shares: dict[str, Decimal] = {}
    for key in keys:
        t.credit(key.credit, year)  # a credit of the budget, or BudgetError naming the credits
        shares[key.credit] = shares.get(key.credit, Decimal(0)) + key.share
    over = {c: s for c, s in shares.items() if s > 1}
    if over:
        shown = ", ".join(f"{c} ({s})" for c, s in sorted(over.items()))
        raise BudgetError(f"allocation keys share out more than the whole of {shown}")
    costs: dict[str, Decimal] = {}
    working: dict[str, list[str]] = {}
    for key in keys:
        paid = execution.paid(year, key.credit)
        part = rounded(paid * key.share)
        costs[key.key_task] = costs.get(key.key_task, ZERO) + part
        working.setdefault(key.key_task, []).append(
            f"{key.credit}: {format_eur(paid)} x {key.share} ({key.source}) = {format_eur(part)}"
        )
    overhead = ZERO
    lines = []
    for code in t.codes():
        paid = execution.paid(year, code)
        allocated = sum((rounded(paid * k.share) for k in keys if k.credit == code), ZERO)
        if paid - allocated:
            overhead += paid - allocated
            lines.append(f"{code}: {format_eur(paid - allocated)} not allocated")
    found = []
    for task in sorted(costs):
        cases = volumes.get(task)
        per_case = rounded(costs[task] / cases) if cases else None
        found.append(ActivityCost(task, costs[task], cases, per_case, tuple(working[task])))
    found.append(ActivityCost("overhead", overhead, None, None, tuple(lines)))
    return found
