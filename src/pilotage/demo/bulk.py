"""Bulk synthetic cases for benchmarks: millions of rows, chunk by chunk, in bounded memory.

`generate_cases(rows, out)` writes `rows` cases of generic objectives (`BEN 01-01`, ...) in
generic offices (`O01`, ...) over a number of years, to Parquet in row groups of about a
million rows (or to CSV for small sizes). Rows come out in start-date order, so row groups
cover consecutive periods. Each chunk is drawn with numpy and Arrow compute only, no Python
loop per row; memory stays at a few hundred MB whatever the number of rows.

`benchmark_contract()` and `benchmark_org_units()` give the contract and org-unit file these
cases are measured against. Everything is SYNTHETIC (see `pilotage.demo`).
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from pilotage.contract import Contract, DelayUnit, parse_contract
from pilotage.demo.niss import synthetic_niss
from pilotage.demo.offices import DEMO_SUFFIX
from pilotage.demo.records import (
    AMOUNT,
    CaseWriter,
    case_schema,
    date_array,
    dictionary_array,
    digits_array,
)
from pilotage.demo.season import day_number, intake_weights, weekday

__all__ = [
    "BULK_END",
    "CHUNK_ROWS",
    "BenchObjective",
    "GenerationReport",
    "benchmark_contract",
    "benchmark_objectives",
    "benchmark_org_units",
    "generate_cases",
]

BULK_END = dt.date(2020, 12, 31)
CHUNK_ROWS = 1_000_000
_DELAYS = (  # (unit, value, target %): calendar-day and working-day norms, as in the contracts
    (DelayUnit.CALENDAR_DAYS, 30, 95),
    (DelayUnit.CALENDAR_DAYS, 120, 90),
    (DelayUnit.WORKING_DAYS_MON_SAT, 15, 90),
    (DelayUnit.CALENDAR_DAYS, 60, 80),
    (DelayUnit.WORKING_DAYS_MON_FRI, 10, 95),
    (DelayUnit.CALENDAR_DAYS, 7, 90),
    (DelayUnit.CALENDAR_DAYS, 180, 80),
)
_CALENDAR_PER_UNIT = {
    DelayUnit.CALENDAR_DAYS: 1.0,
    DelayUnit.WORKING_DAYS_MON_SAT: 7 / 6,
    DelayUnit.WORKING_DAYS_MON_FRI: 7 / 5,
}
_CATEGORIES = ("standard", "prioritaire")


@dataclass(frozen=True)
class BenchObjective:
    code: str
    unit: DelayUnit
    value: int
    target: int


@dataclass(frozen=True)
class GenerationReport:
    rows: int
    files: tuple[Path, ...]
    seconds: float

    @property
    def bytes(self) -> int:
        return sum(f.stat().st_size for f in self.files)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")


def benchmark_objectives(objectives: int = 50) -> list[BenchObjective]:
    """`BEN 01-01` .. : five objectives per key task, delays cycling through common norms."""
    out = []
    for i in range(objectives):
        unit, value, target = _DELAYS[i % len(_DELAYS)]
        out.append(BenchObjective(f"BEN {i // 5 + 1:02d}-{i % 5 + 1:02d}", unit, value, target))
    return out


def benchmark_org_units(offices: int = 20) -> pa.Table:
    """Org units for `offices` generic offices in 5 regions under one institution."""
    regions = min(5, offices)
    codes = [
        "BENCH",
        *(f"R{r + 1}" for r in range(regions)),
        *(f"O{o + 1:02d}" for o in range(offices)),
    ]
    names = [
        "Institution" + DEMO_SUFFIX,
        *(f"Région {r + 1}{DEMO_SUFFIX}" for r in range(regions)),
        *(f"Bureau {o + 1:02d}{DEMO_SUFFIX}" for o in range(offices)),
    ]
    parents = [None, *(["BENCH"] * regions), *(f"R{o % regions + 1}" for o in range(offices))]
    levels = ["institution", *(["region"] * regions), *(["office"] * offices)]
    return pa.table({"code": codes, "name": names, "parent": parents, "level": levels})


def benchmark_contract(
    objectives: int = 50, *, years: int = 10, end: dt.date = BULK_END
) -> Contract:
    """A contract whose timeliness objectives are the benchmark's, with norms over its years."""
    start = dt.date(end.year - years + 1, 1, 1)
    period = {"start": start.isoformat(), "end": end.isoformat()}
    tasks: dict[str, list[dict[str, object]]] = {}
    for obj in benchmark_objectives(objectives):
        tasks.setdefault(obj.code.split("-")[0], []).append(
            {
                "code": obj.code,
                "name": {"fr": f"Objectif de référence {obj.code} (démo)"},
                "indicators": [
                    {
                        "code": obj.code,
                        "name": {"fr": f"% de dossiers traités dans les {obj.value} jours (démo)"},
                        "kind": "timeliness",
                        "start_event": "request_received",
                        "end_event": "decision_sent",
                        "norms": [
                            {
                                "valid": period,
                                "delays": [{"unit": obj.unit.value, "value": obj.value}],
                                "target": {
                                    "operator": ">=",
                                    "value": obj.target,
                                    "unit": "percent",
                                },
                            }
                        ],
                    }
                ],
            }
        )
    return parse_contract(
        {
            "id": f"bench-{objectives}",
            "kind": "contract",
            "title": {
                "fr": f"Contrat de référence pour mesurer les performances ({objectives} objectifs)"
            },
            "institution": {"code": "BENCH", "name": {"fr": "Institution" + DEMO_SUFFIX}},
            "period": period,
            "languages": ["fr"],
            "services": [
                {
                    "code": "BEN",
                    "name": {"fr": "Service de référence (démo)"},
                    "key_tasks": [
                        {
                            "code": task,
                            "name": {"fr": f"Tâche clé {task} (démo)"},
                            "objectives": objs,
                        }
                        for task, objs in tasks.items()
                    ],
                }
            ],
        },
        "<benchmark contract>",
    )


@dataclass(frozen=True)
class _Plan:
    """Everything drawn once for the whole file: objectives, offices, days, persons."""

    objectives: list[BenchObjective]
    objective_p: npt.NDArray[np.float64]
    mu: npt.NDArray[np.float64]  # log of the median elapsed days per objective
    sigma: npt.NDArray[np.float64]
    office_p: npt.NDArray[np.float64]
    first: int
    last: int
    cdf: npt.NDArray[np.float64]  # cumulative intake over the days first..last
    persons: npt.NDArray[np.int64]


def _plan(rows: int, objectives: int, offices: int, years: int, seed: int) -> _Plan:
    rng = np.random.default_rng([seed, 0])
    objs = benchmark_objectives(objectives)
    size = rng.lognormal(0.0, 1.0, objectives)
    limit = np.array([o.value * _CALENDAR_PER_UNIT[o.unit] for o in objs])
    # The median case takes 35-95% of the delay: some objectives meet their norm, some miss it.
    median = np.maximum(0.5, limit * rng.uniform(0.35, 0.95, objectives))
    first, last = day_number(dt.date(BULK_END.year - years + 1, 1, 1)), day_number(BULK_END)
    weights = intake_weights(first, last)
    return _Plan(
        objs,
        size / size.sum(),
        np.log(median),
        rng.uniform(0.35, 0.8, objectives),
        (w := rng.lognormal(0.0, 0.5, offices)) / w.sum(),
        first,
        last,
        np.cumsum(weights) / weights.sum(),
        synthetic_niss(rng, int(min(max(rows // 4, 1_000), 5_000_000))),
    )


def _chunk(plan: _Plan, offset: int, n: int, rows: int, seed: int) -> pa.Table:
    """Rows offset .. offset+n of the file: start days rise through the chunks."""
    rng = np.random.default_rng([seed, 1, offset])
    u = (offset + np.arange(n) + rng.random(n)) / rows  # stratified, hence already sorted
    start = (plan.first + np.searchsorted(plan.cdf, u)).astype(np.int32)
    objective = rng.choice(len(plan.objectives), n, p=plan.objective_p).astype(np.int32)
    office = rng.choice(len(plan.office_p), n, p=plan.office_p).astype(np.int32)
    elapsed = np.floor(rng.lognormal(plan.mu[objective], plan.sigma[objective])).astype(np.int32)
    end = start + elapsed
    wd = weekday(end)
    end = end + np.where(wd == 5, 2, np.where(wd == 6, 1, 0)).astype(np.int32)
    end = np.where(end > plan.last, -1, end).astype(np.int32)
    has_category = objective % 7 == 3
    category = np.where(has_category, (rng.random(n) < 0.2).astype(np.int32), -1)
    suspended = (end >= 0) & (elapsed >= 10) & (rng.random(n) < 0.005)
    table = {
        "case_id": digits_array(np.arange(offset + 1, offset + n + 1, dtype=np.int64), 10, "DEMO-"),
        "objective": dictionary_array(objective, [o.code for o in plan.objectives]),
        "office": dictionary_array(office, [f"O{i + 1:02d}" for i in range(len(plan.office_p))]),
        "start_date": date_array(start),
        "end_date": date_array(end),
        "category": dictionary_array(category, _CATEGORIES),
        "amount_due": pa.nulls(n, AMOUNT),
        "amount_collected": pa.nulls(n, AMOUNT),
        "planned": pa.nulls(n, pa.bool_()),
        "suspensions": _suspensions(rng, start, end, elapsed, suspended),
        "niss": digits_array(plan.persons[rng.integers(0, len(plan.persons), n)], 11),
    }
    return pa.table(table, schema=case_schema())


def _suspensions(
    rng: np.random.Generator,
    start: npt.NDArray[np.int32],
    end: npt.NDArray[np.int32],
    elapsed: npt.NDArray[np.int32],
    picked: npt.NDArray[np.bool_],
) -> pa.Array:
    """One `from..to` interval inside the case for the picked rows, built in Arrow."""
    rows = np.flatnonzero(picked)
    m = len(rows)
    s0 = start[rows] + 1 + np.floor(rng.random(m) * elapsed[rows] / 2).astype(np.int32)
    s1 = np.minimum(s0 + rng.integers(2, 14, m).astype(np.int32), end[rows] - 1)
    text = pc.binary_join_element_wise(
        pc.cast(date_array(s0), pa.string()), pc.cast(date_array(s1), pa.string()), ".."
    )
    where = np.zeros(len(start), dtype=np.int64)
    where[rows] = np.arange(m)
    return pc.take(text, pa.array(where, pa.int64(), mask=~picked))


def generate_cases(
    rows: int,
    out: Path | str,
    *,
    objectives: int = 50,
    offices: int = 20,
    years: int = 10,
    seed: int = 2019,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[int], None] | None = None,
) -> GenerationReport:
    """Write `rows` synthetic cases to `out` (Parquet; CSV when it ends with .csv).

    `progress` is called with the number of rows written after each chunk.
    """
    if rows < 0 or objectives < 1 or offices < 1 or years < 1 or chunk_rows < 1:
        raise ValueError("rows must be >= 0; objectives, offices, years and chunk_rows >= 1")
    began = time.perf_counter()
    plan = _plan(rows, objectives, offices, years, seed)
    description = (
        f"Benchmark case records: {rows} cases of {objectives} generic objectives (BEN ...),\n"
        f"{offices} offices, {years} years up to {BULK_END}, seed {seed}."
    )
    schema = case_schema(metadata={"pilotage.seed": str(seed), "pilotage.rows": str(rows)})
    # Two cores: the next chunk is drawn while the previous one is encoded and written (Arrow
    # releases the GIL). At most two chunks are held at once, so memory stays bounded.
    with CaseWriter(Path(out), schema, description) as writer, ThreadPoolExecutor(1) as pool:
        pending: Future[None] | None = None
        for k in range(math.ceil(rows / chunk_rows)):
            offset = k * chunk_rows
            table = _chunk(plan, offset, min(chunk_rows, rows - offset), rows, seed)
            if pending is not None:
                pending.result()
                if progress is not None:
                    progress(writer.rows)
            pending = pool.submit(writer.write, table)
        if pending is not None:
            pending.result()
            if progress is not None:
                progress(writer.rows)
    return GenerationReport(rows, tuple(writer.paths), time.perf_counter() - began)
