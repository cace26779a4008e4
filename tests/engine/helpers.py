"""Helpers of the engine tests: hand-made case rows, stores, small contracts, row lookup."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from pilotage.contract import Contract, parse_contract
from pilotage.engine import IndicatorResult, Measurement, measure
from pilotage.facts import CASES_SCHEMA, DuckDBFactStore, OrgLevel, OrgUnit, org_units_table

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

D = dt.date
ORG_UNITS = (
    OrgUnit("INASTI", "INASTI", None, OrgLevel.INSTITUTION),
    OrgUnit("R-BRB", "Région Bruxelles-Brabant", "INASTI", OrgLevel.REGION),
    OrgUnit("R-LNL", "Région Liège-Namur-Luxembourg", "INASTI", OrgLevel.REGION),
    OrgUnit("BRU", "Bureau de Bruxelles", "R-BRB", OrgLevel.OFFICE),
    OrgUnit("LEU", "Bureau de Louvain", "R-BRB", OrgLevel.OFFICE),
    OrgUnit("LGE", "Bureau de Liège", "R-LNL", OrgLevel.OFFICE),
)
_ids = itertools.count(1)


def case(
    objective: str,
    start: dt.date,
    end: dt.date | None = None,
    *,
    office: str = "BRU",
    case_id: str | None = None,
    **values: Any,
) -> dict[str, Any]:
    """One stored case row (the `cases` table), with defaults for what a test leaves out."""
    number = next(_ids)
    row: dict[str, Any] = {
        "objective": objective,
        "case_id": case_id or f"C-{number}",
        "office": office,
        "start_date": start,
        "end_date": end,
        "category": None,
        "amount_due": None,
        "amount_collected": None,
        "planned": None,
        "suspensions": None,
        "suspended_days": 0,
        "person_key": f"pk-{number:04d}",
        "attributes": [],
        "batch_id": 1,
    }
    row.update(values)
    if isinstance(row["attributes"], Mapping):
        row["attributes"] = list(row["attributes"].items())
    return row


def fill(store: DuckDBFactStore, rows: Sequence[Mapping[str, Any]]) -> DuckDBFactStore:
    """Write rows straight into the store's tables (no import: invalid rows stay possible)."""
    con = store.connection
    con.register("_cases_in", pa.Table.from_pylist(list(rows), schema=CASES_SCHEMA))
    con.execute("INSERT INTO cases BY NAME SELECT * FROM _cases_in")
    con.unregister("_cases_in")
    con.register("_units_in", org_units_table(ORG_UNITS))
    con.execute("DELETE FROM org_units")
    con.execute("INSERT INTO org_units BY NAME SELECT * FROM _units_in")
    con.unregister("_units_in")
    return store


def run(
    rows: Sequence[Mapping[str, Any]],
    contract: Contract,
    period: Any = "2019-Q3",
    level: str = "office",
    **options: Any,
) -> Measurement:
    """Measure `rows` on a fresh in-memory DuckDB store."""
    with DuckDBFactStore.in_memory() as fresh:
        fill(fresh, rows)
        return measure(fresh.cases(), fresh.org_units(), contract, period, level, **options)


def pick(
    m: Measurement | Sequence[IndicatorResult],
    objective: str,
    unit: str = "BRU",
    norm: int | None = 0,
    period: str | None = None,
) -> IndicatorResult:
    """The one result row of an objective, unit, norm (and period)."""
    rows = m.rows if isinstance(m, Measurement) else m
    found = [
        r
        for r in rows
        if r.objective == objective
        and r.unit == unit
        and r.norm_index == norm
        and (period is None or r.period == period)
    ]
    assert len(found) == 1, f"{len(found)} rows for {objective} {unit} {norm} {period}"
    return found[0]


def tiny_contract(*indicators: Mapping[str, Any], caveats: Sequence[Any] = ()) -> Contract:
    """A contract of one service with one objective per indicator (the indicator's code)."""
    objectives = []
    for indicator in indicators:
        item: dict[str, Any] = {
            "code": indicator["code"],
            "name": {"en": indicator["code"]},
            "indicators": [{"name": {"en": indicator["code"]}, **indicator}],
        }
        if caveats:
            item["caveats"] = list(caveats)
        objectives.append(item)
    data = {
        "format": "pilotage-contract/1",
        "id": "tiny",
        "kind": "contract",
        "title": {"en": "A contract for tests"},
        "institution": {"code": "TST", "name": {"en": "Test institution"}},
        "period": {"start": "2019-01-01", "end": "2020-12-31"},
        "languages": ["en"],
        "services": [
            {
                "code": "TST",
                "name": {"en": "Tests"},
                "key_tasks": [{"code": "TST 1", "name": {"en": "Tests"}, "objectives": objectives}],
            }
        ],
    }
    return parse_contract(data, "tiny")


def timeliness(code: str, *delays: Mapping[str, Any], target: int = 90, **more: Any) -> dict:
    """A timeliness indicator with one norm over 2019-2020."""
    return {
        "code": code,
        "kind": "timeliness",
        "start_event": "received",
        "end_event": "decided",
        "norms": [
            {
                "valid": {"start": "2019-01-01", "end": "2020-12-31"},
                "delays": list(delays),
                "target": {"operator": ">=", "value": target, "unit": "percent"},
                **more,
            }
        ],
    }


def spark_store(spark: SparkSession, store: DuckDBFactStore, directory: Path) -> Any:
    """The same store on Spark: its Parquet export read by the Spark fact store."""
    from pilotage.facts import SparkFactStore

    store.export_parquet(directory)
    return SparkFactStore(spark, directory)
