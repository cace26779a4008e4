"""Key-task blocks: "Tâche clé / Objectif(s) opérationnel(s) / Indicateur(s)" (INASTI chapter 2).

    Tâche clé VOB 2 Assimilation de périodes d'incapacité de travail ...
    Objectif(s) opérationnel(s) VOB 2-01 Décision prise dans les temps concernant ...
    Indicateur(s) VOB 2-01 % de décisions assimilation ... dans le délai fixé

A footnote number glued to a code ("Tâche clé DVR 18": DVR 1, footnote 8) or to a name
("société émettrice5") is split off when it calls the next footnote in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotage.reading._outline import Outline, ref_between
from pilotage.reading._source import Line, join_lines

__all__ = ["KeyTaskBlock", "read_key_task_blocks"]


@dataclass
class KeyTaskBlock:
    key_task: str  # "VOB 2"
    key_task_name: str
    objective: str  # "VOB 2-01"
    objective_name: str
    indicator: str
    indicator_name: str
    line: Line  # the "Tâche clé" line
    objective_line: Line
    indicator_line: Line
    refs: list[str] = field(default_factory=list)
    task_refs: list[str] = field(default_factory=list)  # called from the key task's code


# French and Dutch words of the same blocks ("Kerntaak", "Operationele doelstelling(en)")
_TASK = re.compile(r"^(?:Tâche clé|Kerntaak|Kernaufgabe)\s+([A-Z][A-Z0-9]*)[ -](\d+)\s*(.*)$")
_OBJECTIVE = re.compile(
    r"^(?:Objectif\(s\) opérationnel\(s\)|Objectifs? opérationnels?|Operationele "
    r"doelstelling(?:\(en\)|en)?|Operatives? Ziel(?:\(e\)|e)?)\s+([A-Z][A-Z0-9]*)\s?(\d+)-(\d{2})"
    r"\s*(.*)$"
)
_INDICATOR = re.compile(
    r"^(?:Indicateur\(s\)|Indicateurs?|Indicator(?:\(en\)|en)?|Indikator(?:\(en\)|en)?)\s+"
    r"([A-Z][A-Z0-9]*)\s?(\d+)-(\d{2})\s*(.*)$"
)
_GLUED_REF = re.compile(r"(?<=[^\s\d])(\d{1,2})$")


def _split_ref(outline: Outline, text: str, line: int, refs: list[str]) -> str:
    match = _GLUED_REF.search(text.rstrip())
    if match and ref_between(outline.footnotes, match.group(1), line):
        refs.append(match.group(1))
        return text.rstrip()[: match.start()].rstrip()
    return text


def _contiguous(a: Line, b: Line, removed: set[int]) -> bool:
    return not any(n in removed for n in range(a.number + 1, b.number))


def read_key_task_blocks(outline: Outline) -> list[KeyTaskBlock]:
    body = outline.body
    removed = {h.line.number for h in outline.headings}
    blocks: list[KeyTaskBlock] = []
    i = 0
    while i < len(body):
        task = _TASK.match(body[i].text)
        if not task:
            i += 1
            continue
        refs: list[str] = []
        task_refs: list[str] = []
        svc, number, rest = task.groups()
        if len(number) > 1 and ref_between(outline.footnotes, number[1:], body[i].number):
            refs.append(number[1:])
            task_refs = [number[1:]]
            number = number[0]
        task_line = body[i]
        parts = [rest]
        j = i + 1
        while j < len(body) and not _OBJECTIVE.match(body[j].text):
            if _TASK.match(body[j].text) or j - i > 12:
                break
            parts.append(body[j].text)
            j += 1
        if j >= len(body) or not _OBJECTIVE.match(body[j].text):
            i = j
            continue
        objective = _OBJECTIVE.match(body[j].text)
        assert objective is not None
        objective_line = body[j]
        o_parts = [objective.group(4)]
        k = j + 1
        while k < len(body) and not _INDICATOR.match(body[k].text) and k - j < 12:
            o_parts.append(body[k].text)
            k += 1
        indicator = _INDICATOR.match(body[k].text) if k < len(body) else None
        if indicator is None:
            i = k
            continue
        indicator_line = body[k]
        i_parts = [indicator.group(4)]
        m = k + 1
        while (
            m < len(body)
            and not body[m].blank
            and _contiguous(body[m - 1], body[m], removed)
            and not _TASK.match(body[m].text)
        ):
            i_parts.append(body[m].text)
            m += 1
        o_code = f"{objective.group(1)} {objective.group(2)}-{objective.group(3)}"
        i_code = f"{indicator.group(1)} {indicator.group(2)}-{indicator.group(3)}"
        blocks.append(
            KeyTaskBlock(
                key_task=f"{svc} {number}",
                key_task_name=_split_ref(outline, join_lines(parts), task_line.number, refs),
                objective=o_code,
                objective_name=_split_ref(
                    outline, join_lines(o_parts), objective_line.number, refs
                ),
                indicator=i_code,
                indicator_name=_split_ref(
                    outline, join_lines(i_parts), indicator_line.number, refs
                ),
                line=task_line,
                objective_line=objective_line,
                indicator_line=indicator_line,
                refs=refs,
                task_refs=task_refs,
            )
        )
        i = m
    return blocks
