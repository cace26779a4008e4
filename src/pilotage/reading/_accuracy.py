"""How close a draft is to a hand-encoded contract, on the four families a reader must get
exactly right: objectives, norms, action deadlines and budget figures.

Free texts (names, summaries, context) and what a human judged (event names, caveat kinds and
periods, lineage details) are left out on purpose: they are expected to differ.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pilotage.contract import Contract

__all__ = ["FAMILIES", "AccuracyReport", "Family", "accuracy"]

FAMILIES = ("objectives", "norms", "deadlines", "budget")


@dataclass
class Family:
    name: str
    matched: int = 0
    total: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return 1.0 if self.total == 0 else self.matched / self.total

    def __str__(self) -> str:
        return f"{self.name}: {self.matched}/{self.total} ({self.ratio:.1%})"


@dataclass
class AccuracyReport:
    families: dict[str, Family]

    @property
    def perfect(self) -> bool:
        return all(f.matched == f.total for f in self.families.values())

    def __str__(self) -> str:
        lines = [str(f) for f in self.families.values()]
        for family in self.families.values():
            lines += [f"  {family.name}: {m}" for m in family.mismatches]
        return "\n".join(lines)

    def to_plain(self) -> dict[str, Any]:
        return {
            name: {"matched": f.matched, "total": f.total, "mismatches": f.mismatches}
            for name, f in self.families.items()
        }


def _compare(name: str, draft: dict[Hashable, Any], seed: dict[Hashable, Any]) -> Family:
    family = Family(name)
    for key in list(seed) + [k for k in draft if k not in seed]:
        family.total += 1
        if key not in draft:
            family.mismatches.append(f"{key}: missing from the draft (seed: {seed[key]})")
        elif key not in seed:
            family.mismatches.append(f"{key}: not in the seed (draft: {draft[key]})")
        elif draft[key] != seed[key]:
            family.mismatches.append(f"{key}: draft {draft[key]} != seed {seed[key]}")
        else:
            family.matched += 1
    return family


def _objectives(c: Contract) -> dict[Hashable, Any]:
    return {(s.code, t.code, o.code): True for s, t, o in c.objectives()}


def _norms(c: Contract) -> dict[Hashable, Any]:
    out: dict[Hashable, Any] = {}
    for _, _, objective in c.objectives():
        n = 0
        for indicator in objective.indicators:
            for norm in indicator.norms:
                n += 1
                delays = tuple(
                    (d.unit.value, d.value, d.month, d.day, d.category) for d in norm.delays
                )
                target = (
                    (norm.target.operator.value, norm.target.value, norm.target.unit.value)
                    if norm.target
                    else None
                )
                per = norm.per.value if norm.per else None
                out[(objective.code, n)] = (norm.printed, delays, target, per)
    return out


def _deadlines(c: Contract) -> dict[Hashable, Any]:
    out: dict[Hashable, Any] = {}
    for article, action in c.actions():
        d = action.deadline
        out[(article.number, action.number)] = (
            (d.printed, d.form.value, tuple(d.dates)) if d else None
        )
    return out


def _budget(c: Contract) -> dict[Hashable, Any]:
    out: dict[Hashable, Decimal | None] = {}
    if c.budget is None:
        return dict(out)
    for top in c.budget.lines:
        for line in top.walk():
            for year, amount in line.amounts.items():
                out[(line.code, year)] = amount
    for year, amount in c.budget.total.items():
        out[("total", year)] = amount
    for year, cap in c.budget.statutory_personnel_cap.items():
        out[("statutory personnel cap", year)] = cap
    return dict(out)


def accuracy(draft: Contract | Any, seed: Contract) -> AccuracyReport:
    """Compare a draft (a `Contract` or a `Draft`) with a hand-encoded seed, family by family;
    a draft that is not a complete contract (no period) matches nothing."""
    contract: Contract | None = draft if isinstance(draft, Contract) else draft.contract
    readers = {
        "objectives": _objectives,
        "norms": _norms,
        "deadlines": _deadlines,
        "budget": _budget,
    }
    return AccuracyReport(
        {
            name: _compare(name, read(contract) if contract is not None else {}, read(seed))
            for name, read in readers.items()
        }
    )
