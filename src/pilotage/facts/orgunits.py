"""The org-unit hierarchy: office -> region -> institution, from a file with code, name, parent,
level."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]

from pilotage.errors import OrgUnitsError
from pilotage.facts.schema import ORG_UNITS_SCHEMA

__all__ = ["OrgLevel", "OrgUnit", "check_org_units", "org_units_table", "read_org_units"]

_COLUMNS = ("code", "name", "parent", "level")


class OrgLevel(StrEnum):
    OFFICE = "office"
    REGION = "region"
    INSTITUTION = "institution"


_PARENT_LEVEL = {
    OrgLevel.OFFICE: OrgLevel.REGION,
    OrgLevel.REGION: OrgLevel.INSTITUTION,
    OrgLevel.INSTITUTION: None,
}


@dataclass(frozen=True)
class OrgUnit:
    code: str
    name: str
    parent: str | None
    level: OrgLevel


def read_org_units(path: str | Path) -> list[OrgUnit]:
    """Read and check an org-unit CSV file (`code,name,parent,level`; `;` also accepted)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise OrgUnitsError(f"{path}: cannot be read as UTF-8 text: {exc}") from exc
    lines = text.splitlines()
    if not lines:
        raise OrgUnitsError(f"{path}: empty file: expected the header {','.join(_COLUMNS)}")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    if sorted(header) != sorted(_COLUMNS):
        raise OrgUnitsError(
            f"{path}: columns found: {', '.join(header)}; columns expected: {', '.join(_COLUMNS)}"
        )
    units: list[OrgUnit] = []
    problems: list[str] = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(f"{path}: row {number}: {len(values)} field(s), expected 4")
            continue
        row = dict(zip(header, (v.strip() for v in values), strict=True))
        try:
            level = OrgLevel(row["level"].lower())
        except ValueError:
            problems.append(
                f"{path}: row {number}: level {row['level']!r}: expected office, region or "
                "institution"
            )
            continue
        units.append(OrgUnit(row["code"], row["name"], row["parent"] or None, level))
    check_org_units(units, str(path), problems)
    return units


def check_org_units(
    units: Sequence[OrgUnit], file: str = "org units", problems: Iterable[str] = ()
) -> None:
    """Every problem of a hierarchy at once: codes unique, parents known and one level up."""
    found = list(problems)
    by_code: dict[str, OrgUnit] = {}
    for unit in units:
        if not unit.code:
            found.append(f"{file}: a unit without a code ({unit.name!r})")
        elif unit.code in by_code:
            found.append(f"{file}: code {unit.code!r} appears twice")
        by_code[unit.code] = unit
    for unit in units:
        wanted = _PARENT_LEVEL[unit.level]
        if wanted is None:
            if unit.parent is not None:
                found.append(f"{file}: {unit.code}: an institution has no parent ({unit.parent})")
            continue
        parent = by_code.get(unit.parent or "")
        if parent is None:
            found.append(
                f"{file}: {unit.code}: parent {unit.parent or '(empty)'} is not in the file; "
                f"expected the code of {_a(wanted)}"
            )
        elif parent.level is not wanted:
            found.append(
                f"{file}: {unit.code}: parent {parent.code} is {_a(parent.level)}; "
                f"expected {_a(wanted)} (office -> region -> institution)"
            )
    if found:
        raise OrgUnitsError(f"{len(found)} problem(s) in {file}:\n" + "\n".join(found), found)


def _a(level: OrgLevel) -> str:
    return f"{'an' if level.value[0] in 'aeiou' else 'a'} {level.value}"


def org_units_table(units: Sequence[OrgUnit]) -> pa.Table:
    """The org units as the stored `org_units` table."""
    return pa.table(
        {
            "code": [u.code for u in units],
            "name": [u.name for u in units],
            "parent": [u.parent for u in units],
            "level": [u.level.value for u in units],
        },
        schema=ORG_UNITS_SCHEMA,
    )
