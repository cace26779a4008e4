"""Budget tables ("Budget de gestion"): categories and "dont :" sub-categories per year, every
sum checked, a blank cell derived from the others and flagged; the statutory personnel caps.

Word exports print such a table row by row ("Dépenses de personnel 55.603.297 55.603.297") or
column by column (the labels of a group, then each year's column of figures); both are read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from pilotage.contract.budget import BudgetCategory
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import Line, join_lines

__all__ = ["BudgetRow", "BudgetTable", "read_budget", "read_personnel_caps"]


@dataclass
class BudgetRow:
    code: str
    label: str
    category: BudgetCategory
    amounts: dict[int, Decimal | None]
    line: Line
    children: list[BudgetRow] = field(default_factory=list)


@dataclass
class BudgetTable:
    line: Line
    years: list[int]
    rows: list[BudgetRow]
    total: dict[int, Decimal | None]
    total_line: Line | None
    prices_of: dict[int, int]
    notes: list[str]
    derived: dict[tuple[str, int], Decimal] = field(default_factory=dict)


_AMOUNT = r"\d{1,3}(?:\.\d{3})+|\d+"
_HEADER = re.compile(r"^(?P<label>.*?)\s*(?P<years>(?:(?:19|20)\d{2}\s*(?:\(\d\)\s*)*){2,})$")
_TRAILING = re.compile(rf"(?:\s+|^)({_AMOUNT})$")
_CODES = {
    BudgetCategory.PERSONNEL: "personnel",
    BudgetCategory.OPERATING: "operating",
    BudgetCategory.OPERATING_ORDINARY: "operating.ordinary",
    BudgetCategory.OPERATING_IT: "operating.it",
    BudgetCategory.INVESTMENTS: "investments",
    BudgetCategory.INVESTMENTS_MOVABLE: "investments.movable",
    BudgetCategory.INVESTMENTS_IT: "investments.it",
    BudgetCategory.INVESTMENTS_REAL_ESTATE: "investments.real_estate",
    BudgetCategory.NON_LIMITATIVE: "non_limitative",
}
_CHILDREN = {
    BudgetCategory.OPERATING_ORDINARY,
    BudgetCategory.OPERATING_IT,
    BudgetCategory.INVESTMENTS_MOVABLE,
    BudgetCategory.INVESTMENTS_IT,
    BudgetCategory.INVESTMENTS_REAL_ESTATE,
}


def _category(label: str) -> BudgetCategory:
    low = label.lower()
    if "non-limitati" in low or "non limitati" in low:
        return BudgetCategory.NON_LIMITATIVE
    if "personnel" in low:
        return BudgetCategory.PERSONNEL
    if "investissement" in low:
        if "informatique" in low:
            return BudgetCategory.INVESTMENTS_IT
        if "immobilier" in low:
            return BudgetCategory.INVESTMENTS_REAL_ESTATE
        if "mobilier" in low:
            return BudgetCategory.INVESTMENTS_MOVABLE
        return BudgetCategory.INVESTMENTS
    if "ordinaire" in low:
        return BudgetCategory.OPERATING_ORDINARY
    if low.strip() == "informatique":
        return BudgetCategory.OPERATING_IT
    if "fonctionnement" in low:
        return BudgetCategory.OPERATING
    return BudgetCategory.OTHER


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(".", ""))


def _split(text: str) -> tuple[str, list[str]]:
    numbers: list[str] = []
    while True:
        match = _TRAILING.search(text)
        if not match:
            break
        numbers.insert(0, match.group(1))
        text = text[: match.start()]
    return text.strip(), numbers


def _find_header(lines: list[Line], start: int) -> tuple[int, list[int]] | None:
    for i in range(start, len(lines)):
        match = _HEADER.match(lines[i].text)
        if not match:
            continue
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", match.group("years"))]
        context = join_lines(x.text for x in lines[max(0, i - 8) : i]).lower()
        consecutive = all(b == a + 1 for a, b in itertools.pairwise(years))
        if consecutive and "budget de gestion" in context:
            return i, years
    return None


def read_budget(lines: list[Line], report: ReviewReport) -> BudgetTable | None:
    found = _find_header(lines, 0)
    if found is None:
        return None
    start, years = found
    n = len(years)
    rows: list[BudgetRow] = []
    pending: list[tuple[str, Line]] = []
    queue: list[str] = []
    total: dict[int, Decimal | None] = dict.fromkeys(years)
    total_line: Line | None = None
    carry = ""
    carry_line: Line | None = None
    end = start + 1

    def add_row(label: str, line: Line, amounts: dict[int, Decimal | None]) -> None:
        category = _category(label)
        code = _CODES.get(category, re.sub(r"\W+", "_", label.lower()).strip("_"))
        row = BudgetRow(code, label, category, amounts, line)
        if category in _CHILDREN and rows:
            rows[-1].children.append(row)
        else:
            rows.append(row)

    for k in range(start + 1, min(len(lines), start + 80)):
        line = lines[k]
        end = k
        text = re.sub(r"^(dont|Dont)\s*:\s*", "", line.text).strip()
        if not text:
            continue
        if carry:
            text = join_lines([carry, text])
            line = carry_line or line
            carry = ""
        label, numbers = _split(text)
        if label.endswith("-") and not numbers:
            carry, carry_line = label, line
            continue
        if label.lower().startswith("total"):
            total = {y: _amount(v) for y, v in zip(years, numbers, strict=False)}
            total |= dict.fromkeys(years[len(numbers) :])
            total_line = line
            break
        if label and numbers:
            if pending:
                report.add(
                    FindingKind.UNPARSED_ROW,
                    f"budget labels {[p[0] for p in pending]} have no figures",
                    pending[0][1].number,
                    pending[0][1].page,
                )
                pending = []
            amounts: dict[int, Decimal | None] = {
                y: _amount(v) for y, v in zip(years, numbers, strict=False)
            }
            amounts |= dict.fromkeys(years[len(numbers) :])
            add_row(label, line, amounts)
        elif label:
            pending.append((label, line))
        else:
            queue += numbers
            if pending and len(queue) == len(pending) * n:
                for p, (plabel, pline) in enumerate(pending):
                    add_row(
                        plabel,
                        pline,
                        {y: _amount(queue[c * len(pending) + p]) for c, y in enumerate(years)},
                    )
                pending, queue = [], []
    prices_of: dict[int, int] = {}
    note_text: list[str] = []
    for x in lines[end + 1 : end + 14]:
        if x.blank:
            if len(join_lines(note_text)) > 5:
                break
            continue
        if re.match(r"^\(\d\)", x.text) or note_text:
            note_text.append(x.text)
    joined = join_lines(note_text)
    for sentence in re.split(r"\(\d\)", joined):
        match = re.search(r"calcul en prix de\s+(\d{4})", sentence)
        if match:
            base = int(match.group(1))
            for year in re.findall(r"\b(?:19|20)\d{2}\b", sentence[: match.start()]):
                prices_of[int(year)] = base
    notes = [x.strip() for x in re.findall(r"\(\d\)\s*(?:[^(]|\((?!\d\)))+", joined)]
    table = BudgetTable(lines[start], years, rows, total, total_line, prices_of, notes)
    _check(table, report)
    return table


def _check(table: BudgetTable, report: ReviewReport) -> None:
    """Sub-categories add up to their category, categories to the total; blanks are derived."""

    def settle(
        whole: dict[int, Decimal | None],
        parts: list[dict[int, Decimal | None]],
        what: str,
        line: Line | None,
        key: str,
    ) -> None:
        for year in table.years:
            values = [p[year] for p in parts]
            known = [v for v in values if v is not None]
            if whole[year] is None and len(known) == len(values):
                derived = sum(known, Decimal(0))
                table.derived[(key, year)] = derived
                report.add(
                    FindingKind.BLANK_CELL,
                    f"{what} {year} is blank; derived from its parts: {derived}",
                    line.number if line else None,
                    line.page if line else None,
                )
            elif whole[year] is not None and len(known) == len(values):
                total = sum(known, Decimal(0))
                if total != whole[year]:
                    report.add(
                        FindingKind.SUM_MISMATCH,
                        f"{what} {year}: printed {whole[year]}, its parts add up to {total}",
                        line.number if line else None,
                        line.page if line else None,
                    )
            elif whole[year] is not None and len(known) == len(values) - 1:
                missing = whole[year] - sum(known, Decimal(0))  # type: ignore[operator]
                report.add(
                    FindingKind.BLANK_CELL,
                    f"a part of {what} {year} is blank; derived: {missing}",
                    line.number if line else None,
                    line.page if line else None,
                )

    for row in table.rows:
        if row.children:
            settle(row.amounts, [c.amounts for c in row.children], row.label, row.line, row.code)
    tops: list[dict[int, Decimal | None]] = []
    for row in table.rows:
        filled = dict(row.amounts)
        for year in table.years:
            if filled[year] is None and (row.code, year) in table.derived:
                filled[year] = table.derived[(row.code, year)]
        tops.append(filled)
    settle(table.total, tops, "Total", table.total_line, "total")


_CAP = re.compile(
    rf"({_AMOUNT})\s*(?:€|euros?|EUR)\s+pour\s+l[’']exercice\s+((?:19|20)\d{{2}})", re.IGNORECASE
)


def read_personnel_caps(lines: list[Line]) -> tuple[dict[int, Decimal], Line | None]:
    """The caps of "le montant maximal des crédits de personnel statutaire est fixé à X € pour
    l'exercice N, à Y € pour l'exercice N+1"."""
    for i, line in enumerate(lines):
        window = join_lines(x.text for x in lines[i : i + 4])
        if "personnel statutaire est fixé" in window and "personnel" in line.text:
            caps = {int(y): _amount(v) for v, y in _CAP.findall(window)}
            if caps:
                return caps, line
    return {}, None
