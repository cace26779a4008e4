"""The execution of the budget: commitments and payments per credit and month, imported from
CSV or XLSX with the strictness of case records, and what a finance cell reads from it.

A file has a header row and the columns `month` (YYYY-MM), `article` (a budget article of the
contract's annex, 8111 ...) or `credit` (a credit's code, operating.it ...), or both, and
`committed` and `paid` (the month's amounts in euros, as 1234.56, 1234,56 or 1.234,56). Every
row is checked; any rejected row refuses the whole file, with every problem named by file, row,
field, value and the form expected: an execution with a row missing would show a wrong rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pilotage.budget._credits import OpeningTable
from pilotage.budget._money import parse_amount
from pilotage.errors import BudgetError, ImportFileError

if TYPE_CHECKING:  # the readers of case records load DuckDB and Arrow: only when a file is read
    from pilotage.facts import Rejection

__all__ = ["COLUMNS", "Execution", "ExecutionLine", "ExecutionReport", "read_execution"]

COLUMNS = ("month", "article", "credit", "committed", "paid")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ExecutionLine:
    year: int
    month: int
    credit: str
    committed: Decimal
    paid: Decimal
    article: str = ""
    row: int = 0


@dataclass(frozen=True)
class Execution:
    """Commitments and payments per (year, credit, month); several articles of a credit add up."""

    lines: tuple[ExecutionLine, ...] = ()
    source: str = ""
    demonstration: bool = False  # made up for the demonstration, and labelled so

    def committed(self, year: int, credit: str, through: int = 12) -> Decimal:
        return self._sum(year, credit, through, "committed")

    def paid(self, year: int, credit: str, through: int = 12) -> Decimal:
        return self._sum(year, credit, through, "paid")

    def committed_by(self, year: int, credit: str, day: dt.date) -> Decimal:
        """Commitments of `year` made by `day` (a month counts from its first day)."""
        if day.year < year:
            return ZERO
        return self.committed(year, credit, 12 if day.year > year else day.month)

    def months(self, year: int) -> list[int]:
        return sorted({x.month for x in self.lines if x.year == year})

    def monthly(self, year: int, credit: str) -> dict[int, tuple[Decimal, Decimal]]:
        found: dict[int, tuple[Decimal, Decimal]] = {}
        for x in self.lines:
            if x.year == year and x.credit == credit:
                c, p = found.get(x.month, (ZERO, ZERO))
                found[x.month] = (c + x.committed, p + x.paid)
        return found

    def _sum(self, year: int, credit: str, through: int, what: str) -> Decimal:
        return sum(
            (
                getattr(x, what)
                for x in self.lines
                if x.year == year and x.credit == credit and x.month <= through
            ),
            ZERO,
        )


@dataclass(frozen=True)
class ExecutionReport:
    source: str
    rows: int
    rejections: tuple[Rejection, ...] = ()
    execution: Execution | None = None  # None when a row was rejected: nothing is taken

    @property
    def ok(self) -> bool:
        return not self.rejections


@dataclass
class _Row:
    number: int
    cells: dict[str, str | None]
    problems: list[Rejection] = field(default_factory=list)


def _month(text: str, table: OpeningTable) -> tuple[int, int]:
    try:
        year_text, month_text = text.strip().split("-")
        year, month = int(year_text), int(month_text)
        if not 1 <= month <= 12 or len(year_text) != 4:
            raise ValueError
    except ValueError:
        raise BudgetError("expected a month as YYYY-MM (2014-03)") from None
    if year not in table.years:
        raise BudgetError(
            f"{year} is not a year of the budget of {table.contract_id} "
            f"({', '.join(map(str, table.years))})"
        )
    return year, month


def _line(row: _Row, table: OpeningTable, source: str) -> ExecutionLine | None:
    from pilotage.facts import Rejection

    def reject(name: str, reason: str) -> None:
        row.problems.append(Rejection(source, row.number, name, row.cells.get(name) or "", reason))

    def cell(name: str) -> str:
        return (row.cells.get(name) or "").strip()

    year = month = 0
    try:
        year, month = _month(cell("month"), table)
    except BudgetError as exc:
        reject("month", str(exc))
    amounts: dict[str, Decimal] = {}
    for name in ("committed", "paid"):
        if not cell(name):
            reject(name, "required: the month's amount in euros (0 when none)")
            continue
        try:
            amounts[name] = parse_amount(cell(name), name)
        except BudgetError as exc:
            reject(name, str(exc).removeprefix(f"{name} {cell(name)!r} "))
    credit, article = cell("credit"), cell("article")
    if not credit and not article:
        reject("article", "give the budget article (8111 ...) or the credit's code (credit column)")
    elif year and credit:
        try:
            codes = table.credit(credit, year).article_codes
            if article and article not in codes:
                shown = ", ".join(codes) or "none given in the contract"
                reject("article", f"not a budget article of the credit {credit} ({shown})")
        except BudgetError as exc:
            reject("credit", str(exc))
    elif year:
        try:
            credit = table.credit_for_article(article, year).code
        except BudgetError as exc:
            reject("article", str(exc))
    if row.problems:
        return None
    return ExecutionLine(
        year, month, credit, amounts["committed"], amounts["paid"], article, row.number
    )


def _rows(path: Path) -> tuple[str, Iterable[_Row], list[Rejection]]:
    from pilotage.facts import Rejection, source_for

    source = source_for(path)
    found: list[_Row] = []
    problems: list[Rejection] = []
    with source.open() as reading:
        header = [h.strip().lower() for h in reading.header]
        if "month" not in header or "committed" not in header or "paid" not in header:
            missing = [c for c in ("month", "committed", "paid") if c not in header]
            raise ImportFileError(
                source.name,
                f"columns missing: {', '.join(missing)}; an execution file has the columns "
                + ", ".join(COLUMNS)
                + " (article or credit, or both)",
            )
        unknown = [h for h in header if h not in COLUMNS]
        if unknown:
            raise ImportFileError(
                source.name,
                f"unknown columns: {', '.join(unknown)}; expected {', '.join(COLUMNS)}",
            )
        for chunk in reading.chunks():
            for bad in chunk.invalid:
                problems.append(Rejection(source.name, bad.row, "(row)", "", bad.detail))
            for values in chunk.table.to_pylist():
                number = int(values.pop("_row"))
                cells = {k.strip().lower(): v for k, v in values.items()}
                found.append(_Row(number, cells))
    return source.name, found, problems


def read_execution(path: Path, table: OpeningTable) -> ExecutionReport:
    """Every row of the execution file at `path`, checked against the budget of `table`."""
    from pilotage.facts import Rejection

    name, rows, problems = _rows(Path(path))
    lines: list[ExecutionLine] = []
    seen: dict[tuple[int, int, str, str], int] = {}
    count = 0
    for row in rows:
        count += 1
        line = _line(row, table, name)
        if line is None:
            problems.extend(row.problems)
            continue
        key = (line.year, line.month, line.credit, line.article)
        if key in seen:
            problems.append(
                Rejection(
                    name,
                    row.number,
                    "month",
                    row.cells.get("month") or "",
                    f"the same month and {'article' if line.article else 'credit'} as row "
                    f"{seen[key]}: one row per month and article (or credit)",
                )
            )
            continue
        seen[key] = row.number
        lines.append(line)
    if problems:
        return ExecutionReport(name, count, tuple(sorted(problems, key=lambda r: r.row)))
    return ExecutionReport(name, count, (), Execution(tuple(lines), name))
