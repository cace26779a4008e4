"""The workbench: a private in-memory DuckDB where sources are staged and checked in SQL.

Each source `i` becomes `raw_i` (text, blanks as nulls, NISS already replaced by its key). Every
check is one statement over the whole table that adds its problems to `rej`; the rows with none
become `ok_i` (the stored columns) and their intervals `susp_ok_i`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
from rich.progress import Progress

from pilotage.facts.pseudonym import NISS_MASK, mask_niss, person_keys
from pilotage.facts.schema import (
    CASE_ID_MAX,
    FALSE_WORDS,
    OPTIONAL,
    REQUIRED,
    TEXT_MAX,
    TRUE_WORDS,
    YEAR_MAX,
    YEAR_MIN,
    Column,
    Header,
    read_header,
)
from pilotage.facts.sources import CHUNK_ROWS, ROW, Chunk, Source

__all__ = ["WHOLE_ROW", "KeySource", "Staged", "Workbench"]

WHOLE_ROW = "(row)"
_DATE = r"\d{4}-\d{2}-\d{2}"
_NUMBER = r"[-+]?\d+(\.\d+)?"
_TEXT = [c.value for c in (*REQUIRED, *OPTIONAL) if c is not Column.NISS]
FIELD_ORDER = [WHOLE_ROW, *[c.value for c in (*REQUIRED, *OPTIONAL)]]


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Check:
    """One row check: rows where `when` holds are rejected on `field` for `reason`.

    In `when` and `value`, `{c}` is the field's column. `reason` is text, or SQL when `sql`.
    """

    field: str
    when: str
    reason: str
    value: str = "{c}"
    sql: bool = False
    column: str | None = None  # the column as SQL, when not the field's name ("attr.x")

    def statement(self, index: int) -> str:
        column = self.column or self.field
        value = self.value.replace("{c}", column)
        reason = self.reason if self.sql else lit(self.reason)
        return (
            f"INSERT INTO rej SELECT {index}, {ROW}, {lit(self.field)}, {value}, {reason} "
            f"FROM raw_{index} WHERE {self.when.replace('{c}', column)}"
        )


def _row_checks(contract_id: str | None, objectives: bool, offices: bool) -> list[_Check]:
    words = ", ".join(lit(w) for w in (*TRUE_WORDS, *FALSE_WORDS))
    checks = [_Check(c, "{c} IS NULL", "missing required value", value="''") for c in REQUIRED]
    checks.append(
        _Check("case_id", f"length({{c}}) > {CASE_ID_MAX}", f"longer than {CASE_ID_MAX} characters")
    )
    if objectives:
        checks.append(
            _Check(
                "objective",
                "{c} NOT IN (SELECT code FROM objectives)",
                f"unknown objective for contract {contract_id}",
            )
        )
    if offices:
        checks.append(
            _Check(
                "office",
                "{c} NOT IN (SELECT code FROM offices)",
                "unknown office: not in the org units",
            )
        )
    for date in ("start_date", "end_date"):
        checks += [
            _Check(
                date, f"NOT regexp_full_match({{c}}, '{_DATE}')", "not a date: expected YYYY-MM-DD"
            ),
            _Check(
                date,
                f"regexp_full_match({{c}}, '{_DATE}') AND iso_date({{c}}) IS NULL",
                "impossible date",
            ),
            _Check(
                date,
                f"year(iso_date({{c}})) NOT BETWEEN {YEAR_MIN} AND {YEAR_MAX}",
                f"implausible year: expected {YEAR_MIN} to {YEAR_MAX}",
            ),
        ]
    checks.append(
        _Check(
            "end_date",
            "iso_date({c}) < iso_date(start_date)",
            "'end before start (start_date ' || start_date || ')'",
            sql=True,
        )
    )
    for amount in ("amount_due", "amount_collected"):
        checks += [
            _Check(
                amount,
                f"NOT regexp_full_match({{c}}, '{_NUMBER}')",
                "malformed number: expected a decimal such as 1234.56",
            ),
            _Check(
                amount,
                f"regexp_full_match({{c}}, '{_NUMBER}') AND "
                "try_cast({c} AS DECIMAL(18, 2)) IS NULL",
                "number out of range: at most 16 digits before the decimal point",
            ),
        ]
    checks += text_checks(_TEXT)
    checks += [
        _Check(
            "planned",
            f"lower({{c}}) NOT IN ({words})",
            "not a yes/no value: expected true/false, 1/0, oui/non, ja/nee",
        ),
        # The clear value is never shown, even when malformed: it may be a real NISS mistyped.
        _Check(
            "niss",
            "niss_bad",
            "NISS is not 11 digits",
            value="'(withheld: ' || niss_length || ' characters)'",
        ),
    ]
    return checks


def text_checks(columns: Sequence[str], *, quoted: bool = False) -> list[_Check]:
    """A NUL byte, or a value past TEXT_MAX characters, in any text column: rejected, the value
    shown cut and with its NUL bytes as \\0."""
    shown = (
        "replace(left({c}, 40), chr(0), '\\0') || CASE WHEN length({c}) > 40 THEN '...' ELSE '' END"
    )
    checks = []
    for column in columns:
        checks += [
            _Check(
                column,
                f"strpos({{c}}, {lit(NISS_MASK)}) > 0",
                "holds a NISS (11 digits with a valid check): a NISS goes in the niss column, "
                "where it is pseudonymised; move it there or remove it",
                value="'(withheld)'",
                column=ident(column) if quoted else None,
            ),
            _Check(
                column,
                "strpos({c}, chr(0)) > 0",
                "holds a NUL byte: not text",
                value=shown,
                column=ident(column) if quoted else None,
            ),
            _Check(
                column,
                f"length({{c}}) > {TEXT_MAX}",
                f"longer than {TEXT_MAX} characters",
                value=shown,
                column=ident(column) if quoted else None,
            ),
        ]
    return checks


class KeySource(Protocol):
    """Gives the secret key for a source that has a niss column (checked on first use)."""

    def key(self, source: str) -> bytes: ...


@dataclass(frozen=True)
class Staged:
    index: int
    name: str
    sha256: str
    rejected: int
    has_niss: bool


class Workbench:
    """Stages and checks sources; hands the accepted rows to the store as Arrow readers."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        objectives: Sequence[str] | None,
        offices: Sequence[str],
        contract_id: str | None,
    ) -> None:
        self.con = con
        self._checks = _row_checks(contract_id, objectives is not None, bool(offices))
        con.execute(
            f"CREATE MACRO iso_date(x) AS "
            f"CASE WHEN regexp_full_match(x, '{_DATE}') THEN try_cast(x AS DATE) END"
        )
        con.execute("CREATE TABLE objectives (code VARCHAR)")
        con.execute("CREATE TABLE offices (code VARCHAR)")
        if objectives:
            con.executemany("INSERT INTO objectives VALUES (?)", [[c] for c in objectives])
        if offices:
            con.executemany("INSERT INTO offices VALUES (?)", [[c] for c in offices])
        con.execute(
            "CREATE TABLE rej (src INTEGER, row BIGINT, field VARCHAR, value VARCHAR, "
            "reason VARCHAR)"
        )

    @classmethod
    @contextmanager
    def open(
        cls, objectives: Sequence[str] | None, offices: Sequence[str], contract_id: str | None
    ) -> Iterator[Workbench]:
        # Spill files, if any, go to a directory removed afterwards; they never hold a NISS.
        with tempfile.TemporaryDirectory(prefix="pilotage-import-") as spill:
            con = duckdb.connect(":memory:", config={"temp_directory": spill})
            try:
                yield cls(con, objectives, offices, contract_id)
            finally:
                con.close()

    def stage(
        self, index: int, source: Source, keys: KeySource, chunk_rows: int, bar: Progress | None
    ) -> Staged:
        """Read one source into `raw_<index>`, check it, and build its accepted rows."""
        raw = f"raw_{index}"
        with source.open(chunk_rows) as reading:
            header = read_header(source.name, reading.header)
            has_niss = header.has(Column.NISS)
            key = keys.key(source.name) if has_niss else None
            attributes = sorted(set(header.attributes.values()))
            columns = [f"{ROW} BIGINT", *(f"{c} VARCHAR" for c in _TEXT)]
            columns += ["person_key VARCHAR", "niss_bad BOOLEAN", "niss_length INTEGER"]
            columns += [f"{ident('attr.' + a)} VARCHAR" for a in attributes]
            self.con.execute(f"CREATE TABLE {raw} ({', '.join(columns)})")
            task = bar.add_task(source.name, total=reading.total_rows) if bar else None
            for chunk in reading.chunks():
                table = _clean_chunk(chunk, header, key, reading.numeric)
                self.con.register("_chunk", table)
                try:
                    self.con.execute(f"INSERT INTO {raw} BY NAME SELECT * FROM _chunk")
                finally:
                    self.con.unregister("_chunk")
                if chunk.invalid:
                    self.con.executemany(
                        "INSERT INTO rej VALUES (?, ?, ?, '', ?)",
                        [[index, bad.row, WHOLE_ROW, bad.detail] for bad in chunk.invalid],
                    )
                if bar is not None and task is not None:
                    bar.advance(task, table.num_rows + len(chunk.invalid))
            sha256 = reading.sha256()
        extra = text_checks([f"attr.{a}" for a in attributes], quoted=True)
        for check in [*self._checks, *extra]:
            self.con.execute(check.statement(index))
        self._check_suspensions(index)
        self._check_duplicates(index)
        self._accept(index, attributes)
        for table in ("raw", "good", "susp", "days"):  # ok_ and susp_ok_ hold what is needed
            self.con.execute(f"DROP TABLE {table}_{index}")
        # DuckDB 2.0 keeps a result open until it is fetched to the end: fetchall, not fetchone.
        [(rejected,)] = self.con.execute(
            "SELECT count(DISTINCT row) FROM rej WHERE src = ?", [index]
        ).fetchall()
        return Staged(index, source.name, sha256, int(rejected), has_niss)

    def _check_suspensions(self, index: int) -> None:
        """One row per interval in `susp_<index>`; malformed or reversed ones are rejected."""
        self.con.execute(
            f"""
            CREATE TABLE susp_{index} AS
            SELECT {ROW}, part,
                   CASE WHEN len(bounds) = 2 THEN iso_date(trim(bounds[1])) END AS s,
                   CASE WHEN len(bounds) = 2 THEN iso_date(trim(bounds[2])) END AS e
            FROM (SELECT {ROW}, trim(part) AS part, string_split(trim(part), '..') AS bounds
                  FROM (SELECT {ROW}, unnest(string_split(suspensions, ';')) AS part
                        FROM raw_{index} WHERE suspensions IS NOT NULL))
            WHERE part <> ''
            """
        )
        self.con.execute(
            f"""
            INSERT INTO rej
            SELECT {index}, {ROW}, 'suspensions', part,
                   CASE WHEN s IS NULL OR e IS NULL
                        THEN 'malformed suspension: expected YYYY-MM-DD..YYYY-MM-DD, '
                             || 'several separated by ;'
                        ELSE 'suspension ends before it starts' END
            FROM susp_{index} WHERE s IS NULL OR e IS NULL OR e < s
            """
        )

    def _check_duplicates(self, index: int) -> None:
        """Every row of a (objective, case_id) given twice is rejected, naming the others."""
        self.con.execute(
            f"""
            INSERT INTO rej
            SELECT {index}, {ROW}, 'case_id', case_id,
                   'duplicate case_id within objective ' || objective || ' in this file (rows '
                   || array_to_string(list_slice(rows, 1, 10), ', ')
                   || CASE WHEN len(rows) > 10 THEN ', ...' ELSE '' END || ')'
            FROM raw_{index} JOIN (
                -- Count every key, but list rows only for the few that repeat: much cheaper.
                SELECT objective, case_id, list({ROW} ORDER BY {ROW}) AS rows
                FROM raw_{index}
                WHERE (objective, case_id) IN (
                    SELECT (objective, case_id) FROM raw_{index}
                    WHERE objective IS NOT NULL AND case_id IS NOT NULL
                    GROUP BY objective, case_id HAVING count(*) > 1)
                GROUP BY objective, case_id
            ) USING (objective, case_id)
            """
        )

    def _accept(self, index: int, attributes: Sequence[str]) -> None:
        """`ok_<index>`: the accepted rows as stored (without batch_id); `susp_ok_<index>`."""
        con = self.con
        entries = ", ".join(
            f"{{'key': {lit(a)}, 'value': {ident('attr.' + a)}}}" for a in attributes
        )
        attrs = (
            f"map_from_entries(list_filter([{entries}], lambda e: e.value IS NOT NULL))"
            if attributes
            else "MAP {}::MAP(VARCHAR, VARCHAR)"
        )
        trues = ", ".join(lit(w) for w in TRUE_WORDS)
        con.execute(
            f"CREATE TABLE good_{index} AS SELECT * FROM raw_{index} "
            f"WHERE {ROW} NOT IN (SELECT row FROM rej WHERE src = {index})"
        )
        con.execute(
            f"""
            CREATE TABLE susp_ok_{index} AS
            SELECT g.{ROW}, g.objective, g.case_id, iso_date(g.start_date) AS case_start,
                   iso_date(g.end_date) AS case_end, s.s AS start_date, s.e AS end_date,
                   strftime(s.s, '%Y-%m-%d') || '..' || strftime(s.e, '%Y-%m-%d') AS text
            FROM susp_{index} s JOIN good_{index} g USING ({ROW})
            """
        )
        # Days covered by the intervals clipped to the case (bounds included), overlaps once:
        # merge the clipped intervals (gaps and islands), then add up their lengths.
        con.execute(
            f"""
            CREATE TABLE days_{index} AS
            WITH clipped AS (
                SELECT {ROW}, greatest(start_date, case_start) AS lo,
                       least(end_date, coalesce(case_end, end_date)) AS hi
                FROM susp_ok_{index}
            ), ordered AS (
                SELECT *, max(hi) OVER (PARTITION BY {ROW} ORDER BY lo, hi
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
                FROM clipped WHERE lo <= hi
            ), islands AS (
                SELECT *, sum(CASE WHEN reach IS NULL OR lo > reach + 1 THEN 1 ELSE 0 END)
                          OVER (PARTITION BY {ROW} ORDER BY lo, hi) AS island
                FROM ordered
            ), merged AS (
                SELECT {ROW}, min(lo) AS lo, max(hi) AS hi FROM islands GROUP BY {ROW}, island
            ), days AS (
                SELECT {ROW}, sum(hi - lo + 1)::INTEGER AS days FROM merged GROUP BY {ROW}
            ), texts AS (
                SELECT {ROW}, string_agg(DISTINCT text, ';' ORDER BY text) AS suspensions
                FROM susp_ok_{index} GROUP BY {ROW}
            )
            SELECT {ROW}, t.suspensions, coalesce(d.days, 0) AS days
            FROM texts t LEFT JOIN days d USING ({ROW})
            """
        )
        con.execute(
            f"""
            CREATE TABLE ok_{index} AS
            SELECT g.{ROW}, g.objective, g.case_id, g.office,
                   iso_date(g.start_date) AS start_date, iso_date(g.end_date) AS end_date,
                   g.category,
                   g.amount_due::DECIMAL(18, 2) AS amount_due,
                   g.amount_collected::DECIMAL(18, 2) AS amount_collected,
                   CASE WHEN g.planned IS NOT NULL THEN lower(g.planned) IN ({trues}) END
                       AS planned,
                   d.suspensions,
                   coalesce(d.days, 0)::INTEGER AS suspended_days,
                   g.person_key,
                   {attrs} AS attributes
            FROM good_{index} g LEFT JOIN days_{index} d USING ({ROW})
            """
        )

    def open_keys(self, index: int) -> pa.Table:
        """(row, objective, case_id) of the accepted rows that have no end date."""
        return self.con.sql(
            f"SELECT {ROW} AS row, objective, case_id FROM ok_{index} WHERE end_date IS NULL"
        ).to_arrow_table()

    def refuse(self, index: int, refused: pa.Table) -> int:
        """Reject the rows of `refused` (row, field, value, reason), drop them from what is
        accepted, and give the source's rejected rows now."""
        self.con.register("_refused", refused)
        try:
            self.con.execute(
                f"INSERT INTO rej SELECT {index}, row, field, value, reason FROM _refused"
            )
            for table in (f"ok_{index}", f"susp_ok_{index}"):
                self.con.execute(f"DELETE FROM {table} WHERE {ROW} IN (SELECT row FROM _refused)")
        finally:
            self.con.unregister("_refused")
        [(rejected,)] = self.con.execute(
            "SELECT count(DISTINCT row) FROM rej WHERE src = ?", [index]
        ).fetchall()
        return int(rejected)

    def accepted(self, index: int) -> _Reader:
        return _Reader(self.con, f"SELECT * EXCLUDE ({ROW}) FROM ok_{index} ORDER BY {ROW}")

    def accepted_suspensions(self, index: int) -> _Reader:
        return _Reader(
            self.con,
            f"SELECT DISTINCT objective, case_id, start_date, end_date FROM susp_ok_{index}",
        )

    def rejections(self) -> list[tuple[int, int, str, str, str]]:
        """(source index, row, field, value, reason), by source, row and column order."""
        order = ", ".join(lit(f) for f in FIELD_ORDER)
        rows = self.con.execute(
            f"""
            SELECT src, row, field, coalesce(value, ''), reason FROM rej
            ORDER BY src, row, list_position([{order}], field) NULLS LAST, field, reason
            """
        ).fetchall()
        return [(int(s), int(r), str(f), str(v), str(why)) for s, r, f, v, why in rows]


class _Reader:
    """A query of the workbench, run when the store asks for its rows (on its own cursor)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, query: str) -> None:
        self._con, self._query = con, query

    def __call__(self) -> pa.RecordBatchReader:
        reader: pa.RecordBatchReader = (
            self._con.cursor().sql(self._query).to_arrow_reader(CHUNK_ROWS)
        )
        return reader


def _blank_to_null(column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    text = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


def _clean_chunk(
    chunk: Chunk, header: Header, key: bytes | None, numeric: frozenset[str]
) -> pa.Table:
    """A source chunk with canonical names, blanks as nulls, and the NISS replaced by its key."""
    table = chunk.table
    arrays: dict[str, pa.Array | pa.ChunkedArray] = {ROW: table.column(ROW)}
    for name, column in header.columns.items():
        if column is Column.NISS:
            if key is None:
                raise AssertionError("a niss column is read only with a key")
            keys, bad = person_keys(table.column(name), key, pad=name in numeric)
            arrays["person_key"] = keys
            arrays["niss_bad"] = bad
            arrays["niss_length"] = pc.utf8_length(_blank_to_null(table.column(name)))
        else:
            arrays[column.value] = _without_niss(_blank_to_null(table.column(name)))
    for name, attribute in header.attributes.items():
        arrays["attr." + attribute] = _without_niss(_blank_to_null(table.column(name)))
    return pa.table(arrays)


def _without_niss(column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """A NISS outside the niss column is masked before anything holds it: the row is then
    rejected on that field (text_checks), its value withheld."""
    masked, _ = mask_niss(column)
    return masked
