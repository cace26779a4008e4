"""The SQL source: the result of a query against PostgreSQL (psycopg) or SQLite."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pilotage.errors import ImportFileError
from pilotage.facts._reading import CHUNK_ROWS, Reading, RowsReading, Source, cell_text

__all__ = ["SqlSource"]

# --- SQL query ---------------------------------------------------------------------------------


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}" if user else netloc))


@dataclass
class SqlSource(Source):
    """The result of a query against a database: `postgresql://user@host/db` (psycopg) or
    `sqlite:///relative.db`, `sqlite:////absolute.db` (read only)."""

    query: str
    url: str
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = f"sql:{_redacted(self.url)}"

    def open(self, chunk_rows: int = CHUNK_ROWS) -> Reading:
        scheme = urlsplit(self.url).scheme.lower()
        if scheme in ("postgresql", "postgres"):
            return _PostgresReading(self, chunk_rows)
        if scheme == "sqlite":
            return _SqliteReading(self, chunk_rows)
        raise ImportFileError(
            self.name,
            f"unsupported database URL scheme {scheme or '(none)'!r}: expected "
            "postgresql://user@host/database or sqlite:///path/to/file.db",
        )


class _QueryReading(RowsReading):
    def __init__(
        self,
        source: SqlSource,
        chunk_rows: int,
        fetch: Callable[[int], list[Any]],
        description: Sequence[Sequence[Any]] | None,
    ) -> None:
        self.source, self._fetch = source, fetch
        if not description:
            raise ImportFileError(source.name, "the query returns no columns: expected a SELECT")
        super().__init__(source.name, [str(d[0]) for d in description], chunk_rows)
        self._digest = hashlib.sha256("\x1f".join(self.header).encode())

    def _rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        number = 0
        while True:
            try:
                batch = self._fetch(self.chunk_rows)
            except (sqlite3.Error, _psycopg_error()) as exc:
                raise ImportFileError(self.source.name, f"the query failed: {exc}") from exc
            if not batch:
                return
            for values in batch:
                number += 1
                line = "\x1f".join("\x00" if v is None else (cell_text(v) or "") for v in values)
                self._digest.update(b"\x1e" + line.encode())
                yield number, values

    def sha256(self) -> str:
        return self._digest.hexdigest()


def _psycopg_error() -> type[Exception]:
    import psycopg

    return psycopg.Error


class _SqliteReading(_QueryReading):
    def __init__(self, source: SqlSource, chunk_rows: int) -> None:
        raw = source.url.split(":", 1)[1]
        if not raw.startswith("///"):
            raise ImportFileError(
                source.name, "expected sqlite:///relative/path.db or sqlite:////absolute/path.db"
            )
        path = Path(raw[3:])
        if not path.is_file():
            raise ImportFileError(source.name, f"no such SQLite database file: {path}")
        try:
            self._con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            cursor = self._con.execute(source.query)
        except sqlite3.Error as exc:
            raise ImportFileError(source.name, f"the query failed: {exc}") from exc
        super().__init__(source, chunk_rows, cursor.fetchmany, cursor.description)

    def close(self) -> None:
        self._con.close()


class _PostgresReading(_QueryReading):
    def __init__(self, source: SqlSource, chunk_rows: int) -> None:
        import psycopg

        try:
            self._con = psycopg.connect(source.url, connect_timeout=15)
        except psycopg.Error as exc:
            raise ImportFileError(source.name, f"cannot connect: {exc}") from exc
        self._cursor: psycopg.ServerCursor[Any] | None = None
        try:
            self._con.read_only = True
            # A named cursor stays on the server: rows arrive chunk by chunk.
            cursor = self._cursor = self._con.cursor(name="pilotage_import")
            cursor.execute(source.query.encode())
            first = cursor.fetchmany(chunk_rows)
        except psycopg.Error as exc:
            self.close()
            raise ImportFileError(source.name, f"the query failed: {exc}") from exc
        pending: list[list[Any]] = [list(first)]

        def fetch(size: int) -> list[Any]:
            if pending:
                return pending.pop()
            return list(cursor.fetchmany(size))

        super().__init__(source, chunk_rows, fetch, cursor.description)

    def close(self) -> None:
        try:
            if self._cursor is not None:
                self._cursor.close()
        finally:
            self._con.close()
