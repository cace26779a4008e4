"""Case records as Arrow columns, and the files they are written to (docs/case-records.md).

Parquet files carry the key-value metadata `pilotage.synthetic=true`; a CSV file cannot carry a
comment, so it gets a sidecar `<file>.SYNTHETIC.txt` that says what it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

__all__ = [
    "ATTRIBUTE_PREFIX",
    "CASE_COLUMNS",
    "SYNTHETIC_KEY",
    "CaseWriter",
    "case_schema",
    "date_array",
    "decimal_array",
    "dictionary_array",
    "digits_array",
    "sidecar_path",
    "write_table",
]

CASE_COLUMNS = (
    "case_id",
    "objective",
    "office",
    "start_date",
    "end_date",
    "category",
    "amount_due",
    "amount_collected",
    "planned",
    "suspensions",
    "niss",
)
ATTRIBUTE_PREFIX = "attr."
SYNTHETIC_KEY = "pilotage.synthetic"
AMOUNT = pa.decimal128(15, 2)
_TEXT_CODES = pa.dictionary(pa.int32(), pa.string())

_TYPES: dict[str, pa.DataType] = {
    "case_id": pa.string(),
    "objective": _TEXT_CODES,
    "office": _TEXT_CODES,
    "start_date": pa.date32(),
    "end_date": pa.date32(),
    "category": _TEXT_CODES,
    "amount_due": AMOUNT,
    "amount_collected": AMOUNT,
    "planned": pa.bool_(),
    "suspensions": pa.string(),
    "niss": pa.string(),
}


def case_schema(
    attributes: Sequence[str] = (), metadata: Mapping[str, str] | None = None
) -> pa.Schema:
    """The documented columns, then one `attr.<name>` text column per attribute, in that order.

    Text columns with few distinct values (objective, office, category) are dictionary-encoded.
    """
    fields = [pa.field(name, _TYPES[name], nullable=name not in _REQUIRED) for name in CASE_COLUMNS]
    fields += [pa.field(ATTRIBUTE_PREFIX + a, pa.string()) for a in attributes]
    meta = {SYNTHETIC_KEY: "true", **(metadata or {})}
    return pa.schema(fields, metadata=meta)


_REQUIRED = frozenset({"case_id", "objective", "office", "start_date"})


def date_array(days: npt.NDArray[np.integer]) -> pa.Array:
    """Day numbers since 1970-01-01 as date32; negative numbers are empty (open cases)."""
    values = days.astype(np.int32)
    return pa.array(values, pa.date32(), mask=values < 0)


def decimal_array(
    cents: npt.NDArray[np.int64], mask: npt.NDArray[np.bool_] | None = None
) -> pa.Array:
    """Amounts in cents as decimal(15, 2), from 128-bit integers, without Python objects."""
    n = len(cents)
    words = np.empty((n, 2), dtype=np.int64)  # little-endian 128-bit: low word, then sign word
    words[:, 0] = cents
    words[:, 1] = np.where(cents < 0, -1, 0)
    validity = None
    if mask is not None and mask.any():
        validity = pa.array(~mask).buffers()[1]
    return pa.Array.from_buffers(AMOUNT, n, [validity, pa.py_buffer(words.tobytes())])


def dictionary_array(codes: npt.NDArray[np.integer], values: Sequence[str | None]) -> pa.Array:
    """Text from codes into `values`; a None value or a negative code is empty."""
    dictionary = [v if v is not None else "" for v in values]
    nulls = {i for i, v in enumerate(values) if v is None}
    indices = codes.astype(np.int32)
    mask = indices < 0
    if nulls:
        mask = mask | np.isin(indices, list(nulls))
    return pa.DictionaryArray.from_arrays(
        pa.array(np.where(mask, 0, indices), pa.int32(), mask=mask if mask.any() else None),
        pa.array(dictionary, pa.string()),
    )


_FIVE_DIGITS = ((np.arange(100_000)[:, None] // 10 ** np.arange(4, -1, -1)) % 10 + ord("0")).astype(
    np.uint8
)


def digits_array(
    numbers: npt.NDArray[np.integer],
    width: int,
    prefix: str = "",
    mask: npt.NDArray[np.bool_] | None = None,
) -> pa.Array:
    """Zero-padded numbers as text with a prefix ("DEMO-0000000042").

    Every value has the same length, so the Arrow buffers are written directly from a numpy
    byte matrix: no Python string per row.
    """
    values = np.asarray(numbers, dtype=np.int64)
    n = len(values)
    if n and (values.min() < 0 or values.max() >= 10**width):
        raise ValueError(
            f"numbers must lie in 0 .. {10**width - 1} to be written on {width} digits"
        )
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    size = len(head) + width
    if n * size >= 2**31:
        raise ValueError("too many rows for one text array: write in smaller chunks")
    text = np.empty((n, size), dtype=np.uint8)
    text[:, : len(head)] = head
    column = size
    rest = values
    while column > len(head):  # five digits at a time, from the right, through a lookup table
        take = min(5, column - len(head))
        text[:, column - take : column] = _FIVE_DIGITS[rest % 100_000][:, 5 - take :]
        rest = rest // 100_000
        column -= take
    offsets = np.arange(0, (n + 1) * size, size, dtype=np.int32)
    validity = None
    if mask is not None and mask.any():
        validity = pa.array(~mask).buffers()[1]
    return pa.StringArray.from_buffers(
        n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(text.tobytes()), validity
    )


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".SYNTHETIC.txt")


def _sidecar_text(path: Path, description: str) -> str:
    return (
        f"{path.name}: SYNTHETIC DATA made by pilotage. Nothing in it is real.\n\n"
        f"{description}\n\n"
        'Case ids start with DEMO-, office names end with " (démo)", and every NISS in it\n'
        "fails the Belgian NISS checksum on purpose, so it can never be a real person's number.\n"
        "A CSV file cannot say so itself, hence this note; the Parquet files carry the metadata\n"
        "pilotage.synthetic=true.\n"
    )


def _csv_options() -> pacsv.WriteOptions:
    return pacsv.WriteOptions(quoting_style="needed")


def write_table(table: pa.Table, path: Path, description: str) -> list[Path]:
    """Write `table` to Parquet, or to CSV (with a sidecar note) when `path` ends with .csv."""
    with CaseWriter(path, table.schema, description) as writer:
        writer.write(table)
    return writer.paths


class CaseWriter:
    """Write a table chunk by chunk: Parquet row groups, or CSV, by the file's suffix."""

    def __init__(self, path: Path, schema: pa.Schema, description: str) -> None:
        self.path, self.schema, self.description = Path(path), schema, description
        self.csv = self.path.suffix.lower() == ".csv"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._parquet: pq.ParquetWriter | None = None
        self._csv: pacsv.CSVWriter | None = None
        if self.csv:
            self._csv = pacsv.CSVWriter(str(self.path), schema, write_options=_csv_options())
        else:
            self._parquet = pq.ParquetWriter(str(self.path), schema, compression="zstd")
        self.rows = 0

    @property
    def paths(self) -> list[Path]:
        return [self.path, sidecar_path(self.path)] if self.csv else [self.path]

    def write(self, table: pa.Table) -> None:
        table = table.cast(self.schema) if table.schema != self.schema else table
        if self._csv is not None:
            self._csv.write_table(table)
        else:
            assert self._parquet is not None
            self._parquet.write_table(table, row_group_size=max(1, table.num_rows))
        self.rows += table.num_rows

    def close(self) -> None:
        if self._csv is not None:
            self._csv.close()
            sidecar_path(self.path).write_text(_sidecar_text(self.path, self.description), "utf-8")
        if self._parquet is not None:
            self._parquet.close()

    def __enter__(self) -> CaseWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
