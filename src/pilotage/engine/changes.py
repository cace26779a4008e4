"""What changed between two result sets of the same (contract, periods, level): the review.

Before a candidate is published, the contract manager sees every figure that moved (value,
numerator, denominator or status), by how much, and why: the import batches read by one set and
not the other (with how many cases each inserted and corrected: new cases, late corrections),
a contract changed since (another SHA-256 of its canonical export), another as-of day.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pilotage.engine.results import ResultSet, _raw, load_result_set
from pilotage.engine.status import IndicatorResult
from pilotage.errors import StoreError

__all__ = ["FigureChange", "SetChanges", "changes_between"]

RowKey = tuple[str, str, str, str, int | None]  # objective, indicator, period, unit, norm


@dataclass(frozen=True)
class FigureChange:
    """One figure in either set whose value, counts or status differ."""

    key: RowKey
    old: IndicatorResult | None  # None: only in the new set
    new: IndicatorResult | None  # None: only in the old set

    @property
    def moved_by(self) -> float | None:
        """How far the value moved (new - old), when both have one."""
        if self.old is None or self.new is None:
            return None
        if self.old.value is None or self.new.value is None:
            return None
        return self.new.value - self.old.value

    def describe(self) -> str:
        objective, indicator, period, unit, norm = self.key
        where = f"{objective} {indicator} {period} {unit}" + (
            "" if norm is None else f" norm {norm + 1}"
        )
        return f"{where}: {_figure(self.old)} -> {_figure(self.new)}"


def _figure(r: IndicatorResult | None) -> str:
    if r is None:
        return "absent"
    value = "-" if r.value is None else f"{r.value:.4g}"
    counts = _count(r.numerator) + ("" if r.denominator is None else f"/{_count(r.denominator)}")
    return f"{value} ({counts}, {r.status.value})"


def _count(amount: Decimal) -> str:
    return format(amount.normalize(), "f")


@dataclass(frozen=True)
class SetChanges:
    """The review of `new` against `old`: the figures that moved and the reasons."""

    old: ResultSet
    new: ResultSet
    moved: tuple[FigureChange, ...]
    reasons: tuple[str, ...]

    def lines(self) -> list[str]:
        head = (
            f"result set {self.new.id} (version {self.new.version}) against {self.old.id} "
            f"(version {self.old.version}), {self.new.contract_id} {self.new.periods} "
            f"{self.new.level}: {len(self.moved)} figure(s) moved"
        )
        return [head, *(f"  why: {r}" for r in self.reasons)] + [
            f"  {c.describe()}" for c in self.moved
        ]


def _key(r: IndicatorResult) -> RowKey:
    return r.objective, r.indicator, r.period, r.unit, r.norm_index


def _same(a: IndicatorResult, b: IndicatorResult) -> bool:
    return (a.value, a.numerator, a.denominator, a.status, a.target) == (
        b.value,
        b.numerator,
        b.denominator,
        b.status,
        b.target,
    )


def _batches(con: Any, ids: set[int]) -> dict[int, tuple[str, int, int]]:
    if not ids:
        return {}
    try:
        rows = (
            _raw(con)
            .execute(
                "SELECT id, source, inserted, updated FROM import_batches "
                "WHERE list_contains(?, id)",
                [sorted(ids)],
            )
            .fetchall()
        )
    except Exception as exc:  # duckdb.Error: a store without import batches
        raise StoreError(f"cannot read the import batches of the store: {exc}") from exc
    return {int(i): (str(src), int(ins), int(upd)) for i, src, ins, upd in rows}


def _reasons(con: Any, old: ResultSet, new: ResultSet) -> list[str]:
    reasons = []
    if old.contract_sha256 != new.contract_sha256:
        reasons.append(
            f"the contract changed: computed against version {new.contract_sha256[:12]}, "
            f"the older set against {old.contract_sha256[:12]}"
        )
    if old.as_of != new.as_of:
        reasons.append(f"looked at on {new.as_of}, the older set on {old.as_of}")
    added = set(new.batches) - set(old.batches)
    known = _batches(con, added)
    for b in sorted(added):
        source, inserted, updated = known.get(b, ("?", 0, 0))
        reasons.append(
            f"import batch {b} ({source}): {inserted} new case(s), "
            f"{updated} corrected (late corrections)"
        )
    gone = sorted(set(old.batches) - set(new.batches))
    if gone:
        listed = ", ".join(map(str, gone))
        reasons.append(f"import batch(es) {listed} no longer read: their cases were replaced")
    return reasons


def changes_between(con: Any, old_id: int, new_id: int) -> SetChanges:
    """The figures of set `new_id` that differ from set `old_id`, and why."""
    old, new = load_result_set(con, old_id), load_result_set(con, new_id)
    if (old.contract_id, old.periods, old.level) != (new.contract_id, new.periods, new.level):
        raise StoreError(
            f"result sets {old_id} and {new_id} measure different things "
            f"({old.contract_id} {old.periods} {old.level} against "
            f"{new.contract_id} {new.periods} {new.level}): compare versions of one set"
        )
    before = {_key(r): r for r in old.rows}
    after = {_key(r): r for r in new.rows}
    moved = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: tuple(map(str, k))):
        a, b = before.get(key), after.get(key)
        if a is None or b is None or not _same(a, b):
            moved.append(FigureChange(key, a, b))
    return SetChanges(old, new, tuple(moved), tuple(_reasons(con, old, new)))
