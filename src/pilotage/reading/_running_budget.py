"""A budget stated in running text, when the document prints no budget table.

Each allocation read in a sentence is one budget line for the year(s) it names ("annuel": every
year of the contract); the other years stay blank, which `pilotage contract check` flags. An
amount for the whole term, a ceiling or a floor is kept as a note of the budget, in its words.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from pilotage.contract import Budget, BudgetLine, LocalText
from pilotage.reading._amounts import AmountFact, is_bound
from pilotage.reading._budget import category_of
from pilotage.reading._carriers import Unit
from pilotage.reading._passage import Sentence
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import provenance

__all__ = ["running_budget"]


def _text(value: str, language: str) -> LocalText:
    return LocalText.model_validate({language if language in ("fr", "nl", "de") else "fr": value})


def running_budget(
    amounts: list[tuple[AmountFact, Sentence, Unit]],
    period: tuple[dt.date, dt.date] | None,
    language: str,
    report: ReviewReport,
) -> tuple[Budget | None, set[int]]:
    """The budget the sentences give, and the lines they were read from."""
    contract_years = list(range(period[0].year, period[1].year + 1)) if period else []
    lines: list[tuple[AmountFact, Sentence, Unit, list[int]]] = []
    notes: list[str] = []
    used: set[int] = set()
    for fact, sentence, unit in amounts:
        if not fact.allocation:
            continue
        where = sentence.line_of(fact.position)
        years = contract_years if fact.years is None else fact.years
        if fact.whole_term or is_bound(sentence.text, fact) or not years:
            if sentence.text not in notes:
                notes.append(sentence.text)
            used.add(where.number)
            continue
        lines.append((fact, sentence, unit, years))
        used.add(where.number)
    if not lines:
        if notes:
            report.add(
                FindingKind.UNPLACED,
                f"{len(notes)} amount(s) in running text with no year of their own (for the "
                "whole term, a ceiling or a floor): no budget line, kept in the review report",
            )
        return None, set()
    all_years = sorted({y for *_, years in lines for y in years})
    codes: dict[str, int] = {}
    out: list[BudgetLine] = []
    for fact, sentence, unit, years in lines:
        where = sentence.line_of(fact.position)
        base = re.sub(r"[^a-z0-9]+", "_", (fact.label or "amount").lower()).strip("_")[:30]
        codes[base] = codes.get(base, 0) + 1
        code = base if codes[base] == 1 else f"{base}_{codes[base]}"
        cells: dict[int, Decimal | None] = {
            y: (fact.amount if y in years else None) for y in all_years
        }
        out.append(
            BudgetLine(
                code=code,
                label=_text(sentence.text, language),
                category=category_of(fact.label),
                amounts=cells,
                source=provenance(where, unit.number),
            )
        )
    first = lines[0][1].line_of(lines[0][0].position)
    report.add(
        FindingKind.GUESS,
        f"no budget table: {len(out)} budget line(s) read from sentences that grant an amount, "
        "each for the year it names; years a sentence does not name are left blank",
        first.number,
        first.page,
    )
    budget = Budget(
        years=all_years,
        lines=out,
        total=dict.fromkeys(all_years),
        notes=[_text(n, language) for n in notes],
        source=provenance(lines[0][1].line, lines[0][2].number),
    )
    return budget, used
