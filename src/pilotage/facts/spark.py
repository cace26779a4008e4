"""The fact store on Spark: the Parquet export of a DuckDB store, read through Ibis.

The indicator engine runs the same Ibis expressions on `DuckDBFactStore` and on this store,
so a computation can move to a Spark cluster without a second implementation. PySpark is
imported only when a session is made.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import ibis  # type: ignore[import-untyped]
from ibis.backends import BaseBackend  # type: ignore[import-untyped]

from pilotage.errors import StoreError
from pilotage.facts.store import TABLES

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["SparkFactStore", "local_spark_session"]


def local_spark_session(
    app_name: str = "pilotage", partitions: int = 4, master: str = "local[2]"
) -> SparkSession:
    """A Spark session (by default local, 2 threads; `master` names a cluster: "spark://host:7077",
    "yarn"), UTC, no web UI. An existing session of the process is reused."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .getOrCreate()
    )


class SparkFactStore:
    """The FactStore interface over `<table>.parquet` files written by `export_parquet`."""

    def __init__(self, session: SparkSession, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.session = session
        self._backend = ibis.pyspark.connect(session)
        self._tables: dict[str, ibis.Table] = {}
        for table in TABLES:
            path = self.directory / f"{table}.parquet"
            if not path.exists():
                raise StoreError(
                    f"{path}: no such file; write the Parquet files with "
                    "DuckDBFactStore.export_parquet(directory) first"
                )
            # A view per store: two stores in one session do not see each other's tables.
            name = f"pilotage_{table}_{id(self):x}"
            self._tables[table] = self._backend.read_parquet(path, table_name=name)

    @property
    def backend(self) -> BaseBackend:
        return self._backend

    def cases(self) -> ibis.Table:
        return self._tables["cases"]

    def suspensions(self) -> ibis.Table:
        return self._tables["case_suspensions"]

    def org_units(self) -> ibis.Table:
        return self._tables["org_units"]

    def batches(self) -> ibis.Table:
        return self._tables["import_batches"]
