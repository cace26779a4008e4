"""The case-record schema of docs/case-records.md: source columns and the stored tables.

Sources are read as text; `importing` checks and converts every value in DuckDB SQL. This module
holds what both sides agree on: the column names, which are required, the yes/no words, and the
Arrow schemas of the stored tables (the engine and the Parquet export rely on them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import pyarrow as pa  # type: ignore[import-untyped]

from pilotage.errors import ImportFileError

__all__ = [
    "ATTRIBUTE_PREFIX",
    "BATCHES_SCHEMA",
    "CASES_SCHEMA",
    "CASE_ID_MAX",
    "COLUMNS",
    "FALSE_WORDS",
    "KEY",
    "OPTIONAL",
    "ORG_UNITS_SCHEMA",
    "REQUIRED",
    "SUSPENSIONS_SCHEMA",
    "TEXT_MAX",
    "TRUE_WORDS",
    "YEAR_MAX",
    "YEAR_MIN",
    "Column",
    "Header",
    "read_header",
]


class Column(StrEnum):
    """A column of a case source (docs/case-records.md)."""

    CASE_ID = "case_id"
    OBJECTIVE = "objective"
    OFFICE = "office"
    START_DATE = "start_date"
    END_DATE = "end_date"
    CATEGORY = "category"
    AMOUNT_DUE = "amount_due"
    AMOUNT_COLLECTED = "amount_collected"
    PLANNED = "planned"
    SUSPENSIONS = "suspensions"
    NISS = "niss"


COLUMNS: tuple[Column, ...] = tuple(Column)
REQUIRED: tuple[Column, ...] = (Column.CASE_ID, Column.OBJECTIVE, Column.OFFICE, Column.START_DATE)
OPTIONAL: tuple[Column, ...] = tuple(c for c in COLUMNS if c not in REQUIRED)
KEY: tuple[str, str] = ("objective", "case_id")
ATTRIBUTE_PREFIX = "attr."
CASE_ID_MAX = 64
TEXT_MAX = 1000  # characters in any other text value (office, category, attr.*)
# The years a case's dates may fall in: anything else (0001, 9999) is a typing or export error.
YEAR_MIN, YEAR_MAX = 1900, 2100
TRUE_WORDS = ("true", "1", "oui", "ja", "yes", "vrai", "waar")
FALSE_WORDS = ("false", "0", "non", "nee", "no", "faux", "onwaar")

_AMOUNT = pa.decimal128(18, 2)

CASES_SCHEMA = pa.schema(
    [
        pa.field("objective", pa.string(), nullable=False),
        pa.field("case_id", pa.string(), nullable=False),
        pa.field("office", pa.string(), nullable=False),
        pa.field("start_date", pa.date32(), nullable=False),
        pa.field("end_date", pa.date32()),
        pa.field("category", pa.string()),
        pa.field("amount_due", _AMOUNT),
        pa.field("amount_collected", _AMOUNT),
        pa.field("planned", pa.bool_()),
        pa.field("suspensions", pa.string()),
        pa.field("suspended_days", pa.int32(), nullable=False),
        pa.field("person_key", pa.string()),
        pa.field("attributes", pa.map_(pa.string(), pa.string()), nullable=False),
        pa.field("batch_id", pa.int32(), nullable=False),
    ]
)
"""The stored `cases` table: one row per (objective, case_id)."""

SUSPENSIONS_SCHEMA = pa.schema(
    [
        pa.field("objective", pa.string(), nullable=False),
        pa.field("case_id", pa.string(), nullable=False),
        pa.field("start_date", pa.date32(), nullable=False),
        pa.field("end_date", pa.date32(), nullable=False),
    ]
)
"""The stored `case_suspensions` table: the intervals of a case as given, bounds included."""

ORG_UNITS_SCHEMA = pa.schema(
    [
        pa.field("code", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("parent", pa.string()),
        pa.field("level", pa.string(), nullable=False),
    ]
)

BATCHES_SCHEMA = pa.schema(
    [
        pa.field("id", pa.int32(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("contract_id", pa.string()),
        pa.field("inserted", pa.int64(), nullable=False),
        pa.field("updated", pa.int64(), nullable=False),
        pa.field("unchanged", pa.int64(), nullable=False),
        pa.field("rejected", pa.int64(), nullable=False),
        pa.field("imported_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("key_check", pa.string()),
        # The batch holds demonstration data (synthetic cases), said by whoever imported it.
        pa.field("demonstration", pa.bool_(), nullable=False),
    ]
)


@dataclass(frozen=True)
class Header:
    """The columns of one source, checked: schema columns and free attributes (`attr.x`)."""

    found: tuple[str, ...]
    columns: dict[str, Column]  # source name -> schema column
    attributes: dict[str, str]  # source name -> attribute name

    def has(self, column: Column) -> bool:
        return column in self.columns.values()


def read_header(file: str, names: Sequence[object]) -> Header:
    """Check a source's column names: required columns present, no unknown or repeated column.

    Names are compared without surrounding spaces and case (`Case_ID` is `case_id`); attribute
    names after `attr.` keep their case.
    """
    found = tuple("" if name is None else str(name) for name in names)
    expected = ", ".join([*COLUMNS, f"{ATTRIBUTE_PREFIX}<name>"])
    columns: dict[str, Column] = {}
    attributes: dict[str, str] = {}
    unknown: list[str] = []
    seen: set[str] = set()
    for name in found:
        clean = name.strip()
        lowered = clean.lower()
        if lowered in seen:
            raise ImportFileError(file, f"column {clean!r} appears twice; expected once each")
        seen.add(lowered)
        if lowered in COLUMNS:
            columns[name] = Column(lowered)
        elif lowered.startswith(ATTRIBUTE_PREFIX) and len(clean) > len(ATTRIBUTE_PREFIX):
            attributes[name] = clean[len(ATTRIBUTE_PREFIX) :]
        else:
            unknown.append(clean)
    shown = ", ".join(c.strip() or "(empty)" for c in found) or "none"
    missing = [c.value for c in REQUIRED if c not in columns.values()]
    if missing:
        raise ImportFileError(
            file,
            f"missing required column(s) {', '.join(missing)}; columns found: {shown}; "
            f"columns expected: {expected} (the first row must be the header)",
        )
    if unknown:
        raise ImportFileError(
            file,
            f"unknown column(s) {', '.join(u or '(empty)' for u in unknown)}; columns found: "
            f"{shown}; columns expected: {expected}",
        )
    return Header(found, columns, attributes)
