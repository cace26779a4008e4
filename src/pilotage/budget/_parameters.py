"""The parameters of the annual re-evaluation (art. 71), as data with their source and date.

The average liquidation coefficient of salaries (the Planning Bureau's economic budget for the
forecast, the coefficient observed for the actual) and the health index are never constants
of the code: they are entered or imported with where they come from.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path

from pilotage.errors import BudgetError

__all__ = ["Estimate", "Parameter", "ParameterName", "read_parameters"]


class ParameterName(StrEnum):
    LIQUIDATION_COEFFICIENT = "liquidation_coefficient"
    HEALTH_INDEX = "health_index"


class Estimate(StrEnum):
    FORECAST = "forecast"
    ACTUAL = "actual"


@dataclass(frozen=True)
class Parameter:
    name: ParameterName
    year: int
    value: Decimal
    estimate: Estimate
    source: str  # "Bureau fédéral du Plan, budget économique du 12 septembre 2013"
    published_on: dt.date

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", ParameterName(self.name))
        object.__setattr__(self, "estimate", Estimate(self.estimate))
        if isinstance(self.value, float):
            raise BudgetError(f"{self.name} {self.year}: give the value as text, never a float")
        value = Decimal(self.value)
        if not value.is_finite() or value <= 0:
            raise BudgetError(f"{self.name} {self.year}: {self.value} is not a positive value")
        object.__setattr__(self, "value", value)
        if not self.source.strip():
            raise BudgetError(f"{self.name} {self.year}: say where the value comes from (source)")

    def __str__(self) -> str:
        return (
            f"{self.name} {self.year} ({self.estimate}) = {self.value} "
            f"[{self.source}, {self.published_on.isoformat()}]"
        )


_COLUMNS = ("name", "year", "value", "estimate", "source", "published_on")


def read_parameters(path: Path) -> list[Parameter]:
    """Parameters from a CSV file with the columns name, year, value, estimate, source,
    published_on; BudgetError naming the row and the field at the first bad one."""
    if not path.is_file():
        raise BudgetError(f"{path}: no such parameter file")
    found: list[Parameter] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise BudgetError(
                f"{path}: columns missing: {', '.join(missing)} (expected {_COLUMNS})"
            )
        for number, row in enumerate(reader, start=2):
            where = f"{path}: row {number}"
            try:
                name = ParameterName(row["name"].strip())
            except ValueError:
                raise BudgetError(
                    f"{where}: name {row['name']!r} is not one of {', '.join(ParameterName)}"
                ) from None
            try:
                estimate = Estimate(row["estimate"].strip())
            except ValueError:
                raise BudgetError(
                    f"{where}: estimate {row['estimate']!r} is not one of {', '.join(Estimate)}"
                ) from None
            try:
                year, value = int(row["year"]), Decimal(row["value"].strip().replace(",", "."))
                published = dt.date.fromisoformat(row["published_on"].strip())
            except (ValueError, InvalidOperation) as exc:
                raise BudgetError(
                    f"{where}: year (2014), value (1.0234) and published_on (YYYY-MM-DD) "
                    f"expected: {exc}"
                ) from None
            found.append(Parameter(name, year, value, estimate, row["source"], published))
    return found
