"""The reading side shared by every source: chunks of text columns, numbered rows."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Self

import pyarrow as pa  # type: ignore[import-untyped]

from pilotage.errors import ImportFileError

__all__ = [
    "CHUNK_ROWS",
    "ROW",
    "Chunk",
    "InvalidRow",
    "Reading",
    "RowsReading",
    "Source",
    "cell_text",
    "check_file",
    "file_sha256",
    "numbered",
    "rows_source",
]

CHUNK_ROWS = 100_000
ROW = "_row"


@dataclass(frozen=True)
class InvalidRow:
    """A row the reader could not split into the header's columns."""

    row: int
    detail: str


@dataclass(frozen=True)
class Chunk:
    table: pa.Table  # string columns named as in the source, plus ROW (int64)
    invalid: tuple[InvalidRow, ...] = ()


class Reading(ABC):
    """An open source: its header, then its chunks, then the SHA-256 of what was read."""

    header: tuple[str, ...]
    numeric: frozenset[str] = frozenset()  # columns holding numbers (a NISS may lose a 0)
    total_rows: int | None = None  # for a progress bar, when known in advance

    @abstractmethod
    def chunks(self) -> Iterator[Chunk]: ...

    @abstractmethod
    def sha256(self) -> str:
        """The content's hash; for a query, known once every chunk has been read."""

    def close(self) -> None:  # noqa: B027 - most readings hold nothing to release
        """Release the file or connection."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class Source(ABC):
    """Where case records come from; `name` is shown in reports and in the rejects file."""

    name: str

    @abstractmethod
    def open(self, chunk_rows: int = CHUNK_ROWS) -> Reading: ...


def check_file(path: Path) -> None:
    if not path.exists():
        raise ImportFileError(str(path), "no such file")
    if not path.is_file():
        raise ImportFileError(str(path), "not a file (a directory?)")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def numbered(table: pa.Table, rows: pa.Array) -> pa.Table:
    return table.append_column(ROW, rows)


def cell_text(value: object) -> str | None:
    """One cell or query value as source text."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        # A date-time cell (XLSX) or timestamp column (SQL) is taken as its day, as Parquet's
        # timestamps are: case records hold dates (docs/case-records.md).
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class RowsReading(Reading):
    """Chunks made from rows of Python values, converted one by one (small sources)."""

    def __init__(self, name: str, header: Sequence[str], chunk_rows: int) -> None:
        self.name, self.header, self.chunk_rows = name, tuple(header), chunk_rows
        self._numeric: set[str] = set()

    def _rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        raise NotImplementedError

    def chunks(self) -> Iterator[Chunk]:
        width = len(self.header)
        columns: list[list[str | None]] = [[] for _ in range(width)]
        numbers: list[int] = []
        invalid: list[InvalidRow] = []
        for number, values in self._rows():
            if len(values) > width and any(v not in (None, "") for v in values[width:]):
                invalid.append(InvalidRow(number, f"a value beyond the {width} header column(s)"))
                continue
            for i in range(width):
                value = values[i] if i < len(values) else None
                if isinstance(value, int) and not isinstance(value, bool):
                    self._numeric.add(self.header[i])
                columns[i].append(cell_text(value))
            numbers.append(number)
            if len(numbers) >= self.chunk_rows:
                yield self._chunk(columns, numbers, invalid)
                columns, numbers, invalid = [[] for _ in range(width)], [], []
        if numbers or invalid:
            yield self._chunk(columns, numbers, invalid)

    def _chunk(
        self, columns: list[list[str | None]], numbers: list[int], invalid: list[InvalidRow]
    ) -> Chunk:
        self.numeric = frozenset(self._numeric)
        table = pa.Table.from_arrays(
            [pa.array(c, pa.string()) for c in columns], names=list(self.header)
        )
        return Chunk(numbered(table, pa.array(numbers, pa.int64())), tuple(invalid))


def rows_source(name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Source:
    """A source from rows in memory (tests, the web form): numbered from 1."""
    return _MemorySource(name, tuple(header), tuple(tuple(r) for r in rows))


@dataclass
class _MemorySource(Source):
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]

    def open(self, chunk_rows: int = CHUNK_ROWS) -> Reading:
        return _MemoryReading(self, chunk_rows)


class _MemoryReading(RowsReading):
    def __init__(self, source: _MemorySource, chunk_rows: int) -> None:
        self.source = source
        super().__init__(source.name, source.header, chunk_rows)
        self.total_rows = len(source.rows)

    def _rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        yield from enumerate(self.source.rows, start=1)

    def sha256(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.source.header)
        writer.writerows([[cell_text(v) for v in row] for row in self.source.rows])
        return hashlib.sha256(buffer.getvalue().encode()).hexdigest()
