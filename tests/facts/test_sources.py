"""Every source format gives the same cases; a source that cannot be read is a clear error."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from pilotage.contract import Contract
from pilotage.errors import ImportFileError
from pilotage.facts import (
    CsvSource,
    DuckDBFactStore,
    ParquetSource,
    SqlSource,
    XlsxSource,
    import_cases,
    rows_source,
    source_for,
)

from .factories import AT, SECRET, case, write_csv

HEADER = [
    "case_id",
    "objective",
    "office",
    "start_date",
    "end_date",
    "amount_due",
    "planned",
    "niss",
    "attr.sample",
]
VALUES: list[list[object]] = [
    [
        "C-1",
        "VOB 2-01",
        "BRU",
        dt.date(2019, 3, 1),
        dt.date(2019, 5, 10),
        Decimal("10.50"),
        True,
        "85073003328",
        "30%",
    ],
    ["C-2", "PEN 1-01", "LGE", dt.date(2019, 3, 2), None, None, False, None, None],
]
EXPECTED = [
    ("C-1", dt.date(2019, 3, 1), dt.date(2019, 5, 10), Decimal("10.50"), True, [("sample", "30%")]),
    ("C-2", dt.date(2019, 3, 2), None, None, False, []),
]


def stored(store: DuckDBFactStore) -> list[tuple[object, ...]]:
    rows = store.cases().order_by("case_id").to_pyarrow().to_pylist()
    return [
        (
            r["case_id"],
            r["start_date"],
            r["end_date"],
            r["amount_due"],
            r["planned"],
            r["attributes"],
        )
        for r in rows
    ]


def load(store: DuckDBFactStore, contract: Contract, *sources: object) -> None:
    report = import_cases(store, list(sources), contract, secret=SECRET, imported_at=AT)  # type: ignore[arg-type]
    assert report.rejections == ()


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def test_csv_with_semicolons_a_bom_and_spaces(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    path = tmp_path / "cases.csv"
    lines = [";".join(f" {h} " for h in HEADER)]
    lines += [";".join(f" {as_text(v)} " for v in row) for row in VALUES]
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    load(store, inasti, path)
    assert stored(store) == EXPECTED


def test_csv_in_latin_1_needs_its_encoding(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cases.csv", [case("C-1", category="Bureau de Liège")])
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(ImportFileError, match=r"cannot be read as utf-8 text .*--encoding"):
        import_cases(store, [path], inasti, secret=None)
    load(store, inasti, CsvSource(path, encoding="latin-1"))
    assert store.cases().category.to_pyarrow().to_pylist() == ["Bureau de Liège"]


def test_parquet_with_typed_columns(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    columns = list(zip(*VALUES, strict=True))
    table = pa.table(
        {
            "case_id": pa.array(columns[0]).dictionary_encode(),
            "objective": pa.array(columns[1]),
            "office": pa.array(columns[2]),
            "start_date": pa.array(
                [dt.datetime.combine(d, dt.time(0)) for d in columns[3]], pa.timestamp("us")
            ),
            "end_date": pa.array(columns[4], pa.date32()),
            "amount_due": pa.array(columns[5], pa.decimal128(10, 2)),
            "planned": pa.array(columns[6], pa.bool_()),
            "niss": pa.array(columns[7], pa.string()),
            "attr.sample": pa.array(columns[8], pa.string()),
        }
    )
    pq.write_table(table, tmp_path / "cases.parquet")
    load(store, inasti, tmp_path / "cases.parquet")
    assert stored(store) == EXPECTED


def test_xlsx_with_date_and_number_cells(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "cases"
    sheet.append(HEADER)
    for row in VALUES:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    sheet.append([None] * len(HEADER))  # an empty row is skipped
    sheet.append(["C-3", "VOB 2-01", "BRU", dt.datetime(2019, 3, 3), None, 7, None, None, None])
    book.save(tmp_path / "cases.xlsx")
    load(store, inasti, tmp_path / "cases.xlsx")
    assert stored(store) == [
        *EXPECTED,
        ("C-3", dt.date(2019, 3, 3), None, Decimal("7.00"), None, []),
    ]


def test_date_time_cells_and_timestamps_are_taken_as_their_day(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    """An XLSX date-time cell, and a timestamp as a database driver gives it, hold a time of
    day: the case keeps the day, it is not rejected."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER[:5])
    sheet.append(
        [
            "C-1",
            "VOB 2-01",
            "BRU",
            dt.datetime(2019, 3, 1, 14, 30),
            dt.datetime(2019, 5, 10, 8, 5, 59),
        ]
    )
    book.save(tmp_path / "cases.xlsx")
    report = import_cases(store, [tmp_path / "cases.xlsx"], inasti, secret=None)
    assert (report.inserted, report.rejections) == (1, ())
    timestamps = rows_source(
        "sql:cases", HEADER[:5], [("C-2", "VOB 2-01", "BRU", dt.datetime(2019, 3, 2, 23, 59), None)]
    )
    assert import_cases(store, [timestamps], inasti, secret=None).rejections == ()
    days = store.cases().order_by("case_id").select("start_date", "end_date").to_pyarrow()
    assert days.to_pylist() == [
        {"start_date": dt.date(2019, 3, 1), "end_date": dt.date(2019, 5, 10)},
        {"start_date": dt.date(2019, 3, 2), "end_date": None},
    ]


def test_xlsx_rows_are_numbered_as_excel_shows_them(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER[:4])
    sheet.append(["C-1", "VOB 2-01", "BRU", "2019-03-01"])
    sheet.append([])
    sheet.append(["C-2", "VOB 2-01", "BRU", "2019-02-29"])
    book.save(tmp_path / "cases.xlsx")
    report = import_cases(store, [tmp_path / "cases.xlsx"], inasti, secret=None)
    assert [(r.row, r.reason) for r in report.rejections] == [(4, "impossible date")]


def test_an_sqlite_query(store: DuckDBFactStore, inasti: Contract, tmp_path: Path) -> None:
    db = tmp_path / "exports.db"
    columns = ", ".join(f'"{h}"' for h in HEADER)
    with sqlite3.connect(db) as con:
        con.execute(f"CREATE TABLE dossiers ({columns}, other)")
        con.executemany(
            f"INSERT INTO dossiers VALUES ({', '.join('?' * (len(HEADER) + 1))})",
            [
                [str(v) if isinstance(v, dt.date | Decimal) else v for v in row] + ["x"]
                for row in VALUES
            ],
        )
    con.close()
    source = SqlSource(f"SELECT {columns} FROM dossiers ORDER BY case_id", f"sqlite:///{db}")
    load(store, inasti, source)
    assert stored(store) == EXPECTED
    [batch] = store.batches().to_pyarrow().to_pylist()
    assert batch["source"] == f"sql:sqlite:///{db}"


def test_a_failing_query_and_a_bad_url_are_clear_errors(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    db = tmp_path / "exports.db"
    sqlite3.connect(db).close()
    with pytest.raises(ImportFileError, match=r"^sql:sqlite:///.*: the query failed: no such"):
        import_cases(
            store, [SqlSource("SELECT * FROM nope", f"sqlite:///{db}")], inasti, secret=None
        )
    with pytest.raises(ImportFileError, match="no such SQLite database file"):
        import_cases(
            store, [SqlSource("SELECT 1", f"sqlite:///{tmp_path}/x.db")], inasti, secret=None
        )
    with pytest.raises(ImportFileError, match="unsupported database URL scheme 'mysql'"):
        import_cases(store, [SqlSource("SELECT 1", "mysql://h/db")], inasti, secret=None)
    assert SqlSource("SELECT 1", "postgresql://me:s3cret@host/db").name == (
        "sql:postgresql://me:***@host/db"
    )


@pytest.mark.skipif(
    not os.environ.get("PILOTAGE_TEST_POSTGRES_URL"),
    reason="set PILOTAGE_TEST_POSTGRES_URL=postgresql://... to test the PostgreSQL source",
)
def test_a_postgresql_query(store: DuckDBFactStore, inasti: Contract) -> None:
    import psycopg

    url = os.environ["PILOTAGE_TEST_POSTGRES_URL"]
    table = f"pilotage_test_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(
            f"CREATE TABLE {table} (case_id text, objective text, office text, start_date date, "
            "end_date date, amount_due numeric(10, 2), planned boolean, niss text, "
            '"attr.sample" text)'
        )
        try:
            with con.cursor() as cur:
                cur.executemany(f"INSERT INTO {table} VALUES ({', '.join(['%s'] * 9)})", VALUES)
            load(store, inasti, SqlSource(f"SELECT * FROM {table} ORDER BY case_id", url))
            with pytest.raises(ImportFileError, match=r"^sql:postgresql://.*: the query failed: "):
                import_cases(store, [SqlSource("SELECT * FROM nope", url)], inasti, secret=None)
        finally:
            con.execute(f"DROP TABLE {table}")
    assert stored(store) == EXPECTED


def test_rows_in_memory(store: DuckDBFactStore, inasti: Contract) -> None:
    load(store, inasti, rows_source("form", HEADER, VALUES))
    assert stored(store) == EXPECTED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "{path}: no such file"),
        ("empty.csv", b"", "{path}: empty file: expected a header row, then one case a row"),
        (
            "binary.csv",
            b"PAR1\x00\x01\x02garbage",
            "{path}: not a CSV text file: it holds a Parquet file; give Parquet files the "
            ".parquet extension and workbooks .xlsx",
        ),
        (
            "corrupt.parquet",
            b"PAR1 this is not parquet PAR1",
            "{path}: not a readable Parquet file (corrupt or truncated?): ",
        ),
        (
            "corrupt.xlsx",
            b"PK\x03\x04 not a zip",
            "{path}: not a readable XLSX workbook (corrupt, or another format?): ",
        ),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0",
            "{path}: Excel 97-2003 (.xls) workbooks cannot be read: save it as .xlsx or CSV",
        ),
        (
            "headless.csv",
            b"C-1,VOB 2-01,BRU,2019-03-01\n",
            "{path}: missing required column(s) case_id, objective, office, start_date; columns "
            "found: C-1, VOB 2-01, BRU, 2019-03-01; columns expected: case_id, objective, office, "
            "start_date, end_date, category, amount_due, amount_collected, planned, suspensions, "
            "niss, attr.<name> (the first row must be the header)",
        ),
        (
            "no-office.csv",
            b"case_id,objective,start_date\nC-1,VOB 2-01,2019-03-01\n",
            "{path}: missing required column(s) office; columns found: case_id, objective, "
            "start_date; columns expected: case_id, objective, office, start_date, end_date, "
            "category, amount_due, amount_collected, planned, suspensions, niss, attr.<name> "
            "(the first row must be the header)",
        ),
        (
            "extra.csv",
            b"case_id,objective,office,start_date,status\n",
            "{path}: unknown column(s) status; columns found: case_id, objective, office, "
            "start_date, status; columns expected: case_id, objective, office, start_date, "
            "end_date, category, amount_due, amount_collected, planned, suspensions, niss, "
            "attr.<name>",
        ),
        (
            "twice.csv",
            b"case_id,objective,office,start_date,Office\n",
            "{path}: column 'Office' appears twice; expected once each",
        ),
    ],
)
def test_a_source_that_cannot_be_read_names_the_file_and_what_was_expected(
    store: DuckDBFactStore,
    inasti: Contract,
    tmp_path: Path,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        import_cases(store, [path], inasti, secret=None)
    assert str(caught.value).startswith(message.format(path=path))


def test_an_xlsx_without_the_header_row(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["C-1", "VOB 2-01", "BRU", dt.date(2019, 3, 1)])
    book.save(tmp_path / "cases.xlsx")
    with pytest.raises(ImportFileError, match=r"columns found: C-1, VOB 2-01, BRU, 2019-03-01;"):
        import_cases(store, [tmp_path / "cases.xlsx"], inasti, secret=None)


def test_a_bad_second_file_writes_nothing_of_the_first(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    good = write_csv(tmp_path / "good.csv", [case("C-1")])
    with pytest.raises(ImportFileError, match="no such file"):
        import_cases(store, [good, tmp_path / "missing.csv"], inasti, secret=None)
    assert store.cases().count().to_pyarrow().as_py() == 0


def test_the_source_kind_comes_from_the_extension_or_the_content(tmp_path: Path) -> None:
    pq.write_table(pa.table({"a": [1]}), tmp_path / "export.dat")
    assert isinstance(source_for(tmp_path / "export.dat"), ParquetSource)
    assert isinstance(source_for(tmp_path / "cases.XLSX"), XlsxSource)
    assert isinstance(source_for(tmp_path / "cases.txt"), CsvSource)


def test_chunks_are_streamed_and_rows_numbered_across_them(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    rows = [case(f"C-{i}") for i in range(2500)]
    rows[1700]["start_date"] = "2019-02-30"
    path = write_csv(tmp_path / "cases.csv", rows)
    report = import_cases(store, [path], inasti, secret=None, chunk_rows=300)
    assert [(r.row, r.value) for r in report.rejections] == [(1702, "2019-02-30")]
    assert report.inserted == 2499


def test_a_progress_bar_can_be_shown(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "cases.csv", [case(f"C-{i}") for i in range(50)])
    report = import_cases(store, [path], inasti, secret=None, progress=True, chunk_rows=10)
    assert report.inserted == 50
    assert capsys.readouterr().out == ""  # the bar goes to stderr, never into the output
