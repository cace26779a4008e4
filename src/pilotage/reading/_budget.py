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

from pilotage.contract import BudgetCategory
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import Line, join_lines

__all__ = ["BudgetRow", "BudgetTable", "category_of", "read_budget", "read_personnel_caps"]


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


_AMOUNT = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_HEADER = re.compile(r"^(?P<label>.*?)\s*(?P<years>(?:(?:19|20)\d{2}\s*(?:\(\d\)\s*)*){1,})$")
_BUDGET_WORDS = re.compile(
    r"budget de gestion|beheersbegroting|budget|begroting|haushalt|crédits de gestion", re.I
)
_SCALE_WORDS = re.compile(r"milliers? d['’]euros|en k€|duizend euro|x 1\.?000|in tausend", re.I)
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


def category_of(label: str) -> BudgetCategory:
    """The category a label names, in French, Dutch or German."""
    low = label.lower()
    if re.search(r"non[- ]limitati|niet[- ]limitatie|nicht[- ]limitativ", low):
        return BudgetCategory.NON_LIMITATIVE
    if re.search(r"personnel|personeel|personal", low):
        return BudgetCategory.PERSONNEL
    if re.search(r"investissement|investering|investition", low):
        if re.search(r"informati|ict|\bit\b", low):
            return BudgetCategory.INVESTMENTS_IT
        if re.search(r"immobili|onroerend|vastgoed|gebouw|immobilien", low):
            return BudgetCategory.INVESTMENTS_REAL_ESTATE
        if re.search(r"mobilier|roerend|meubilair|mobiliar", low):
            return BudgetCategory.INVESTMENTS_MOVABLE
        return BudgetCategory.INVESTMENTS
    if re.search(r"ordinaire|gewone|ordentlich", low):
        return BudgetCategory.OPERATING_ORDINARY
    if low.strip() in {"informatique", "informatica", "ict", "informatik"}:
        return BudgetCategory.OPERATING_IT
    if re.search(r"fonctionnement|werking|betrieb|funktionier", low):
        return BudgetCategory.OPERATING
    return BudgetCategory.OTHER


def _amount(text: str, scale: int = 1) -> Decimal:
    """ "55.603.297" or "55 603 297"; "1.234,5" thousands with a decimal comma."""
    plain = re.sub(r"[.\s\u202f]", "", text).replace(",", ".")
    value = Decimal(plain) * scale
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _split(text: str, count: int = 0) -> tuple[str, list[str]]:
    """The label and the trailing figures of a row; figures printed with spaces as thousands
    separators ("55 603 297 55 603 297") are regrouped into `count` amounts."""
    numbers: list[str] = []
    while True:
        match = _TRAILING.search(text)
        if not match:
            break
        numbers.insert(0, match.group(1))
        text = text[: match.start()]
    if count and len(numbers) > count and all(len(n) <= 3 and n.isdigit() for n in numbers):
        regrouped = _regroup(numbers, count)
        if regrouped is not None:
            numbers = regrouped
    return text.strip(), numbers


def _regroup(groups: list[str], count: int) -> list[str] | None:
    """Digit groups into `count` amounts, each a 1-3 digit group then 3-digit groups; the split
    with the most even sizes wins, as the columns of one table hold amounts of one magnitude."""
    best: tuple[int, list[str]] | None = None

    def walk(i: int, parts: list[list[str]]) -> None:
        nonlocal best
        if len(parts) == count:
            if i == len(groups):
                sizes = [len(p) for p in parts]
                spread = max(sizes) - min(sizes)
                if best is None or spread < best[0]:
                    best = (spread, [" ".join(p) for p in parts])
            return
        for j in range(i + 1, len(groups) + 1):
            if all(len(g) == 3 for g in groups[i + 1 : j]):
                walk(j, [*parts, groups[i:j]])

    walk(0, [])
    return best[1] if best is not None else None


def _one_year_header(lines: list[Line], i: int, label: str, context: str) -> bool:
    """A one-year table's header: a short line under a budget title, its label not a sentence
    ("... pour les années 2019 et 2020" is one), a row of the table right below it."""
    text = lines[i].text
    if len(text) > 70 or re.search(r"[.;]\s", text) or not _BUDGET_WORDS.search(context[-300:]):
        return False
    if re.search(r"\b(?:et|en|and|und|années|jaren|exercices?|pour|voor|à|au)\s*$", label, re.I):
        return False
    below = next((x for x in lines[i + 1 : i + 4] if not x.blank), None)
    if below is None:
        return False
    return bool(_TRAILING.search(below.text)) or category_of(below.text) is not BudgetCategory.OTHER


def _find_header(lines: list[Line], start: int) -> tuple[int, list[int], int] | None:
    """The header row of the management budget table: its years, and the scale of its figures
    (1000 when they are "en milliers d'euros" / "in duizend euro")."""
    for i in range(start, len(lines)):
        match = _HEADER.match(lines[i].text)
        if not match:
            continue
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", match.group("years"))]
        context = join_lines(x.text for x in lines[max(0, i - 8) : i + 1])
        consecutive = all(b == a + 1 for a, b in itertools.pairwise(years))
        if len(years) == 1 and not _one_year_header(lines, i, match.group("label"), context):
            continue
        if consecutive and (
            "budget de gestion" in context.lower()
            or "beheersbegroting" in context.lower()
            or (len(years) == 1 and _BUDGET_WORDS.search(context))
        ):
            return i, years, 1000 if _SCALE_WORDS.search(context) else 1
    return None


def read_budget(lines: list[Line], report: ReviewReport) -> BudgetTable | None:
    found = _find_header(lines, 0)
    if found is None:
        return None
    start, years, scale = found
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
        category = category_of(label)
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
        label, numbers = _split(text, n)
        if label.endswith("-") and not numbers:
            carry, carry_line = label, line
            continue
        if re.match(r"(?:total|totaal|gesamt|summe)", label.lower()):
            total = {y: _amount(v, scale) for y, v in zip(years, numbers, strict=False)}
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
                y: _amount(v, scale) for y, v in zip(years, numbers, strict=False)
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
                        {
                            y: _amount(queue[c * len(pending) + p], scale)
                            for c, y in enumerate(years)
                        },
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
                # the line that prints the first amount, the sentence's own
                printed = next((x for x in lines[i : i + 4] if _CAP.search(x.text)), None)
                amount = next((x for x in lines[i : i + 4] if re.search(_AMOUNT, x.text)), line)
                return caps, printed or amount
    return {}, None
