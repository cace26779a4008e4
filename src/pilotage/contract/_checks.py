"""Rules a contract must keep beyond its schema: unique codes, references that resolve, budget
tables that add up. Every rule reports all its problems; none stops at the first."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from pilotage.contract._budget import Budget, BudgetCategory, BudgetLine
from pilotage.contract._files import (
    Path_,
    Problem,
    Severity,
    format_path,
    parse_contract,
    read_document,
)
from pilotage.contract._lineage import LineageRemark
from pilotage.contract._model import Contract
from pilotage.errors import ContractFileError, ContractInvalidError

__all__ = ["BlankCell", "FileReport", "blank_cells", "check_contract", "check_file"]


@dataclass
class FileReport:
    """The outcome of checking one file."""

    file: str
    contract: Contract | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_file(path: str | Path) -> FileReport:
    """Read, validate and check one contract file, collecting every problem."""
    name = str(path)
    try:
        data, lines = read_document(Path(path))
    except ContractFileError as exc:
        return FileReport(name, problems=[Problem(name, "", exc.detail, exc.line)])
    try:
        contract = parse_contract(data, name, lines)
    except ContractInvalidError as exc:
        return FileReport(name, problems=[p for p in exc.problems if isinstance(p, Problem)])
    return FileReport(name, contract, check_contract(contract, name, lines))


def check_contract(
    contract: Contract, file: str = "<contract>", lines: dict[Path_, int] | None = None
) -> list[Problem]:
    """The rules beyond the schema, as a list of problems (errors and warnings)."""
    lines = lines or {}
    found: list[Problem] = []

    def report(
        path: Path_,
        message: str,
        value: object = None,
        expected: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), None)
        shown = None if value is None else str(value) if isinstance(value, Decimal) else repr(value)
        found.append(Problem(file, format_path(path), message, line, shown, expected, severity))

    _unique_codes(contract, report)
    _references(contract, report)
    _periods(contract, report)
    if contract.budget is not None:
        _budget(contract.budget, report)
    return found


class _Report(Protocol):
    def __call__(
        self,
        path: Path_,
        message: str,
        value: object = None,
        expected: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None: ...


def _duplicates(items: Iterable[tuple[Path_, str]], what: str, report: _Report) -> None:
    first: dict[str, Path_] = {}
    for path, code in items:
        if code in first:
            report(
                path,
                f"duplicate {what} {code!r}, already at {format_path(first[code])}",
                expected=f"each {what} once",
            )
        else:
            first[code] = path


# Top-level lists whose elements must each have their own key: (field, key, what it is called).
_UNIQUE_TOP_LEVEL = (
    ("articles", "number", "article number"),
    ("continuous_missions", "code", "continuous mission code"),
    ("projects", "code", "project code"),
    ("chapters", "number", "chapter number"),
    ("references", "id", "reference id"),
    ("common_commitments", "code", "common commitment code"),
)


def _unique_codes(c: Contract, report: _Report) -> None:
    _duplicates(
        ((("services", i, "code"), s.code) for i, s in enumerate(c.services)),
        "service code",
        report,
    )
    tasks, objectives = [], []
    for i, s in enumerate(c.services):
        for j, t in enumerate(s.key_tasks):
            tasks.append((("services", i, "key_tasks", j, "code"), t.code))
            for k, o in enumerate(t.objectives):
                objectives.append(
                    (("services", i, "key_tasks", j, "objectives", k, "code"), o.code)
                )
                _duplicates(
                    (
                        (
                            (
                                "services",
                                i,
                                "key_tasks",
                                j,
                                "objectives",
                                k,
                                "indicators",
                                n,
                                "code",
                            ),
                            ind.code,
                        )
                        for n, ind in enumerate(o.indicators)
                    ),
                    "indicator code",
                    report,
                )
    _duplicates(tasks, "key task code", report)
    _duplicates(objectives, "objective code", report)
    for name, key, what in _UNIQUE_TOP_LEVEL:
        items = getattr(c, name)
        _duplicates((((name, i, key), getattr(x, key)) for i, x in enumerate(items)), what, report)
    for i, a in enumerate(c.articles):
        _duplicates(
            ((("articles", i, "actions", j, "number"), x.number) for j, x in enumerate(a.actions)),
            f"action number in article {a.number}",
            report,
        )
    if c.budget is not None:
        codes = []
        for i, top in enumerate(c.budget.lines):
            for path, line in _walk_lines(top, ("budget", "lines", i)):
                codes.append(((*path, "code"), line.code))
        _duplicates(codes, "budget line code", report)


def _walk_lines(line: BudgetLine, path: Path_) -> Iterator[tuple[Path_, BudgetLine]]:
    yield path, line
    for i, child in enumerate(line.children):
        yield from _walk_lines(child, (*path, "children", i))


def _lineage(c: Contract) -> Iterator[tuple[Path_, LineageRemark]]:
    for i, ch in enumerate(c.chapters):
        for j, r in enumerate(ch.lineage):
            yield ("chapters", i, "lineage", j), r
    for i, s in enumerate(c.services):
        for j, r in enumerate(s.lineage):
            yield ("services", i, "lineage", j), r
        for k, t in enumerate(s.key_tasks):
            for j, r in enumerate(t.lineage):
                yield ("services", i, "key_tasks", k, "lineage", j), r
            for n, o in enumerate(t.objectives):
                for j, r in enumerate(o.lineage):
                    yield ("services", i, "key_tasks", k, "objectives", n, "lineage", j), r
    for i, a in enumerate(c.articles):
        for j, r in enumerate(a.origin):
            yield ("articles", i, "origin", j), r
    for i, m in enumerate(c.continuous_missions):
        for j, r in enumerate(m.origin):
            yield ("continuous_missions", i, "origin", j), r
    for i, p in enumerate(c.projects):
        for j, r in enumerate(p.lineage):
            yield ("projects", i, "lineage", j), r


def _references(c: Contract, report: _Report) -> None:
    known = {r.id for r in c.references} | {c.id}
    listing = ", ".join(sorted(known))
    if c.amends and c.amends not in known:
        report(
            ("amends",),
            "the amended contract is not listed in references",
            c.amends,
            f"one of: {listing}",
        )
    for path, remark in _lineage(c):
        if remark.document and remark.document not in known:
            report(
                (*path, "document"),
                "lineage names a document not listed in references",
                remark.document,
                f"one of: {listing}",
            )
    services = {s.code for s in c.services}
    for i, s in enumerate(c.services):
        for k, t in enumerate(s.key_tasks):
            for n, tr in enumerate(t.transfers):
                if tr.to_service not in services:
                    report(
                        ("services", i, "key_tasks", k, "transfers", n, "to_service"),
                        "transfer to a service that the contract does not define",
                        tr.to_service,
                        f"one of: {', '.join(sorted(services))}",
                    )
    strategy = c.strategy
    domains = {d.code for d in strategy.domains} if strategy else set()
    axes = {a.code for a in strategy.axes} if strategy else set()
    categories = {m.code for m in strategy.mission_categories} if strategy else set()
    numbers = {a.number for a in c.articles}
    for i, a in enumerate(c.articles):
        if a.parent is not None and a.parent not in numbers:
            report(
                ("articles", i, "parent"),
                "the parent article is not in the contract",
                a.parent,
                f"one of: {', '.join(sorted(numbers))}",
            )
        if a.domain is not None and a.domain not in domains:
            report(
                ("articles", i, "domain"),
                "unknown strategic domain",
                a.domain,
                f"one of: {', '.join(sorted(domains)) or '(strategy.domains is empty)'}",
            )
        for j, code in enumerate(a.axes):
            if code not in axes:
                report(
                    ("articles", i, "axes", j),
                    "unknown axis",
                    code,
                    f"one of: {', '.join(sorted(axes)) or '(strategy.axes is empty)'}",
                )
        for j, code in enumerate(a.cadre):
            if code not in categories:
                report(
                    ("articles", i, "cadre", j),
                    "unknown mission category",
                    code,
                    f"one of: {', '.join(sorted(categories)) or '(none defined)'}",
                )


def _periods(c: Contract, report: _Report) -> None:
    start, end = c.period.start, c.period.end
    assert end is not None
    for i, s in enumerate(c.services):
        for k, t in enumerate(s.key_tasks):
            for n, o in enumerate(t.objectives):
                base: Path_ = ("services", i, "key_tasks", k, "objectives", n)
                for m, ind in enumerate(o.indicators):
                    for q, norm in enumerate(ind.norms):
                        v = norm.valid
                        if v.start < start or (v.end or end) > end:
                            report(
                                (*base, "indicators", m, "norms", q, "valid"),
                                "norm valid outside the contract period",
                                f"{v.start}..{v.end or ''}",
                                f"within {start}..{end}",
                                Severity.WARNING,
                            )
                for m, cav in enumerate(o.caveats):
                    if cav.period and not (
                        start <= cav.period.start and (cav.period.end or end) <= end
                    ):
                        report(
                            (*base, "caveats", m, "period"),
                            "caveat period outside the contract period",
                            f"{cav.period.start}..{cav.period.end or ''}",
                            f"within {start}..{end}",
                            Severity.WARNING,
                        )


@dataclass(frozen=True)
class BlankCell:
    """A budget cell left blank in the printed text, with the value the other cells give."""

    path: Path_
    code: str
    year: int
    derived: Decimal | None
    how: str


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


def blank_cells(budget: Budget) -> list[BlankCell]:
    """Every blank cell, derived from its sub-lines or from the total and the other lines."""
    cells = []
    for i, top in enumerate(budget.lines):
        for path, line in _walk_lines(top, ("budget", "lines", i)):
            for year, amount in line.amounts.items():
                if amount is not None:
                    continue
                derived, how = None, "cannot be derived: other cells are blank too"
                if line.children:
                    derived = _sum(ch.amounts[year] for ch in line.children)
                    how = "sum of its sub-lines"
                if derived is None and line in budget.lines:
                    others = _sum(x.amounts[year] for x in budget.lines if x is not line)
                    total = budget.total[year]
                    if others is not None and total is not None:
                        derived, how = total - others, "total minus the other categories"
                cells.append(BlankCell((*path, "amounts", year), line.code, year, derived, how))
    return cells


def _budget(budget: Budget, report: _Report) -> None:
    for cell in blank_cells(budget):
        report(
            cell.path,
            f"blank in the printed text; {cell.how} gives "
            f"{cell.derived if cell.derived is not None else '?'}",
            None,
            "a reviewed value, or keep it blank and flagged",
            Severity.WARNING,
        )
    for i, top in enumerate(budget.lines):
        for path, line in _walk_lines(top, ("budget", "lines", i)):
            if not line.children:
                continue
            for year in budget.years:
                own = line.amounts[year]
                parts = _sum(ch.amounts[year] for ch in line.children)
                if own is not None and parts is not None and own != parts:
                    report(
                        (*path, "amounts", year),
                        f"sub-lines add up to {parts}, not to the line's {own}",
                        own,
                        f"{parts} (or correct a sub-line)",
                    )
    for year in budget.years:
        total = budget.total[year]
        cats = [line.amounts[year] for line in budget.lines]
        filled = [c for c in cats if c is not None]
        if total is None:
            continue
        if len(filled) == len(cats) and sum(filled, Decimal(0)) != total:
            report(
                ("budget", "total", year),
                f"categories add up to {sum(filled, Decimal(0))}, not to the total {total}",
                total,
                str(sum(filled, Decimal(0))),
            )
        cap = budget.statutory_personnel_cap.get(year)
        personnel = [
            ln.amounts[year] for ln in budget.lines if ln.category == BudgetCategory.PERSONNEL
        ]
        if cap is not None and personnel and personnel[0] is not None and cap > personnel[0]:
            report(
                ("budget", "statutory_personnel_cap", year),
                f"the statutory personnel cap exceeds the personnel credit {personnel[0]}",
                cap,
                f"at most {personnel[0]}",
                Severity.WARNING,
            )
