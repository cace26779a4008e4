"""Norm tables ("TC Description OO 2019-2020 T (d) 2019-2020 %") and their rows.

Every row gives a key task (TC), its description, an operational objective (OO) and the cells:
a delay (days, "31 mai", "Année X" or "-") and a target ("90%", "≥ 95%", or a count in a
"Nombre" column). Descriptions wrap over lines; footnote numbers are glued to a code or a cell
("VOB 1 2", "Contrôle et vérification 13 ECL 5-01", "- 7 90%"). A table needs no
"Normalisation" heading above it (STA, SEC): the header line is enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotage.reading._dates import MONTHS as MONTH_NUMBERS
from pilotage.reading._outline import Outline, ref_between
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import Line, join_lines

__all__ = ["MONTHS", "NormRow", "NormTable", "parse_cells", "read_norm_tables"]

MONTHS = MONTH_NUMBERS  # "31 mai" in a delay cell; the Dutch and German names too


@dataclass
class NormRow:
    service: str  # "VOB"
    key_task: str  # "VOB 1"
    description: str
    objective: str  # "VOB 1-01"
    delay: str  # "60", "31 mai", "Année X", "-"
    value: str  # "70%", "≥ 95%", "600"
    printed: str  # "60 | 70%", "- 7 | 90%"
    line: Line
    chapter: str | None
    refs: list[str] = field(default_factory=list)
    delay_ref: str | None = None
    last: Line | None = None  # the row's last line (its cells), when it wraps


@dataclass
class NormTable:
    line: Line
    years: tuple[int, int] | None
    has_count: bool
    rows: list[NormRow] = field(default_factory=list)


_HEADER = re.compile(r"^(?:TC|KT)\s+(?:Description|Omschrijving|Beschrijving)\s+(?:OO|OD)\b")
_ROW_START = re.compile(r"^[A-Z][A-Z0-9]*[ -]\d+(?!-\d)\b")
_ROW = re.compile(
    r"^(?P<svc>[A-Z][A-Z0-9]*)[ -](?P<n>\d+)(?:\s+(?P<ref1>\d{1,2}))?\s+(?P<desc>.+?)"
    r"(?:\s+(?P<ref2>\d{1,2}))?\s+(?P<oo>(?P=svc)\s?(?P=n)-\d{2})\s+(?P<cells>.+)$"
)
_DELAY = r"-|Année X|\d{1,2}\s+(?:" + "|".join(MONTHS) + r")|\d+"
_CELLS = re.compile(
    rf"^(?P<t>{_DELAY})(?:\s+(?P<ref>\d{{1,2}}))?\s+"
    r"(?P<v>(?:[≥≤]|>=|<=)?\s*\d+(?:[.,]\d+)?\s*%?)$"
)


def parse_cells(cells: str) -> tuple[str, str | None, str] | None:
    """("- 7 90%") -> ("-", "7", "90%"): delay cell, footnote number glued to it, target cell."""
    match = _CELLS.match(cells.strip())
    if not match:
        return None
    return match.group("t"), match.group("ref"), match.group("v")


def _row(outline: Outline, lines: list[Line], report: ReviewReport) -> NormRow | None:
    text = join_lines(x.text for x in lines)
    match = _ROW.match(text)
    cells = parse_cells(match.group("cells")) if match else None
    if not match or cells is None:
        report.add(
            FindingKind.UNPARSED_ROW,
            "looks like a norm table row (TC, description, OO, T (d), %) but does not parse",
            lines[0].number,
            lines[0].page,
            text,
        )
        return None
    first = lines[0].number
    refs: list[str] = []
    desc = match.group("desc")
    for name in ("ref1", "ref2"):
        ref = match.group(name)
        if ref is None:
            continue
        if ref_between(outline.footnotes, ref, first):
            refs.append(ref)
        else:
            desc = f"{ref} {desc}" if name == "ref1" else f"{desc} {ref}"
    delay, delay_ref, value = cells
    if delay_ref is not None:
        if ref_between(outline.footnotes, delay_ref, first):
            refs.append(delay_ref)
        else:
            report.add(
                FindingKind.FOOTNOTE_UNKNOWN,
                f"number {delay_ref} glued to the delay cell calls no footnote",
                first,
                lines[0].page,
                text,
            )
    printed_delay = f"{delay} {delay_ref}" if delay_ref else delay
    svc, number = match.group("svc"), match.group("n")
    objective = re.sub(r"^([A-Z][A-Z0-9]*)\s?", r"\1 ", match.group("oo"))
    value = re.sub(r"\s+", " ", value)
    return NormRow(
        service=svc,
        key_task=f"{svc} {number}",
        description=desc,
        objective=objective,
        delay=delay,
        value=value,
        printed=f"{printed_delay} | {value}",
        line=lines[0],
        last=lines[-1],
        chapter=outline.chapter_of.get(first),
        refs=refs,
        delay_ref=delay_ref if delay_ref in refs else None,
    )


def read_norm_tables(outline: Outline, report: ReviewReport) -> list[NormTable]:
    body = outline.body
    headings = {h.line.number for h in outline.headings}
    tables: list[NormTable] = []
    i = 0
    while i < len(body):
        if not _HEADER.match(body[i].text):
            i += 1
            continue
        header_lines = [body[i]]
        j = i + 1
        while j < len(body) and not _ROW_START.match(body[j].text) and j - i < 10:
            header_lines.append(body[j])
            j += 1
        header = join_lines(x.text for x in header_lines)
        years_match = re.search(r"(\d{4})-(\d{4})", header)
        years = (int(years_match.group(1)), int(years_match.group(2))) if years_match else None
        table = NormTable(body[i], years, "Nombre" in header)
        pending: list[Line] = []
        while j < len(body):
            line = body[j]
            if any(n in headings for n in range(body[j - 1].number + 1, line.number)):
                break
            if line.blank:
                j += 1
                continue
            if _ROW_START.match(line.text) and pending:
                done = _ROW.match(join_lines(x.text for x in pending))
                if done and parse_cells(done.group("cells")):
                    row = _row(outline, pending, report)
                    if row:
                        table.rows.append(row)
                    pending = []
            if not pending and not _ROW_START.match(line.text):
                break
            pending.append(line)
            j += 1
            if len(pending) > 8:
                _row(outline, pending, report)
                pending = []
        if pending:
            row = _row(outline, pending, report)
            if row:
                table.rows.append(row)
        tables.append(table)
        i = j
    return tables
