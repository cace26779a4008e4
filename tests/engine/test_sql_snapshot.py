"""SQL snapshots: the queries the engine sends to DuckDB, so a change shows up as a diff.

Refresh after a deliberate change with `PILOTAGE_UPDATE_SNAPSHOTS=1 pytest tests/engine`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import ibis
import pytest

from pilotage.contract import Contract
from pilotage.engine import Span
from pilotage.engine.measure import queries
from pilotage.engine.plan import make_plan
from pilotage.facts import CASES_SCHEMA, ORG_UNITS_SCHEMA
from pilotage.legaltime import Period

from .helpers import D, timeliness, tiny_contract

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("PILOTAGE_UPDATE_SNAPSHOTS") == "1"

CONTRACT: Contract = tiny_contract(
    timeliness(
        "TST 9-01",
        {"unit": "working_days_mon_fri", "value": 15, "convention": "judicial"},
        population={"exclude_categories": ["revenu manquant"]},
    ),
    timeliness(
        "TST 9-02",
        {"unit": "months", "value": 4, "category": "réception tardive"},
        {"unit": "months", "value": 3, "category": "date d'échéance"},
    ),
    {
        "code": "TST 9-03",
        "kind": "share",
        "norms": [{"valid": {"start": "2019-01-01"}, "target": {"value": 95}}],
    },
)


def _normalised(sql: str) -> str:
    """Memtables get random names: number them in order of appearance."""
    names: dict[str, str] = {}
    pattern = re.compile(r"ibis_\w+?_memtable_[a-z0-9]+")
    return pattern.sub(lambda m: names.setdefault(m.group(0), f"memtable_{len(names) + 1}"), sql)


@pytest.mark.parametrize("name", ["cube", "quantiles"])
def test_generated_sql_matches_its_snapshot(name: str) -> None:
    span = Span.of(Period.parse("2019-Q3"))
    cases = ibis.table(ibis.Schema.from_pyarrow(CASES_SCHEMA), name="cases")
    org_units = ibis.table(ibis.Schema.from_pyarrow(ORG_UNITS_SCHEMA), name="org_units")
    plan = make_plan(CONTRACT, span)
    q = queries(cases, org_units, plan, span, "region", D(2019, 1, 1), ("BRU", "LEU"))
    sql = _normalised(ibis.to_sql(getattr(q, name), dialect="duckdb")) + "\n"
    path = SNAPSHOTS / f"{name}.sql"
    if UPDATE:
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: write it with PILOTAGE_UPDATE_SNAPSHOTS=1"
    assert sql == path.read_text(encoding="utf-8"), (
        f"the {name} query changed: review the diff, then refresh with PILOTAGE_UPDATE_SNAPSHOTS=1"
    )
