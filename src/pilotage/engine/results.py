"""Published result sets: immutable and versioned, in the DuckDB database of the fact store.

Publishing a `Measurement` writes one `result_sets` row and its `results` rows in one
transaction. A result set records when it was computed, from which import batches (the
distinct `batch_id` of the case rows read) and against which contract version (its id and the
SHA-256 of its canonical JSON export). Publishing the same contract, periods and level again
creates the next version. The first version of a (contract, periods, level) is published at
once; a later one is a *candidate* (no `publications` row) until the contract manager has
reviewed what changed (`pilotage.engine.changes`) and publishes it with `publish_set`. A
published set is never updated or deleted (`publish_set` and `discard_set`, the only writes
after `publish`, refuse it), so a figure once published can always be shown again exactly as it
was; a candidate can be discarded.

    result_sets(id, contract_id, contract_sha256, periods, level, version, as_of,
                computed_at, batches, row_count)
    publications(result_set_id, published_at)
    results(result_set_id, row, <every field of IndicatorResult>; caveats as JSON)
    late_lists(result_set_id, listed)
    late_cases(result_set_id, <LATE_SCHEMA>): the late cases each timeliness row counted

With `late` (`pilotage.engine.late.measured_late_cases`, from the data measured), `publish`
keeps the late cases behind every figure with the set, in the same transaction; a set kept
without them (measured before they were kept) has no `late_lists` row, and
`kept_late_cases` says so with None rather than an empty list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from pilotage.engine.late import LATE_SCHEMA, LateCase, LateState
from pilotage.engine.measure import Measurement
from pilotage.engine.status import RESULT_SCHEMA, CaveatNote, IndicatorResult, Status
from pilotage.errors import StoreError
from pilotage.facts import LATE_DDL, PUBLICATIONS_DDL

__all__ = [
    "ResultSet",
    "discard_set",
    "kept_late_cases",
    "list_result_sets",
    "load_result_set",
    "publish",
    "publish_set",
    "result_tables",
]

_AMOUNT = pa.decimal128(38, 2)
_TARGET = pa.decimal128(38, 6)
# The columns of `results`, as declared once by IndicatorResult.
_FIELDS: dict[str, pa.DataType] = {f.name: f.type for f in RESULT_SCHEMA}

_SQL_TYPES = {
    pa.string(): "VARCHAR",
    pa.date32(): "DATE",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.bool_(): "BOOLEAN",
    pa.float64(): "DOUBLE",
    _AMOUNT: "DECIMAL(38, 2)",
    _TARGET: "DECIMAL(38, 6)",
}

_DDL = (
    """
    CREATE TABLE IF NOT EXISTS result_sets (
        id BIGINT NOT NULL PRIMARY KEY,
        contract_id VARCHAR NOT NULL,
        contract_sha256 VARCHAR NOT NULL,
        periods VARCHAR NOT NULL,
        level VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        as_of DATE NOT NULL,
        computed_at TIMESTAMPTZ NOT NULL,
        batches BIGINT[] NOT NULL,
        row_count BIGINT NOT NULL,
        UNIQUE (contract_id, periods, level, version)
    )
    """,
    # A set without a row here is a candidate: measured, waiting for the contract manager.
    PUBLICATIONS_DDL,
    *LATE_DDL,
    "CREATE TABLE IF NOT EXISTS results (result_set_id BIGINT NOT NULL, row INTEGER NOT NULL, "
    + ", ".join(f"{name} {_SQL_TYPES[kind]}" for name, kind in _FIELDS.items())
    + ", PRIMARY KEY (result_set_id, row))",
)


@dataclass(frozen=True)
class ResultSet:
    """A published computation: its identity, provenance and (when loaded) its rows."""

    id: int
    contract_id: str
    contract_sha256: str
    periods: str
    level: str
    version: int
    as_of: dt.date
    computed_at: dt.datetime
    batches: tuple[int, ...]
    row_count: int
    published_at: dt.datetime | None = None  # None: a candidate, not shown as the figures yet
    rows: tuple[IndicatorResult, ...] = ()

    @property
    def published(self) -> bool:
        return self.published_at is not None


def _raw(con: Any) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection of a connection, an Ibis DuckDB backend or a fact store."""
    if isinstance(con, duckdb.DuckDBPyConnection):
        return con
    for name in ("connection", "con"):
        inner = getattr(con, name, None)
        if isinstance(inner, duckdb.DuckDBPyConnection):
            return inner
    raise StoreError(
        f"result sets live in a DuckDB database: give a DuckDB connection, not {type(con)}"
    )


@contextmanager
def _errors(doing: str) -> Iterator[None]:
    try:
        yield
    except duckdb.Error as exc:
        raise StoreError(f"cannot {doing} the result sets: {exc}") from exc


def result_tables(con: Any) -> None:
    """Create the result_sets and results tables when missing."""
    raw = _raw(con)
    with _errors("create the tables of"):
        for statement in _DDL:
            raw.execute(statement)


def _plain(name: str, value: Any) -> Any:
    if name == "caveats":
        return json.dumps([dataclasses.asdict(c) for c in value], ensure_ascii=False)
    if name == "status":
        return value.value
    return value


def _arrow(rows: tuple[IndicatorResult, ...], set_id: int) -> pa.Table:
    columns: dict[str, pa.Array] = {
        "result_set_id": pa.array([set_id] * len(rows), type=pa.int64()),
        "row": pa.array(range(len(rows)), type=pa.int32()),
    }
    for name, kind in _FIELDS.items():
        columns[name] = pa.array([_plain(name, getattr(r, name)) for r in rows], type=kind)
    return pa.table(columns)


def _has_published(raw: duckdb.DuckDBPyConnection, m: Measurement) -> bool:
    ((count,),) = raw.execute(
        "SELECT count(*) FROM result_sets s JOIN publications p ON p.result_set_id = s.id "
        "WHERE contract_id = ? AND periods = ? AND level = ?",
        [m.contract_id, m.periods, m.level.value],
    ).fetchall()
    return bool(count)


def publish(
    con: Any,
    measurement: Measurement,
    *,
    computed_at: dt.datetime | None = None,
    now: bool = False,
    late: pa.Table | None = None,
) -> ResultSet:
    """Write `measurement` as the next version of its (contract, periods, level) result set.

    The first set of a (contract, periods, level) is published at once. A later one is a
    candidate (`published_at` None) until `publish_set` publishes it after review, unless `now`.
    `late` (LATE_SCHEMA, from `measured_late_cases`) is kept with the set.
    """
    if late is not None and not late.schema.equals(LATE_SCHEMA):
        raise StoreError(
            f"the late cases of a result set have the columns {', '.join(LATE_SCHEMA.names)} "
            f"(measured_late_cases), not {', '.join(late.schema.names)}"
        )
    if late is not None and late.num_rows and pc.max(late["row"]).as_py() >= len(measurement.rows):
        raise StoreError("late cases name a result row the measurement does not have")
    raw = _raw(con)
    result_tables(raw)
    at = computed_at or dt.datetime.now(dt.UTC)
    m = measurement
    with _errors("write"):
        raw.begin()
        try:
            next_id = "SELECT coalesce(max(id), 0) + 1 FROM result_sets"
            ((set_id,),) = raw.execute(next_id).fetchall()
            ((version,),) = raw.execute(
                "SELECT coalesce(max(version), 0) + 1 FROM result_sets "
                "WHERE contract_id = ? AND periods = ? AND level = ?",
                [m.contract_id, m.periods, m.level.value],
            ).fetchall()
            published = ResultSet(
                set_id,
                m.contract_id,
                m.contract_sha256,
                m.periods,
                m.level.value,
                version,
                m.as_of,
                at,
                m.batches,
                len(m.rows),
                None,
                m.rows,
            )
            if now or not _has_published(raw, m):
                published = dataclasses.replace(published, published_at=at)
            # The table's columns are the fields before `rows`; DuckDB takes a list for BIGINT[].
            header = [
                list(value) if isinstance(value, tuple) else value
                for value in (
                    getattr(published, f.name)
                    for f in dataclasses.fields(ResultSet)
                    if f.name not in ("rows", "published_at")
                )
            ]
            raw.execute("INSERT INTO result_sets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", header)
            raw.register("_results_in", _arrow(m.rows, set_id))
            try:
                raw.execute("INSERT INTO results BY NAME SELECT * FROM _results_in")
            finally:
                raw.unregister("_results_in")
            if late is not None:
                _keep_late(raw, set_id, late)
            if published.published_at is not None:
                raw.execute("INSERT INTO publications VALUES (?, ?)", [set_id, at])
        except BaseException:
            raw.rollback()
            raise
        raw.commit()
    return published


def _keep_late(raw: duckdb.DuckDBPyConnection, set_id: int, late: pa.Table) -> None:
    raw.register("_late_in", late)
    try:
        raw.execute(f"INSERT INTO late_cases SELECT {set_id} AS result_set_id, * FROM _late_in")
    finally:
        raw.unregister("_late_in")
    raw.execute("INSERT INTO late_lists VALUES (?, ?)", [set_id, late.num_rows])


def _header(row: dict[str, Any]) -> ResultSet:
    return ResultSet(
        id=row["id"],
        contract_id=row["contract_id"],
        contract_sha256=row["contract_sha256"],
        periods=row["periods"],
        level=row["level"],
        version=row["version"],
        as_of=row["as_of"],
        computed_at=row["computed_at"],
        batches=tuple(int(b) for b in row["batches"]),
        row_count=row["row_count"],
        published_at=row["published_at"],
    )


_HEADER = (
    "SELECT id, contract_id, contract_sha256, periods, level, version, as_of, computed_at, "
    "batches, row_count, p.published_at FROM result_sets "
    "LEFT JOIN publications p ON p.result_set_id = result_sets.id"
)


def _published(raw: duckdb.DuckDBPyConnection, table: str = "result_sets") -> bool:
    """Whether the database holds result sets (a read-only store may have none yet)."""
    ((count,),) = raw.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? "
        "AND database_name = current_database() AND schema_name = current_schema()",
        [table],
    ).fetchall()
    return bool(count)


def list_result_sets(con: Any, contract_id: str | None = None) -> list[ResultSet]:
    """Every published result set (without rows), oldest first."""
    raw = _raw(con)
    if not _published(raw):
        return []
    where, params = ("WHERE contract_id = ?", [contract_id]) if contract_id else ("", [])
    with _errors("read"):
        found = raw.sql(f"{_HEADER} {where} ORDER BY id", params=params).to_arrow_table()
    return [_header(r) for r in found.to_pylist()]


_DECIMALS = [name for name, kind in _FIELDS.items() if kind in (_AMOUNT, _TARGET)]


def _row(record: dict[str, Any]) -> IndicatorResult:
    values = {name: record[name] for name in _FIELDS}
    values["status"] = Status(values["status"])
    values["caveats"] = tuple(CaveatNote(**c) for c in json.loads(values["caveats"]))
    for name in _DECIMALS:
        if values[name] is not None:
            values[name] = Decimal(values[name]).normalize()
    return IndicatorResult(**values)


def load_result_set(con: Any, set_id: int) -> ResultSet:
    """A published result set with its rows, in the order they were computed."""
    raw = _raw(con)
    if not _published(raw):
        raise StoreError(f"no result set {set_id} in this store: none is published yet")
    with _errors("read"):
        headers = raw.sql(f"{_HEADER} WHERE id = ?", params=[set_id]).to_arrow_table()
        if headers.num_rows == 0:
            raise StoreError(f"no result set {set_id} in this store: see list_result_sets()")
        table = raw.sql(
            "SELECT * EXCLUDE (result_set_id, row) FROM results WHERE result_set_id = ? "
            "ORDER BY row",
            params=[set_id],
        ).to_arrow_table()
    header = _header(headers.to_pylist()[0])
    return dataclasses.replace(header, rows=tuple(_row(r) for r in table.to_pylist()))


def _state(raw: duckdb.DuckDBPyConnection, set_id: int) -> dt.datetime | None:
    """When set `set_id` was published (None: a candidate); StoreError if there is no such set."""
    if not _published(raw):
        raise StoreError(f"no result set {set_id} in this store: none is measured yet")
    found = raw.execute(
        "SELECT p.published_at FROM result_sets s "
        "LEFT JOIN publications p ON p.result_set_id = s.id WHERE s.id = ?",
        [set_id],
    ).fetchall()
    if not found:
        raise StoreError(f"no result set {set_id} in this store: see pilotage results list")
    value: dt.datetime | None = found[0][0]
    return value


def _refuse_published(raw: duckdb.DuckDBPyConnection, set_id: int, doing: str) -> None:
    at = _state(raw, set_id)
    if at is not None:
        raise StoreError(
            f"cannot {doing} result set {set_id}: it was published at {at.isoformat()} and a "
            "published set never changes (measure again: the new set is a candidate)"
        )


def _candidate_write(
    con: Any, set_id: int, doing: str, statements: list[tuple[str, list[Any]]]
) -> None:
    """Run `statements` on candidate `set_id` in one transaction: the one write path after
    `publish`, and it refuses a published set."""
    raw = _raw(con)
    result_tables(raw)
    with _errors(doing):
        raw.begin()
        try:
            _refuse_published(raw, set_id, doing)
            for sql, params in statements:
                raw.execute(sql, params)
        except BaseException:
            raw.rollback()
            raise
        raw.commit()


def publish_set(con: Any, set_id: int, *, at: dt.datetime | None = None) -> ResultSet:
    """Publish candidate `set_id`: from now on the pages show it. Refuses a published set."""
    when = at or dt.datetime.now(dt.UTC)
    _candidate_write(
        con, set_id, "publish", [("INSERT INTO publications VALUES (?, ?)", [set_id, when])]
    )
    return load_result_set(con, set_id)


def discard_set(con: Any, set_id: int) -> None:
    """Delete candidate `set_id` and its rows. Refuses a published set."""
    _candidate_write(
        con,
        set_id,
        "discard",
        [
            ("DELETE FROM late_cases WHERE result_set_id = ?", [set_id]),
            ("DELETE FROM late_lists WHERE result_set_id = ?", [set_id]),
            ("DELETE FROM results WHERE result_set_id = ?", [set_id]),
            ("DELETE FROM result_sets WHERE id = ?", [set_id]),
        ],
    )


def kept_late_cases(con: Any, set_id: int, row: int) -> list[LateCase] | None:
    """The late cases result row `row` of set `set_id` counted when it was measured, most late
    first; None when the set was kept without them (measured before they were kept)."""
    raw = _raw(con)
    _state(raw, set_id)  # StoreError: no such set
    with _errors("read the late cases of"):
        if not _published(raw, "late_lists"):
            return None
        if not raw.execute(
            "SELECT count(*) FROM late_lists WHERE result_set_id = ?", [set_id]
        ).fetchall()[0][0]:
            return None
        heads = raw.execute(
            "SELECT objective, norm_index FROM results WHERE result_set_id = ? AND row = ?",
            [set_id, row],
        ).fetchall()
        if not heads:
            raise StoreError(f"result set {set_id} has no row {row}")
        found = raw.sql(
            "SELECT case_id, person_key, office, start_date, end_date, deadline, days_late, "
            "state FROM late_cases WHERE result_set_id = ? AND row = ? "
            "ORDER BY days_late DESC, case_id",
            params=[set_id, row],
        ).to_arrow_table()
    objective, norm_index = heads[0]
    return [
        LateCase(
            objective=objective,
            norm_index=norm_index,
            case_id=r["case_id"],
            person_key=r["person_key"],
            office=r["office"],
            start=r["start_date"],
            end=r["end_date"],
            deadline=r["deadline"],
            days_late=r["days_late"],
            state=LateState(r["state"]),
        )
        for r in found.to_pylist()
    ]
