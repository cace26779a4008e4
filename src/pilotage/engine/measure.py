"""`measure`: every indicator of a contract, for a period (or a run of periods), at one level.

The one core function the CLI, the web views and the tests call. It reads two Ibis tables of one
backend (DuckDB or Spark), runs two grouped queries over the cases (the flow cube and the delay
histogram, each covering every measure, unit and period at once) and one small one (the import
batches and earliest start of the rows used), and finishes in Python on counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import ibis.expr.types as ir  # type: ignore[import-untyped]
from ibis.common.exceptions import IbisError  # type: ignore[import-untyped]

from pilotage.contract import Contract, ExportFormat, IndicatorKind, dump_contract
from pilotage.engine.compute import (
    Level,
    Lookups,
    by_unit,
    case_frame,
    delay_histogram,
    delay_quantiles,
    delay_quantiles_disc,
    flow_cube,
    lookups,
    named,
    units,
)
from pilotage.engine.figures import PeriodFigures, delays_by_key, figures_by_key
from pilotage.engine.plan import Plan, make_plan
from pilotage.engine.span import Span
from pilotage.engine.status import IndicatorResult, result_row, row_head
from pilotage.legaltime import Period

__all__ = ["Measurement", "Queries", "contract_version", "measure", "queries", "rows_used"]


@dataclass(frozen=True)
class Measurement:
    """The results of one computation, with what it was computed from."""

    contract_id: str
    contract_sha256: str
    span: Span
    level: Level
    rows: tuple[IndicatorResult, ...]
    batches: tuple[int, ...]  # import batches of the case rows used
    skipped: tuple[tuple[str, str, str], ...]  # (objective, indicator, why) not measured

    @property
    def periods(self) -> str:
        return self.span.label()

    @property
    def as_of(self) -> dt.date:
        return self.span.cut


def contract_version(contract: Contract) -> str:
    """SHA-256 of the contract's canonical JSON export: what a result set was computed against."""
    text = dump_contract(contract, ExportFormat.JSON)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Queries:
    """The expressions of one computation, before they run (for SQL snapshots and benchmarks)."""

    tables: Lookups
    cube: ir.Table
    quantiles: ir.Table
    units: ir.Table | None


def _extra(plan: Plan) -> tuple[str, ...]:
    kinds = {m.spec.kind for m in plan.measures}
    extra: list[str] = []
    if IndicatorKind.PLAN_SHARE in kinds:
        extra.append("planned")
    if IndicatorKind.AMOUNT_RATIO in kinds:
        extra += ["amount_due", "amount_collected"]
    return tuple(extra)


def queries(
    cases: ir.Table,
    org_units: ir.Table,
    plan: Plan,
    span: Span,
    level: Level | str,
    first: dt.date,
    offices: Sequence[str] | None = None,
) -> Queries:
    """The cube and quantile expressions of `plan` over `span`, by unit of `level`.

    `offices`, every office of the rows read (`scan`), lets the queries group on integers.
    """
    tables = lookups(plan, span, first, offices)
    extra = _extra(plan)
    frame = case_frame(cases, tables, extra=extra)
    cube = named(flow_cube(frame, tables, amounts="amount_due" in extra), tables)
    ended = case_frame(cases, tables, ended_only=True)
    mapping = None if Level(level) is Level.OFFICE else units(org_units, level)
    sums = ["n", "due", "collected"] if "amount_due" in extra else ["n"]
    if _backend(cases) in (None, "duckdb"):
        quantiles = delay_quantiles_disc(ended, tables, mapping)
    else:
        histogram = named(delay_histogram(ended), tables)
        quantiles = delay_quantiles(by_unit(histogram, mapping, ["n"]))
    return Queries(tables, by_unit(cube, mapping, sums), quantiles, mapping)


def _backend(table: ir.Table) -> str | None:
    """The name of the backend a table is bound to; None for an unbound table (SQL only)."""
    try:
        return str(table._find_backend().name)
    except IbisError:  # unbound: compiled for DuckDB (the SQL snapshots)
        return None


def rows_used(cases: ir.Table, plan: Plan, span: Span) -> tuple[dt.date | None, tuple[int, ...]]:
    """The earliest day (start or end) and the import batches of the case rows read."""
    first, batches, _ = scan(cases, plan, span)
    return first, batches


def scan(
    cases: ir.Table, plan: Plan, span: Span
) -> tuple[dt.date | None, tuple[int, ...], tuple[str, ...]]:
    """The earliest day (start or end), the import batches and the offices of the rows read."""
    read = cases.start_date <= span.cut
    last_start = plan.last_start(span)
    if last_start > span.cut:
        planned = [m.objective for m in plan.measures if m.spec.kind is IndicatorKind.PLAN_SHARE]
        read = read | (cases.objective.isin(planned) & (cases.start_date <= last_start))
    rows = cases.filter(cases.objective.isin(list(plan.objectives)) & read)
    # An end before every start exists only in invalid rows, but the day tables must hold it.
    found = (
        rows.group_by("batch_id", "office")
        .aggregate(first=rows.start_date.min(), first_end=rows.end_date.min())
        .to_pyarrow()
    )
    offices = tuple(sorted(set(found.column("office").to_pylist())))
    days = found.column("first").to_pylist() + found.column("first_end").to_pylist()
    firsts = [d for d in days if d is not None]
    batches = {int(b) for b in found.column("batch_id").to_pylist() if b is not None}
    return (min(firsts) if firsts else None), tuple(sorted(batches)), offices


def _unit_names(org_units: ir.Table, level: Level) -> dict[str, str | None]:
    table = org_units.select("code", "name", "level").to_pyarrow().to_pylist()
    return {r["code"]: r["name"] for r in table if r["level"] == level.value}


def measure(
    cases: ir.Table,
    org_units: ir.Table,
    contract: Contract,
    periods: Period | Sequence[Period] | str,
    level: Level | str = Level.OFFICE,
    *,
    as_of: dt.date | None = None,
    language: str = "fr",
) -> Measurement:
    """Every case-measured indicator of `contract`, per unit of `level`, for `periods`.

    `periods` is a period (`Period.parse("2019-Q3")` or the text itself) or consecutive periods
    of one kind. `as_of` looks at the last period on that day (data after it is ignored: a later
    end is an open case); by default every period is looked at on its last day.
    """
    chosen = Period.parse(periods) if isinstance(periods, str) else periods
    span = Span.of(chosen, as_of)
    level = Level(level)
    plan = make_plan(contract, span)
    first, batches, offices = scan(cases, plan, span)
    names = _unit_names(org_units, level)
    found: dict[tuple[int, str], list[PeriodFigures]] = {}
    delays = {}
    if first is not None and plan.measures:
        q = queries(cases, org_units, plan, span, level, first, offices)
        found = figures_by_key(q.cube.to_pyarrow(), span)
        delays = dict(delays_by_key(q.quantiles.to_pyarrow()))
    seen = sorted({unit for _, unit in found} | set(names))
    empty = [PeriodFigures() for _ in span.periods]
    rows: list[IndicatorResult] = []
    for m in plan.measures:
        for i, period in enumerate(span.periods):
            if not m.in_force(period.first, period.last):
                continue
            head = row_head(m, plan, period, span.cuts[i], level.value, language)
            for unit in seen:
                figures = found.get((m.id, unit), empty)[i]
                delay = delays.get((m.id, unit, i))
                rows.append(result_row(head, unit, names.get(unit), figures, delay))
    if any(r.neutralised_from is not None for r in rows):  # caveats over part of a period
        from pilotage.engine.caveats import judged_on_clean_parts

        def part(p: Period, objectives: Sequence[str]) -> tuple[IndicatorResult, ...]:
            mine = cases.filter(cases.objective.isin(list(objectives)))
            return measure(mine, org_units, contract, p, level, language=language).rows

        rows = list(judged_on_clean_parts(rows, plan, span, part))
    return Measurement(
        contract_id=contract.id,
        contract_sha256=contract_version(contract),
        span=span,
        level=level,
        rows=tuple(rows),
        batches=batches,
        skipped=plan.skipped,
    )
