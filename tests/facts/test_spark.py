"""The Spark store reads the Parquet export and gives the same rows as the DuckDB store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pilotage.contract import Contract
from pilotage.errors import StoreError
from pilotage.facts import DuckDBFactStore, FactStore, SparkFactStore, import_cases
from tests.conftest import SPARK

from .factories import AT, ORG_UNITS, SECRET, case, write_csv

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = SPARK


def types(table: Any) -> dict[str, object]:
    """Column types without nullability: Parquet marks every column nullable."""
    return {name: kind.copy(nullable=True) for name, kind in table.schema().items()}


def rows(table: Any) -> list[tuple[object, ...]]:
    """Every row, sorted; maps as sorted pairs (PySpark hands them over as dicts)."""
    out = []
    for record in table.to_pyarrow().to_pylist():
        out.append(
            tuple(
                sorted(v.items())
                if isinstance(v, dict)
                else sorted(v)
                if isinstance(v, list)
                else v
                for v in record.values()
            )
        )
    return sorted(out, key=repr)


def test_duckdb_and_spark_stores_agree(
    spark: SparkSession, inasti: Contract, tmp_path: Path
) -> None:
    data = [
        case(
            "C-1",
            end_date="2019-04-01",
            amount_due="10.5",
            amount_collected="3",
            planned="oui",
            suspensions="2019-03-02..2019-03-05",
            niss="85073003328",
            **{"attr.sample": "30%", "category": "revenu manquant"},
        ),
        case(
            "C-2",
            end_date="",
            office="LGE",
            amount_due="",
            amount_collected="",
            planned="",
            suspensions="",
            niss="",
            **{"attr.sample": "", "category": ""},
        ),
        case(
            "C-3",
            objective="PEN 1-01",
            amount_due="",
            amount_collected="",
            planned="non",
            suspensions="",
            niss="",
            **{"attr.sample": "", "category": ""},
        ),
    ]
    path = write_csv(tmp_path / "cases.csv", data)
    with DuckDBFactStore.in_memory() as duck:
        import_cases(duck, [path], inasti, secret=SECRET, org_units=ORG_UNITS, imported_at=AT)
        duck.export_parquet(tmp_path / "export")
        on_spark = SparkFactStore(spark, tmp_path / "export")
        assert isinstance(on_spark, FactStore)
        for name in ("cases", "suspensions", "org_units"):
            mine, theirs = getattr(duck, name)(), getattr(on_spark, name)()
            assert types(theirs) == types(mine), name
            keep = [c for c in mine.columns if c != "attributes"]
            assert rows(theirs.select(keep)) == rows(mine.select(keep)), name
        # A map column goes through pandas on PySpark: compare what the engine reads of it.
        for store in (duck, on_spark):
            t = store.cases()
            got = t.select("case_id", sample=t.attributes.get("sample")).order_by("case_id")
            assert got.to_pyarrow().to_pylist() == [
                {"case_id": "C-1", "sample": "30%"},
                {"case_id": "C-2", "sample": None},
                {"case_id": "C-3", "sample": None},
            ]
        # The same Ibis expression, run on both.
        for store in (duck, on_spark):
            t = store.cases()
            per_office = (
                t.group_by("office")
                .agg(n=t.count(), open=t.end_date.isnull().sum(), days=t.suspended_days.sum())
                .order_by("office")
            )
            assert per_office.to_pyarrow().to_pylist() == [
                {"office": "BRU", "n": 2, "open": 0, "days": 4},
                {"office": "LGE", "n": 1, "open": 1, "days": 0},
            ]


def test_a_missing_export_is_a_clear_error(spark: SparkSession, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"cases\.parquet: no such file; write the Parquet"):
        SparkFactStore(spark, tmp_path)
