"""File sources: CSV, Parquet and XLSX."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from pilotage.errors import ImportFileError
from pilotage.facts._reading import (
    CHUNK_ROWS,
    Chunk,
    InvalidRow,
    Reading,
    RowsReading,
    Source,
    cell_text,
    check_file,
    file_sha256,
    numbered,
)

__all__ = ["CsvSource", "ParquetSource", "XlsxSource"]

_SNIFF = 64 * 1024

# --- CSV ---------------------------------------------------------------------------------------


@dataclass
class CsvSource(Source):
    """A delimited text file with a header row; `,` `;` or tab, found from the header line.

    A quoted value may hold line breaks anywhere in the file. Where the reader cannot tell
    where a record ends (a quote opened and not closed where its record should end), the file
    is refused whole, with the line the quote opens on: no record is ever dropped silently, so
    after an import, rows read + rows rejected = records in the file. `block_size` (bytes read
    at a time) is chosen from the file; tests set it to cross block boundaries.
    """

    path: Path
    encoding: str = "utf-8"
    block_size: int | None = None
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.name = str(self.path)

    def open(self, chunk_rows: int = CHUNK_ROWS) -> Reading:
        check_file(self.path)
        return _CsvReading(self, chunk_rows)


class _CsvReading(Reading):
    def __init__(self, source: CsvSource, chunk_rows: int) -> None:
        self.source = source
        path, name = source.path, source.name
        with path.open("rb") as f:
            head = f.read(_SNIFF)
        if not head:
            raise ImportFileError(name, "empty file: expected a header row, then one case a row")
        if b"\x00" in head:
            kind = {b"PAR1": "a Parquet file", b"PK\x03\x04": "an XLSX workbook or a zip"}.get(
                head[:4], "binary data"
            )
            raise ImportFileError(
                name,
                f"not a CSV text file: it holds {kind}; give Parquet files the .parquet "
                "extension and workbooks .xlsx",
            )
        try:
            text = head.decode(source.encoding, errors="strict" if len(head) < _SNIFF else "ignore")
        except (UnicodeDecodeError, LookupError) as exc:
            raise ImportFileError(name, _encoding_hint(source.encoding, str(exc))) from exc
        first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
        if not first.strip():
            raise ImportFileError(name, "the first line is empty: expected the header row")
        delimiter = max((",", ";", "\t"), key=first.count)
        self.header = tuple(next(csv.reader([first], delimiter=delimiter)))
        lines = max(1, text.count("\n"))
        block = source.block_size or min(64 << 20, max(1 << 20, len(head) * chunk_rows // lines))
        self._delimiter, self._block = delimiter, block
        self._lost: int | None = None  # the record where the reader lost track of records
        self._records: int | None = None  # counted by Python's csv module, when it had to be
        if _odd_quotes(path):
            # Every quote that opens a value has its closing one ("" inside a value is two): an
            # odd count is a quote that never closes, or a stray literal quote inside a value.
            # Python's csv module reads the file again to tell which; the records it counts
            # are then checked against the records read.
            found, self._records = _unclosed(
                path, source.encoding, delimiter, len(self.header), None
            )
            if found is not None:
                raise self._refusal(None)
        self._invalid: list[InvalidRow] = []
        self._skipped: list[int] = []
        self._expected = len(self.header)
        try:
            self._reader = pacsv.open_csv(
                path,
                read_options=pacsv.ReadOptions(
                    # One thread: the rows it cannot split then come with their number.
                    encoding=source.encoding,
                    block_size=block,
                    use_threads=False,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter,
                    newlines_in_values=True,  # a quoted line break, wherever it falls
                    invalid_row_handler=self._on_invalid,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=dict.fromkeys(self.header, pa.string()),
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError, LookupError) as exc:
            if "straddl" in str(exc) or "out of sync" in str(exc):
                raise self._refusal(None) from exc
            raise ImportFileError(name, _csv_problem(source.encoding, exc)) from exc
        self._done = 1  # rows consumed so far, the header included

    def _on_invalid(self, row: pacsv.InvalidRow) -> str:
        number = row.number if row.number is not None else -1
        if "\n" in row.text or "\r" in row.text:
            # A record over several lines with the wrong number of fields: a quote that does
            # not close where the record should end. Where records end is unknown from here.
            if self._lost is None:
                self._lost = number
            return "skip"
        self._skipped.append(number)
        # The text is not kept: it may hold a NISS in clear.
        self._invalid.append(
            InvalidRow(
                number,
                f"{row.actual_columns} field(s) where the header has {row.expected_columns}",
            )
        )
        return "skip"

    def chunks(self) -> Iterator[Chunk]:
        reader = self._reader
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            except (pa.ArrowInvalid, OSError) as exc:
                if "straddl" in str(exc) or "out of sync" in str(exc):
                    # A record longer than a block: a quote that never closes.
                    raise self._refusal(None) from exc
                raise ImportFileError(
                    self.source.name, _csv_problem(self.source.encoding, exc)
                ) from exc
            table = pa.Table.from_batches([batch])
            if self._lost is None:
                self._lost = _swallowing(table, self._delimiter, self._done + 1, self._skipped)
            if self._lost is not None:
                raise self._refusal(self._lost)
            start = self._done + 1
            rows = pa.array(range(start, start + table.num_rows), pa.int64())
            # A skipped row keeps its number: the rows after it move one further.
            for skipped in sorted(self._skipped):
                rows = pc.add(rows, pc.cast(pc.greater_equal(rows, skipped), pa.int64()))
            self._done += table.num_rows
            invalid, self._invalid = tuple(self._invalid), []
            yield Chunk(numbered(table, rows), invalid)
        read = self._done + len(self._skipped)  # the header included
        if self._records is not None and read != self._records:
            raise ImportFileError(
                self.source.name,
                f"{self._records - 1} records in the file, {read - 1} read: a quote that does "
                f"not close lost records near record {read}. Nothing was imported; check the "
                'quotes (a quote inside a value is written twice: "")',
            )
        if self._invalid:
            yield Chunk(
                numbered(_empty_strings(self.header), pa.array([], pa.int64())),
                tuple(self._invalid),
            )

    def sha256(self) -> str:
        return file_sha256(self.source.path)

    def _refusal(self, record: int | None) -> ImportFileError:
        source = self.source
        found, _ = _unclosed(
            source.path, source.encoding, self._delimiter, len(self.header), record
        )
        if found is None and record is None:  # every quote closes: a record past a block
            return ImportFileError(
                source.name,
                f"a record is longer than {self._block} bytes, the most the reader takes at "
                "once: no case record is that long (is it a file of cases?). Nothing was "
                "imported",
            )
        if found is None:  # not found again by Python's reader: say what pyarrow saw
            return ImportFileError(
                source.name,
                f"record {record} runs over several lines: a quoted value is not closed where "
                "its record should end. Nothing was imported; check the quotes (a quote inside "
                'a value is written twice: "")',
            )
        number, line, span, cut = found
        over = f"at least {span}" if cut else str(span)
        return ImportFileError(
            source.name,
            f'line {line} (record {number}): a quoted value opens with " on this line and is '
            f"not closed where its record should end; it runs over {over} lines and would "
            "swallow the records after it. Nothing was imported; close the quote (a quote "
            'inside a value is written twice: "")',
        )


def _record_shaped(value: str, delimiter: str, columns: int) -> bool:
    """Whether a value holds line breaks followed only by lines shaped as records of their own
    (as many delimiters as a record has): records swallowed by a quote closed too late."""
    continuation = value.splitlines()[1:]
    return bool(continuation) and all(line.count(delimiter) >= columns - 1 for line in continuation)


def _odd_quotes(path: Path) -> bool:
    """Whether the file holds an odd number of double quotes (read in 1 MiB blocks)."""
    count = 0
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            count += block.count(b'"')
    return count % 2 == 1


def _swallowing(table: pa.Table, delimiter: str, first: int, skipped: list[int]) -> int | None:
    """The record number of a value holding a line break followed by what reads as records of
    their own (a quote closed only records later, the count of fields right by chance)."""
    columns = max(1, table.num_columns)
    for name in table.column_names:
        column = table.column(name)
        broken = pc.match_substring_regex(column, r"[\r\n]")
        if not pc.any(broken).as_py():
            continue
        for index in pc.indices_nonzero(pc.fill_null(broken, False)).to_pylist():
            if _record_shaped(column[index].as_py(), delimiter, columns):
                number = first + int(index)
                return number + sum(1 for s in sorted(skipped) if s <= number)
    return None


def _unclosed(
    path: Path, encoding: str, delimiter: str, columns: int, record: int | None
) -> tuple[tuple[int, int, int, bool] | None, int]:
    """(record, first line, lines spanned, cut short) of the record where a quote does not
    close, and the records read (the header included): the
    record numbered `record`, or else the first one over several lines with the wrong number
    of fields or a value that swallows records. Read again by Python's csv module, on refusal
    only."""
    with path.open(encoding=encoding, errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=delimiter)
        line, number = 1, 0
        while True:
            number += 1
            try:
                fields = next(reader)
            except StopIteration:
                return None, number - 1
            except csv.Error:  # a value past the reader's size limit: the quote never closed
                return (number, line, reader.line_num - line + 1, True), number
            span = reader.line_num - line + 1
            suspect = span > 1 and (
                len(fields) != columns or any(_record_shaped(v, delimiter, columns) for v in fields)
            )
            if number == record or (record is None and suspect):
                return (number, line, span, False), number
            line = reader.line_num + 1


def _empty_strings(header: Sequence[str]) -> pa.Table:
    return pa.table({name: pa.array([], pa.string()) for name in header})


def _encoding_hint(encoding: str, detail: str) -> str:
    return (
        f"cannot be read as {encoding} text ({detail}); save it as UTF-8 CSV, or name its "
        "encoding (--encoding latin-1)"
    )


def _csv_problem(encoding: str, exc: Exception) -> str:
    text = str(exc)
    if "UTF8" in text or "decode" in text.lower():
        return _encoding_hint(encoding, text)
    return f"not a readable CSV file: {text}"


# --- Parquet -----------------------------------------------------------------------------------


@dataclass
class ParquetSource(Source):
    path: Path
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.name = str(self.path)

    def open(self, chunk_rows: int = CHUNK_ROWS) -> Reading:
        check_file(self.path)
        return _ParquetReading(self, chunk_rows)


class _ParquetReading(Reading):
    def __init__(self, source: ParquetSource, chunk_rows: int) -> None:
        self.source, self.chunk_rows = source, chunk_rows
        try:
            self._file = pq.ParquetFile(source.path)
        except (pa.ArrowException, OSError) as exc:
            raise ImportFileError(
                source.name, f"not a readable Parquet file (corrupt or truncated?): {exc}"
            ) from exc
        schema = self._file.schema_arrow
        self.header = tuple(schema.names)
        self.total_rows = self._file.metadata.num_rows
        for f in schema:
            if pa.types.is_nested(f.type) or pa.types.is_binary(f.type):
                raise ImportFileError(
                    source.name,
                    f"column {f.name!r} is {f.type}: expected text, numbers, dates or booleans",
                )
        self.numeric = frozenset(f.name for f in schema if pa.types.is_integer(f.type))

    def chunks(self) -> Iterator[Chunk]:
        done = 0
        try:
            for batch in self._file.iter_batches(batch_size=self.chunk_rows):
                columns = [_arrow_text(column) for column in batch.columns]
                table = pa.Table.from_arrays(columns, names=list(self.header))
                rows = pa.array(range(done + 1, done + 1 + table.num_rows), pa.int64())
                done += table.num_rows
                yield Chunk(numbered(table, rows))
        except (pa.ArrowException, OSError) as exc:
            raise ImportFileError(
                self.source.name, f"corrupt Parquet data after row {done}: {exc}"
            ) from exc

    def sha256(self) -> str:
        return file_sha256(self.source.path)

    def close(self) -> None:
        self._file.close()


def _arrow_text(column: pa.Array) -> pa.Array:
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.dictionary_decode()
        kind = column.type
    if pa.types.is_timestamp(kind):
        column = pc.cast(column, pa.date32())  # a date with a time of day: the day
    elif pa.types.is_boolean(kind):
        return pc.if_else(column, "true", "false")
    return pc.cast(column, pa.string())


# --- XLSX --------------------------------------------------------------------------------------


@dataclass
class XlsxSource(Source):
    """An XLSX workbook: the sheet named `cases`, else the first; row 1 is the header."""

    path: Path
    sheet: str | None = None
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.name = str(self.path)

    def open(self, chunk_rows: int = CHUNK_ROWS) -> Reading:
        check_file(self.path)
        return _XlsxReading(self, chunk_rows)


class _XlsxReading(RowsReading):
    def __init__(self, source: XlsxSource, chunk_rows: int) -> None:
        from openpyxl import load_workbook  # type: ignore[import-untyped]
        from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

        self.source = source
        try:
            self._book = load_workbook(source.path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise ImportFileError(
                source.name, f"not a readable XLSX workbook (corrupt, or another format?): {exc}"
            ) from exc
        names = self._book.sheetnames
        wanted = source.sheet or ("cases" if "cases" in names else names[0])
        if wanted not in names:
            self._book.close()
            raise ImportFileError(
                source.name, f"no sheet {wanted!r}; sheets found: {', '.join(names)}"
            )
        self._sheet = self._book[wanted]
        self._iter = self._sheet.iter_rows(values_only=True)
        first = next(self._iter, ())
        header = list(first)
        while header and header[-1] in (None, ""):
            header.pop()
        super().__init__(source.name, [cell_text(h) or "" for h in header], chunk_rows)
        max_row = self._sheet.max_row
        self.total_rows = max_row - 1 if isinstance(max_row, int) else None

    def _rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        for number, values in enumerate(self._iter, start=2):
            if any(v not in (None, "") for v in values):
                yield number, values

    def sha256(self) -> str:
        return file_sha256(self.source.path)

    def close(self) -> None:
        self._book.close()
