"""Schema versions of the fact store: a `schema_version` table, and the steps that migrate an
older store to the shape this pilotage writes.

A store made before versions existed has no `schema_version` table but has its tables: it is
version 1. Opening a store for writing migrates it, step by step, in one transaction; a store
opened read-only is never changed, so an older one is refused with a StoreError that says how to
migrate it. A store newer than this pilotage is refused too (its shape is unknown here).

    1  cases, case_suspensions, org_units, import_batches; result_sets, results
    2  publications(result_set_id, published_at): a result set without one is a candidate;
       every set of a version-1 store was published when computed, so each gets one
    3  import_batches.demonstration: the batch holds demonstration data, as its importer said
       (pilotage cases import --demonstration, pilotage start); an older batch read from a
       `demo` directory (its source path holds /demo/, the mark used before) is marked, so an
       existing store keeps its label
    4  late_cases(result_set_id, row, case_id, person_key, office, start_date, end_date,
       deadline, days_late, state): the late cases each figure counted, kept with its set;
       late_lists(result_set_id, listed): the sets whose late cases are kept (a set measured
       before version 4 has none: its data as of then is gone);
       results gains neutralised_from, neutralised_to, basis_numerator, basis_denominator,
       basis_value (a caveat over part of a period), null in the rows measured before
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from pilotage.errors import StoreError

__all__ = ["LATE_DDL", "PUBLICATIONS_DDL", "SCHEMA_VERSION", "migrate", "schema_version"]

PUBLICATIONS_DDL = (
    "CREATE TABLE IF NOT EXISTS publications (result_set_id BIGINT NOT NULL PRIMARY KEY, "
    "published_at TIMESTAMPTZ NOT NULL)"
)
LATE_DDL = (
    "CREATE TABLE IF NOT EXISTS late_lists (result_set_id BIGINT NOT NULL PRIMARY KEY, "
    "listed BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS late_cases (result_set_id BIGINT NOT NULL, row INTEGER NOT NULL, "
    "case_id VARCHAR NOT NULL, person_key VARCHAR, office VARCHAR NOT NULL, "
    "start_date DATE NOT NULL, end_date DATE, deadline DATE NOT NULL, "
    "days_late INTEGER NOT NULL, state VARCHAR NOT NULL)",
)


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? "
        "AND database_name = current_database() AND schema_name = current_schema()",
        [table],
    ).fetchall()
    return bool(rows[0][0])


def _publications(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(PUBLICATIONS_DDL)
    if _exists(con, "result_sets"):
        con.execute(
            "INSERT INTO publications SELECT id, computed_at FROM result_sets "
            "WHERE id NOT IN (SELECT result_set_id FROM publications)"
        )


# How a batch was recognised as demonstration data before the flag: its source's directory.
OLD_DEMO_MARK = "/demo/"


def _demonstration(con: duckdb.DuckDBPyConnection) -> None:
    if not _exists(con, "import_batches"):
        return
    columns = {
        name
        for (name,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'import_batches' "
            "AND database_name = current_database() AND schema_name = current_schema()"
        ).fetchall()
    }
    if "demonstration" in columns:
        return  # made by this pilotage: the table has it already
    con.execute(
        "ALTER TABLE import_batches ADD COLUMN demonstration BOOLEAN NOT NULL DEFAULT false"
    )
    con.execute(
        "UPDATE import_batches SET demonstration = contains(replace(source, '\\', '/'), ?)",
        [OLD_DEMO_MARK],
    )


_RESULTS_4 = (
    ("neutralised_from", "DATE"),
    ("neutralised_to", "DATE"),
    ("basis_numerator", "DECIMAL(38, 2)"),
    ("basis_denominator", "DECIMAL(38, 2)"),
    ("basis_value", "DOUBLE"),
)


def _late_cases(con: duckdb.DuckDBPyConnection) -> None:
    for statement in LATE_DDL:
        con.execute(statement)
    if _exists(con, "results"):
        for name, kind in _RESULTS_4:
            con.execute(f"ALTER TABLE results ADD COLUMN IF NOT EXISTS {name} {kind}")


# STEPS[n] migrates a store of version n - 1 to version n.
STEPS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {
    2: _publications,
    3: _demonstration,
    4: _late_cases,
}
SCHEMA_VERSION = max(STEPS)


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The store's schema version; None for an empty database (a new store)."""
    if _exists(con, "schema_version"):
        ((version,),) = con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(version)
    return 1 if _exists(con, "cases") else None


def migrate(con: duckdb.DuckDBPyConnection, name: str, *, read_only: bool) -> int:
    """Bring the store to SCHEMA_VERSION (or refuse, read-only); the version it was at."""
    found = schema_version(con)
    if found is not None and found > SCHEMA_VERSION:
        raise StoreError(
            f"{name} has schema version {found}, newer than this pilotage knows "
            f"({SCHEMA_VERSION}): upgrade pilotage to read it"
        )
    if read_only:
        if found is not None and found < SCHEMA_VERSION:
            raise StoreError(
                f"{name} has schema version {found}, this pilotage needs {SCHEMA_VERSION}: "
                "open it once for writing to migrate it (pilotage cases import or pilotage "
                "measure)"
            )
        return found or SCHEMA_VERSION
    if found == SCHEMA_VERSION:
        return found  # current: nothing written, so opening a store never changes its file
    start = found or 1
    con.begin()
    try:
        con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        for number, step in sorted(STEPS.items()):
            if found is None or number > start:
                step(con)
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
    except BaseException:
        con.rollback()
        raise
    con.commit()
    return start
