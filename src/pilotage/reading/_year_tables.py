"""Targets per year printed as a table: a header of years, then one row per indicator.

    Indicateur                          Valeur de départ  2016   2017   2018
    Paiements dans les délais           85 %              88 %   90 %   92 %
    Indicator                                             2022   2023   2024
    Elektronische aangiften             70 %   75 %   80 %

A PDF or a Word export prints such a table line by line; each row becomes an indicator with one
target per year (the first value is a baseline when the row has one value more than the header
has years). A table flattened into one sentence ("2010 2011 2012 60 % 65 % 70 %") is read with
the sentences.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from pilotage.contract import IndicatorKind, Operator, Target, TargetUnit
from pilotage.reading._source import Line
from pilotage.reading._targets import NormFact, delay_of

__all__ = ["YearRow", "read_year_tables"]

_YEAR = r"(?:19|20)\d{2}"
_HEADER = re.compile(rf"^(?P<label>.*?)(?P<years>(?:\b{_YEAR}\b[\s|]*){{2,6}})$")
_VALUE = r"(?:[≥≤]|>=|<=)?\s*\d{1,3}(?:[.,]\d{1,2})?\s*%"
_ROW = re.compile(rf"^(?P<label>\D.*?)\s+(?P<values>(?:{_VALUE}\s*[|]?\s*){{2,7}})$")
_BASELINE = re.compile(r"départ|référence|baseline|nulmeting|uitgangs|vertrek|Ausgang", re.I)


@dataclass
class YearRow:
    line: Line
    label: str
    fact: NormFact
    baseline: Decimal | None
    header: Line


def _values(text: str) -> list[tuple[Operator, Decimal]]:
    out = []
    for value in re.findall(_VALUE, text):
        operator = Operator.LE if re.match(r"\s*(?:≤|<=)", value) else Operator.GE
        number = re.search(r"\d{1,3}(?:[.,]\d{1,2})?", value)
        assert number is not None
        out.append((operator, Decimal(number.group(0).replace(",", "."))))
    return out


def read_year_tables(lines: list[Line]) -> list[YearRow]:
    """Every row of every year table among `lines`."""
    out: list[YearRow] = []
    i = 0
    while i < len(lines):
        header = _HEADER.match(lines[i].text) if len(lines[i].text) <= 140 else None
        years = [int(y) for y in re.findall(_YEAR, header.group("years"))] if header else []
        if not header or any(b != a + 1 for a, b in itertools.pairwise(years)):
            i += 1
            continue
        baseline_column = bool(_BASELINE.search(header.group("label")))
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if line.blank:
                j += 1
                continue
            row = _ROW.match(line.text)
            values = _values(row.group("values")) if row else []
            extra = len(values) - len(years)
            if not row or extra not in (0, 1) or (extra == 1 and not baseline_column and j == i):
                break
            baseline = values[0][1] if extra == 1 else None
            targets: list[tuple[Target, int | None]] = [
                (Target(operator=op, value=v, unit=TargetUnit.PERCENT), year)
                for (op, v), year in zip(values[extra:], years, strict=True)
            ]
            label = row.group("label").strip(" |:")
            delay = delay_of(label)
            fact = NormFact(
                printed=line.text,
                kind=IndicatorKind.TIMELINESS if delay else IndicatorKind.RESULT,
                targets=targets,
                delays=[delay[0]] if delay else [],
                delay_printed=delay[1] if delay else None,
                start_event=delay[2] if delay else None,
                baseline=baseline,
            )
            out.append(YearRow(line, label, fact, baseline, lines[i]))
            j += 1
        i = max(j, i + 1)
    return out
