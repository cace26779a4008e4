"""`pilotage measure --engine spark`: the same job on a Spark session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner

from pilotage.cli import main
from tests.conftest import SPARK

from .test_cli import invoke, store_file  # noqa: F401 (the module's fixture, shared)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = SPARK


def test_measure_on_spark_publishes_the_figures_duckdb_computes(
    store_file: Path,  # noqa: F811
    spark: SparkSession,
    tmp_path: Path,
) -> None:
    """`--engine spark` runs the same computation on a Spark session over the store's tables
    exported to Parquet, and publishes its result in the store like any measurement."""
    base = ["measure", "--contract", "inasti-2019-2020", "--period", "2019-Q3", "--to", "2019-Q4"]
    base += ["--store", str(store_file), "--json"]
    on_duckdb = json.loads(invoke(*base, "--no-publish"))
    result = CliRunner().invoke(
        main, [*base, "--engine", "spark", "--parquet", str(tmp_path / "export")],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    on_spark = json.loads(result.stdout)
    assert on_spark["rows"] == on_duckdb["rows"]
    assert on_spark["result_set"]["id"] == 1  # published in the DuckDB store
    assert (tmp_path / "export" / "cases.parquet").exists()
    assert "Spark (local[2])" in result.stderr
