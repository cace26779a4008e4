"""Factories of the fact-store tests: a valid case row, a case CSV file, org units."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from pilotage.facts import OrgLevel, OrgUnit

SECRET = "test-secret-key-0123456789"
AT = dt.datetime(2020, 1, 15, 9, 30, tzinfo=dt.UTC)
HEADER = ("case_id", "objective", "office", "start_date", "end_date")

ORG_UNITS = (
    OrgUnit("INASTI", "INASTI", None, OrgLevel.INSTITUTION),
    OrgUnit("R-BRB", "Région Bruxelles-Brabant", "INASTI", OrgLevel.REGION),
    OrgUnit("R-LNL", "Région Liège-Namur-Luxembourg", "INASTI", OrgLevel.REGION),
    OrgUnit("BRU", "Bureau de Bruxelles", "R-BRB", OrgLevel.OFFICE),
    OrgUnit("LEU", "Bureau de Louvain", "R-BRB", OrgLevel.OFFICE),
    OrgUnit("LGE", "Bureau de Liège", "R-LNL", OrgLevel.OFFICE),
)


def write_csv(path: Path, rows: Sequence[Mapping[str, object]], delimiter: str = ",") -> Path:
    """A case CSV file with the columns of the first row, in order."""
    header = list(rows[0]) if rows else list(HEADER)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def case(case_id: str = "C-1", **values: object) -> dict[str, object]:
    """One valid case row; keyword arguments change or add columns."""
    row: dict[str, object] = {
        "case_id": case_id,
        "objective": "VOB 2-01",
        "office": "BRU",
        "start_date": "2019-03-01",
        "end_date": "2019-05-10",
    }
    row.update(values)
    return row
