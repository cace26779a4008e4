"""The fact store: the narrow interface the indicator engine reads, and its DuckDB implementation.

`FactStore` gives the stored tables as Ibis tables, so the engine writes one expression and runs
it on DuckDB or Spark. `DuckDBFactStore` is the real store (`<data dir>/facts.duckdb`) and, with
`:memory:`, the fake used in tests; it alone is written to, by `write_batches`, one transaction
for a whole import. `SparkFactStore` (in `pilotage.facts.spark`) reads the Parquet export.

Every duckdb error is translated into a StoreError that names the store and what was being done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

import duckdb
import ibis  # type: ignore[import-untyped]
import pyarrow as pa  # type: ignore[import-untyped]
from ibis.backends import BaseBackend  # type: ignore[import-untyped]

from pilotage.errors import StoreError
from pilotage.facts.orgunits import OrgUnit, org_units_table
from pilotage.facts.schema import (
    BATCHES_SCHEMA,
    CASES_SCHEMA,
    ORG_UNITS_SCHEMA,
    SUSPENSIONS_SCHEMA,
)
from pilotage.facts.versions import migrate

__all__ = [
    "TABLES",
    "BatchInput",
    "BatchResult",
    "DuckDBFactStore",
    "FactStore",
]

TABLES: dict[str, pa.Schema] = {
    "cases": CASES_SCHEMA,
    "case_suspensions": SUSPENSIONS_SCHEMA,
    "org_units": ORG_UNITS_SCHEMA,
    "import_batches": BATCHES_SCHEMA,
}
"""The stored tables and their Arrow schemas; the Parquet export writes one file per table."""

# What makes a stored case differ from an incoming one (batch_id is bookkeeping, not content).
_CONTENT = [f.name for f in CASES_SCHEMA if f.name not in ("objective", "case_id", "batch_id")]


@runtime_checkable
class FactStore(Protocol):
    """What the indicator engine reads: the stored tables as Ibis tables of one backend."""

    @property
    def backend(self) -> BaseBackend: ...

    def cases(self) -> ibis.Table:
        """One row per (objective, case_id): CASES_SCHEMA."""
        ...

    def suspensions(self) -> ibis.Table:
        """The suspension intervals of the cases: SUSPENSIONS_SCHEMA."""
        ...

    def org_units(self) -> ibis.Table:
        """The org-unit hierarchy: code, name, parent, level."""
        ...

    def batches(self) -> ibis.Table:
        """The import batches: BATCHES_SCHEMA."""
        ...


@dataclass(frozen=True)
class BatchInput:
    """One source's accepted rows, ready to be written as one batch."""

    source: str
    sha256: str
    contract_id: str | None
    rejected: int
    key_check: str | None
    # Called once, when the batch is written: CASES_SCHEMA without batch_id, SUSPENSIONS_SCHEMA.
    rows: Callable[[], pa.RecordBatchReader]
    suspensions: Callable[[], pa.RecordBatchReader]
    demonstration: bool = False  # synthetic cases, labelled so wherever their figures show


@dataclass(frozen=True)
class BatchResult:
    id: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    same_as: int | None  # an earlier batch with the same content


def _sql_type(kind: pa.DataType) -> str:
    if pa.types.is_map(kind):
        return f"MAP({_sql_type(kind.key_type)}, {_sql_type(kind.item_type)})"
    if pa.types.is_decimal(kind):
        return f"DECIMAL({kind.precision}, {kind.scale})"
    if pa.types.is_timestamp(kind):
        return "TIMESTAMPTZ" if kind.tz else "TIMESTAMP"
    names = {
        pa.string(): "VARCHAR",
        pa.date32(): "DATE",
        pa.bool_(): "BOOLEAN",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
    }
    return names[kind]


def _ddl(name: str, schema: pa.Schema) -> str:
    columns = ", ".join(
        f"{f.name} {_sql_type(f.type)}{'' if f.nullable else ' NOT NULL'}" for f in schema
    )
    return f"CREATE TABLE IF NOT EXISTS {name} ({columns})"


class DuckDBFactStore:
    """The fact store in one embedded DuckDB file, or in memory (`:memory:`, the test fake)."""

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = None if str(path) == ":memory:" else Path(path)
        self._name = str(self.path) if self.path else "the in-memory fact store"
        if self.path is not None:
            if read_only and not self.path.exists():
                raise StoreError(
                    f"no fact store at {self.path} yet: import cases first "
                    "(pilotage cases import FILE)"
                )
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(_open_problem(self._name, exc)) from exc
        with self._errors("create the tables of"):
            if not read_only:
                for table, schema in TABLES.items():
                    self._con.execute(_ddl(table, schema))
            try:
                self.migrated_from = migrate(self._con, self._name, read_only=read_only)
            except BaseException:
                self._con.close()
                raise
        self._backend = ibis.duckdb.from_connection(self._con)

    @classmethod
    def in_memory(cls) -> DuckDBFactStore:
        return cls(":memory:")

    # --- reading: the FactStore interface ------------------------------------------------------

    @property
    def backend(self) -> BaseBackend:
        return self._backend

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The raw DuckDB connection, for SQL benchmarks; the engine uses the Ibis tables."""
        return self._con

    def cases(self) -> ibis.Table:
        return self._table("cases")

    def suspensions(self) -> ibis.Table:
        return self._table("case_suspensions")

    def org_units(self) -> ibis.Table:
        return self._table("org_units")

    def batches(self) -> ibis.Table:
        return self._table("import_batches")

    def _table(self, name: str) -> ibis.Table:
        with self._errors(f"read table {name} of"), warnings.catch_warnings():
            # ibis 12 reads a table's schema with an API that DuckDB 2.0 deprecates.
            warnings.filterwarnings("ignore", "fetch_arrow_table", DeprecationWarning)
            return self._backend.table(name)

    # --- what an import needs to know ----------------------------------------------------------

    def org_unit_codes(self) -> frozenset[str]:
        with self._errors("read the org units of"):
            rows = self._con.execute("SELECT code FROM org_units").fetchall()
        return frozenset(code for (code,) in rows)

    def key_checks(self) -> frozenset[str]:
        """Fingerprints of the keys that made the stored person_keys (one, normally)."""
        with self._errors("read the batches of"):
            rows = self._con.execute(
                "SELECT DISTINCT key_check FROM import_batches WHERE key_check IS NOT NULL"
            ).fetchall()
        return frozenset(value for (value,) in rows)

    def closed_among(self, keys: pa.Table) -> pa.Table:
        """Of `keys` (row, objective, case_id), those the store holds as closed: with the
        stored end date and the batch that last wrote it (row, end_date, batch_id)."""
        con = self._con
        con.register("_keys_in", keys)
        try:
            found: pa.Table = con.sql(
                """
                SELECT k.row, c.end_date, c.batch_id FROM _keys_in k
                JOIN cases c ON c.objective = k.objective AND c.case_id = k.case_id
                WHERE c.end_date IS NOT NULL ORDER BY k.row
                """
            ).to_arrow_table()
        finally:
            con.unregister("_keys_in")
        return found

    # --- writing ----------------------------------------------------------------------------------

    def write_batches(
        self,
        batches: Sequence[BatchInput],
        *,
        org_units: Sequence[OrgUnit] = (),
        imported_at: dt.datetime,
        dry_run: bool = False,
    ) -> list[BatchResult]:
        """Write batches in order, in one transaction: all of them land, or none.

        A case is keyed by (objective, case_id): a new key is inserted; a known key whose content
        differs is replaced (updated) and records the batch; an identical row is unchanged and
        keeps the batch that last changed it. A dry run does everything, then rolls back.
        """
        con = self._con
        with self._errors("write to"):
            con.begin()
            try:
                if org_units:
                    self._upsert_org_units(org_units)
                results = [self._write_batch(batch, imported_at) for batch in batches]
            except BaseException:
                con.rollback()
                raise
            if dry_run:
                con.rollback()
            else:
                con.commit()
        return results

    def _upsert_org_units(self, units: Sequence[OrgUnit]) -> None:
        table = org_units_table(units)
        self._con.register("_org_units_in", table)
        try:
            self._con.execute(
                "DELETE FROM org_units WHERE code IN (SELECT code FROM _org_units_in)"
            )
            self._con.execute("INSERT INTO org_units BY NAME SELECT * FROM _org_units_in")
        finally:
            self._con.unregister("_org_units_in")

    def _write_batch(self, batch: BatchInput, imported_at: dt.datetime) -> BatchResult:
        con = self._con
        batch_id = _one(con.execute("SELECT coalesce(max(id), 0) + 1 FROM import_batches")) or 1
        same_as = _one(
            con.execute("SELECT min(id) FROM import_batches WHERE sha256 = ?", [batch.sha256])
        )
        con.register("_rows_in", batch.rows())
        try:
            con.execute("CREATE OR REPLACE TEMP TABLE _incoming AS SELECT * FROM _rows_in")
        finally:
            con.unregister("_rows_in")
        same = " AND ".join(f"c.{name} IS NOT DISTINCT FROM i.{name}" for name in _CONTENT)
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _status AS
            SELECT i.objective, i.case_id,
                   CASE WHEN c.case_id IS NULL THEN 'inserted'
                        WHEN {same} THEN 'unchanged'
                        ELSE 'updated' END AS status
            FROM _incoming i
            LEFT JOIN cases c ON c.objective = i.objective AND c.case_id = i.case_id
            """
        )
        counts = dict(
            con.execute("SELECT status, count(*) FROM _status GROUP BY status").fetchall()
        )
        for table in ("cases", "case_suspensions"):
            con.execute(
                f"""
                DELETE FROM {table} USING _status s
                WHERE {table}.objective = s.objective AND {table}.case_id = s.case_id
                  AND s.status = 'updated'
                """
            )
        con.execute(
            """
            INSERT INTO cases BY NAME
            SELECT i.*, ?::INTEGER AS batch_id
            FROM _incoming i JOIN _status s USING (objective, case_id)
            WHERE s.status <> 'unchanged'
            """,
            [batch_id],
        )
        con.register("_suspensions_in", batch.suspensions())
        try:
            con.execute(
                """
                INSERT INTO case_suspensions BY NAME
                SELECT x.* FROM _suspensions_in x JOIN _status s USING (objective, case_id)
                WHERE s.status <> 'unchanged'
                """
            )
        finally:
            con.unregister("_suspensions_in")
        result = BatchResult(
            id=batch_id,
            inserted=counts.get("inserted", 0),
            updated=counts.get("updated", 0),
            unchanged=counts.get("unchanged", 0),
            rejected=batch.rejected,
            same_as=same_as,
        )
        self._record_batch(batch, result, imported_at)
        con.execute("DROP TABLE _incoming")
        con.execute("DROP TABLE _status")
        return result

    def _record_batch(self, batch: BatchInput, result: BatchResult, at: dt.datetime) -> None:
        self._con.execute(
            "INSERT INTO import_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                result.id,
                batch.source,
                batch.sha256,
                batch.contract_id,
                result.inserted,
                result.updated,
                result.unchanged,
                result.rejected,
                at,
                batch.key_check,
                batch.demonstration,
            ],
        )

    # --- export ----------------------------------------------------------------------------------

    def export_parquet(self, directory: str | Path) -> dict[str, Path]:
        """Write every table to `<directory>/<table>.parquet` (for Spark); the paths by table."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        paths: dict[str, Path] = {}
        with self._errors(f"export to {directory} from"):
            for table in TABLES:
                path = directory / f"{table}.parquet"
                order = "ORDER BY objective, case_id" if table == "cases" else ""
                self._con.execute(
                    f"COPY (SELECT * FROM {table} {order}) TO '{_quoted(path)}' (FORMAT parquet)"
                )
                paths[table] = path
        return paths

    # --- lifetime --------------------------------------------------------------------------------

    def close(self) -> None:
        with self._errors("close"):
            self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as exc:
            raise StoreError(f"cannot {action} {self._name}: {_first_line(exc)}") from exc


def _one(result: duckdb.DuckDBPyConnection) -> int | None:
    rows = result.fetchall()  # not fetchone: DuckDB 2.0 keeps an unfinished result open
    return None if not rows or rows[0][0] is None else int(rows[0][0])


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _open_problem(name: str, exc: duckdb.Error) -> str:
    text = _first_line(exc)
    if "lock" in text.lower():
        return (
            f"cannot open {name}: it is in use by another process ({text}); wait for it to finish"
        )
    return f"cannot open {name}: {text}"
