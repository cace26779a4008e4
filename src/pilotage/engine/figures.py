"""The figures of every period, summed from the flow cube (`compute.flow_cube`).

A cube row counts valid or invalid cases of one measure and unit by the bucket of their start
(cs), end (ce; open at the cut: none) and deadline (cd; none without one). For period i, at its
cut t (its last day, or the as-of day):

- ended: valid cases with ce = i; judged: of those, the ones with a deadline; on_time / late:
  of those, end <= deadline / end > deadline; unclassified: ended without a deadline although
  the norm has delays (a category no delay names); invalid: end before start, by the kind's
  anchor (end or start bucket).
- started: valid cases with cs = i; started_ended: of those, the ones with an end date by t.
- backlog: open at t = started on or before t and not ended by t: #(cs <= i) - #(ce <= i).
- overdue: open at t with a deadline on or before t (it can no longer end on time):
  #(cd <= i) - #(max(cd, ce) <= i), since a deadline is never before its start.
- forecast parts: lost_open, open at t with the deadline in the period up to t (cd = i);
  winnable, open at t with the deadline after t but within the period (only when the last
  period is looked at before its end).
- amounts: sums of amount_due and amount_collected over valid cases with cs = i.
- plan: planned valid cases started in the period's calendar year(s), and those ended by t.

Sums run with numpy over the cube, which is small (it has no row per case), so both backends
share this code by construction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from pilotage.engine.span import Span

__all__ = ["Delays", "PeriodFigures", "delays_by_key", "figures_by_key"]

Key = tuple[int, str]  # (measure id, unit)
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class PeriodFigures:
    """Counts and sums of one measure, one unit, one period (see the module docstring)."""

    ended: int = 0
    judged: int = 0
    on_time: int = 0
    late: int = 0
    unclassified: int = 0
    invalid_end: int = 0
    invalid_start: int = 0
    started: int = 0
    started_ended: int = 0
    backlog: int = 0
    overdue: int = 0
    lost_open: int = 0
    winnable: int = 0
    amount_due: Decimal = Decimal(0)
    amount_collected: Decimal = Decimal(0)
    planned: int = 0
    plan_done: int = 0


@dataclass(frozen=True)
class Delays:
    """Exact delays of the valid cases ended in one period, in the norm's kind of day."""

    ended: int
    median: int | None
    p90: int | None


def _column(table: pa.Table, name: str, fill: int) -> Ints:
    col = table.column(name)
    return np.asarray(col.fill_null(fill).to_numpy(zero_copy_only=False), dtype=np.int64)


def _flag(table: pa.Table, name: str, value: bool) -> npt.NDArray[np.bool_]:
    """Rows where the boolean column `name` is `value` (null is neither)."""
    col = table.column(name)
    filled = col.fill_null(not value).to_numpy(zero_copy_only=False)
    return np.asarray(filled == value, dtype=np.bool_)


def _keys(table: pa.Table) -> tuple[list[Key], Ints]:
    """The distinct (measure id, unit) pairs of a table, and each row's index among them."""
    m = _column(table, "m_id", -1)
    encoded = pc.dictionary_encode(table.column("unit").combine_chunks())
    units = encoded.dictionary.to_pylist()
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    pairs, group = np.unique(m * len(units) + codes, return_inverse=True)
    keys = [(int(p // len(units)), units[int(p % len(units))]) for p in pairs]
    return keys, group.astype(np.int64)


def figures_by_key(cube: pa.Table, span: Span) -> dict[Key, list[PeriodFigures]]:
    """Every period's figures for every (measure id, unit) of the cube."""
    k = len(span)
    keys, g = _keys(cube)
    if not keys:
        return {}
    open_ = k + 1  # code of "open at the cut" for ce; "no deadline" for cd is -2
    n = _column(cube, "n", 0)
    cs = _column(cube, "cs", 0)
    ce = np.where(
        cube.column("ce").is_null().to_numpy(zero_copy_only=False), open_, _column(cube, "ce", 0)
    )
    cd = _column(cube, "cd", -2)
    valid = _flag(cube, "valid", True)
    late, punctual = _flag(cube, "late", True), _flag(cube, "late", False)
    ended, has_dl = valid & (ce != open_), valid & (cd != -2)
    shape = (len(keys), k + 3)  # buckets -1 .. k+1 at index bucket + 1

    def count(mask: npt.NDArray[np.bool_], at: Ints) -> Ints:
        flat = g[mask] * shape[1] + at[mask] + 1
        sums = np.bincount(flat, weights=n[mask], minlength=shape[0] * shape[1])
        return sums.astype(np.int64).reshape(shape)

    by: dict[str, Ints] = {
        "ended": count(ended, ce),
        "judged": count(ended & has_dl, ce),
        "on_time": count(ended & punctual, ce),
        "late": count(ended & late, ce),
        "unclassified": count(ended & ~has_dl, ce),
        "invalid_end": count(~valid, ce),
        "invalid_start": count(~valid, cs),
        "started": count(valid, cs),
        "started_ended": count(ended & (ce == cs), cs),  # ended by the cut of its own period
    }
    started_upto = np.cumsum(by["started"], axis=1)
    ended_upto = np.cumsum(by["ended"], axis=1)
    due_upto = np.cumsum(count(has_dl, cd), axis=1)
    both_upto = np.cumsum(count(has_dl & ended, np.maximum(cd, ce)), axis=1)
    lost_open = count(has_dl, cd) - count(has_dl & ended & (ce <= cd), cd)
    winnable = np.zeros(len(keys), dtype=np.int64)
    if "w" in cube.column_names:
        w = _flag(cube, "w", True) & valid & (ce == open_)
        winnable = np.bincount(g[w], weights=n[w], minlength=len(keys)).astype(np.int64)
    amounts = _amounts(cube, g, cs, valid, len(keys), k) if "due" in cube.column_names else None
    plans = _plans(cube, g, ce, valid, len(keys), span) if "planned" in cube.column_names else None
    columns: dict[str, Ints] = {name: table[:, 1 : k + 1] for name, table in by.items()}
    columns["backlog"] = (started_upto - ended_upto)[:, 1 : k + 1]
    columns["overdue"] = (due_upto - both_upto)[:, 1 : k + 1]
    columns["lost_open"] = lost_open[:, 1 : k + 1]
    columns["winnable"] = np.zeros((len(keys), k), dtype=np.int64)
    columns["winnable"][:, k - 1] = winnable
    names = list(columns)
    # One conversion to Python ints for the whole cube, then plain indexing per row.
    stacked = np.stack([columns[name] for name in names], axis=2).tolist()
    defaults = {f.name: f.default for f in dataclasses.fields(PeriodFigures)}
    out: dict[Key, list[PeriodFigures]] = {}
    for gi, key in enumerate(keys):
        rows = []
        for i in range(k):
            values = dict(defaults)
            values.update(zip(names, stacked[gi][i], strict=True))
            if amounts is not None:
                values["amount_due"], values["amount_collected"] = amounts[gi][i]
            if plans is not None:
                values["planned"], values["plan_done"] = plans[gi][i]
            # As for result rows (status._build): the generated __init__ only assigns fields.
            row: PeriodFigures = object.__new__(PeriodFigures)
            row.__dict__.update(values)
            rows.append(row)
        out[key] = rows
    return out


def _amounts(
    cube: pa.Table, g: Ints, cs: Ints, valid: npt.NDArray[np.bool_], groups: int, k: int
) -> list[list[tuple[Decimal, Decimal]]]:
    """Sums of amount_due and amount_collected by group and start bucket (exact decimals)."""
    due = cube.column("due").to_pylist()
    collected = cube.column("collected").to_pylist()
    sums = [[(Decimal(0), Decimal(0)) for _ in range(k)] for _ in range(groups)]
    for row in np.flatnonzero(valid & (cs >= 0) & (cs < k)):
        a, b = due[row], collected[row]
        if a is None and b is None:
            continue
        gi, i = int(g[row]), int(cs[row])
        d0, c0 = sums[gi][i]
        sums[gi][i] = (d0 + _decimal(a), c0 + _decimal(b))
    return sums


def _decimal(value: object) -> Decimal:
    return Decimal(0) if value is None else Decimal(str(value))


def _plans(
    cube: pa.Table, g: Ints, ce: Ints, valid: npt.NDArray[np.bool_], groups: int, span: Span
) -> list[list[tuple[int, int]]]:
    """Planned cases started in each period's calendar year(s), and those ended by its cut."""
    n = _column(cube, "n", 0)
    planned = _flag(cube, "planned", True) & valid
    year = _column(cube, "year", 0)
    out = [[(0, 0) for _ in span.periods] for _ in range(groups)]
    for i, period in enumerate(span.periods):
        in_years = planned & (year >= period.first.year) & (year <= period.last.year)
        done = in_years & (ce <= i)  # "open" is coded k + 1, so never done
        total = np.bincount(g[in_years], weights=n[in_years], minlength=groups)
        finished = np.bincount(g[done], weights=n[done], minlength=groups)
        for gi in range(groups):
            out[gi][i] = (int(total[gi]), int(finished[gi]))
    return out


def delays_by_key(quantiles: pa.Table) -> Mapping[tuple[int, str, int], Delays]:
    """(measure id, unit, period index) -> exact delays, from `compute.delay_quantiles`."""
    columns = [quantiles.column(name).to_pylist()
               for name in ("m_id", "unit", "ce", "ended", "median", "p90")]  # fmt: skip
    return {
        (m, unit, ce): Delays(ended, median, p90)
        for m, unit, ce, ended, median, p90 in zip(*columns, strict=True)
    }
