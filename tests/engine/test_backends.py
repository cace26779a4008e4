"""One engine, two backends: DuckDB and Spark give exactly the same results."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pilotage.contract import Contract
from pilotage.engine import late_cases, measurable, measure
from pilotage.facts import DuckDBFactStore
from pilotage.legaltime import periods_between
from tests.conftest import SPARK

from .conftest import Backend
from .helpers import D, case, fill, spark_store, timeliness, tiny_contract
from .test_properties import DELAYS

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = SPARK


CATEGORIES = [None, None, "revenu manquant", "réception tardive", "date d'échéance", "autre"]
TINY: Contract = tiny_contract(
    *(timeliness(code, d) for code, d in DELAYS.items()),
    timeliness("TST 8-01", {"unit": "calendar_days", "value": 20, "suspensions": True}),
)


def _random_rows(contract: Contract, seed: int, n: int) -> list[dict[str, Any]]:
    """Cases of every measured objective: open, ended, invalid, with every optional column."""
    rng = random.Random(seed)
    codes = [code for code, ind in contract.indicators() if measurable(ind.kind)]
    rows = []
    for _ in range(n):
        start = D(2018, 10, 1) + dt.timedelta(days=rng.randrange(500))
        length = rng.choice([None, rng.randrange(-5, 400), rng.randrange(0, 60)])
        due = Decimal(rng.randrange(0, 100000)) / 100
        rows.append(
            case(
                rng.choice(codes),
                start,
                None if length is None else start + dt.timedelta(days=length),
                office=rng.choice(["BRU", "LEU", "LGE"]),
                category=rng.choice(CATEGORIES),
                amount_due=due,
                amount_collected=(due * rng.choice([0, 1, 2]) / 2).quantize(Decimal("0.01")),
                planned=rng.choice([None, True, False]),
                attributes={"sample": rng.choice(["30%", "70%"])},
                suspended_days=rng.choice([0, 0, 5, 30]),
                batch_id=rng.randrange(1, 4),
            )
        )
    return rows


def test_duckdb_and_spark_agree(spark: SparkSession, inasti: Contract, tmp_path: Path) -> None:
    with DuckDBFactStore.in_memory() as duck:
        fill(duck, [*_random_rows(inasti, 1, 600), *_random_rows(TINY, 2, 300)])
        on_spark = spark_store(spark, duck, tmp_path / "export")
        runs: list[tuple[Contract, Any, str, dict[str, Any]]] = [
            (inasti, "2019-Q3", "office", {}),
            (inasti, periods_between("2019-Q1", "2019-Q3"), "region", {"as_of": D(2019, 8, 15)}),
            (TINY, "2019-S2", "institution", {}),
        ]
        for contract, periods, level, options in runs:
            mine = measure(duck.cases(), duck.org_units(), contract, periods, level, **options)
            theirs = measure(
                on_spark.cases(), on_spark.org_units(), contract, periods, level, **options
            )
            assert theirs.rows == mine.rows, (contract.id, periods, level)
            assert theirs.batches == mine.batches
            assert any(r.denominator for r in mine.rows)
            assert any(r.median_delay for r in mine.rows)
        for objective in ("VOB 2-01", "ECL 5-01"):
            assert late_cases(on_spark.cases(), inasti, objective, "2019-Q3") == late_cases(
                duck.cases(), inasti, objective, "2019-Q3"
            )


@pytest.mark.notimpl(["spark"], reason="shows how a test says what a backend cannot do")
def test_a_notimpl_mark_skips_that_backend_only(backend: Backend) -> None:
    """The mark of the backend suite: the duckdb run runs, the spark run is skipped with the
    reason (the `backend` fixture reads the mark before starting Spark)."""
    assert backend.name == "duckdb"
    assert backend.run([case("TST 8-01", D(2019, 5, 1), D(2019, 7, 10))], TINY).rows
