"""A scan of everything pilotage wrote for the NISS numbers it was given (issue 16).

Every table of the fact store (DuckDB) and of the web database (SQLite), read value by value
(a byte scan would miss what DuckDB compresses), and every other file written (logs, rejects,
exports), read as bytes. A NISS is found in any of its printed forms: 11 digits, with or without
the separators of `85.07.30-033.28`.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb

__all__ = ["niss_hits"]

# 11 digits, with the printed form's separators allowed between its groups (2.2.2-3.2).
_SHAPED = re.compile(rb"(?<!\d)\d{2}\.?\d{2}\.?\d{2}[-.]?\d{3}\.?\d{2}(?!\d)")


def _digits(found: bytes) -> str:
    return re.sub(rb"\D", b"", found).decode()


def _in_text(text: bytes, nisses: set[str]) -> Iterator[str]:
    for match in _SHAPED.finditer(text):
        if _digits(match.group()) in nisses:
            yield _digits(match.group())


def _duckdb(path: Path, nisses: set[str]) -> Iterator[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
        ).fetchall()
        for schema, table in tables:
            rows = con.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall()
            for row in rows:
                for value in row:
                    for hit in _in_text(str(value).encode(), nisses):
                        yield f"{path.name}: {schema}.{table}: {hit}"


def _sqlite(path: Path, nisses: set[str]) -> Iterator[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    text = value if isinstance(value, bytes) else str(value).encode()
                    for hit in _in_text(text, nisses):
                        yield f"{path.name}: {table}: {hit}"
    finally:
        con.close()


def niss_hits(root: Path, nisses: Iterable[str], *, inputs: Iterable[Path] = ()) -> list[str]:
    """Where under `root` any of `nisses` is found, but in the `inputs` (the files given to
    pilotage, which hold them by definition)."""
    wanted = {re.sub(r"\D", "", n) for n in nisses if n}
    skip = {p.resolve() for p in inputs}
    hits: list[str] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.resolve() in skip:
            continue
        head = path.read_bytes()[:16]
        if path.suffix == ".duckdb" or head.startswith(b"DUCK", 8):
            hits += _duckdb(path, wanted)
        elif head.startswith(b"SQLite format 3"):
            hits += _sqlite(path, wanted)
        elif path.suffix in (".wal", ".tmp") or path.name.endswith("-journal"):
            continue  # a database's own journal: its content is read through the database
        elif zipfile.is_zipfile(path):  # an XLSX or DOCX export: each part, unzipped
            with zipfile.ZipFile(path) as archive:
                for part in archive.namelist():
                    found = _in_text(archive.read(part), wanted)
                    hits += [f"{path.name}/{part}: {hit}" for hit in found]
        else:
            hits += [f"{path.name}: {hit}" for hit in _in_text(path.read_bytes(), wanted)]
    return hits
