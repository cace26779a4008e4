"""Case sources read as text in chunks: CSV, Parquet, XLSX and an SQL query.

Every source gives its header, then chunks of about `chunk_rows` rows as an Arrow table of
string columns (one per source column, named as in the source) plus `_row`, the row number a
person would look for: in CSV and XLSX the header is row 1, so the first case is row 2; in
Parquet and query results the first case is row 1. Values are converted to text without
interpretation (dates as `YYYY-MM-DD`); checking them is `importing`'s job.

Errors of pyarrow, openpyxl, sqlite3 and psycopg are translated into ImportFileError naming the
file and what was expected.
"""

from __future__ import annotations

from pathlib import Path

from pilotage.errors import ImportFileError
from pilotage.facts._files import CsvSource, ParquetSource, XlsxSource
from pilotage.facts._reading import (
    CHUNK_ROWS,
    ROW,
    Chunk,
    InvalidRow,
    Reading,
    Source,
    rows_source,
)
from pilotage.facts._sql import SqlSource

__all__ = [
    "CHUNK_ROWS",
    "ROW",
    "Chunk",
    "CsvSource",
    "InvalidRow",
    "ParquetSource",
    "Reading",
    "Source",
    "SqlSource",
    "XlsxSource",
    "rows_source",
    "source_for",
]


def source_for(path: str | Path, *, encoding: str = "utf-8") -> Source:
    """The source for a file, by its extension (.csv, .parquet, .xlsx), else by its content."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return ParquetSource(path)
    if suffix in (".xlsx", ".xlsm"):
        return XlsxSource(path)
    if suffix == ".xls":
        raise ImportFileError(
            str(path), "Excel 97-2003 (.xls) workbooks cannot be read: save it as .xlsx or CSV"
        )
    if suffix not in (".csv", ".txt", ".tsv") and path.is_file():
        with path.open("rb") as f:
            magic = f.read(4)
        if magic == b"PAR1":
            return ParquetSource(path)
        if magic == b"PK\x03\x04":
            return XlsxSource(path)
    return CsvSource(path, encoding=encoding)
