"""The continuous-missions table (INAMI art. 36: ORIGINE | Processus | Action | Date limite).

The Word export prints it cell by cell: a service group ("SSS"), the origin cell
("CA2006-2008 : art.32"), the process, the action(s) and the deadline(s), each a run of lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotage.reading._source import Line, join_lines

__all__ = ["MissionRow", "missions_lines", "read_missions"]


@dataclass
class MissionRow:
    number: str
    service: str | None
    origin: str
    process: str
    actions: list[str]
    deadlines: list[str]
    line: Line
    origins: list[tuple[str, str]] = field(default_factory=list)  # ("CA2006-2008", "32")


_HEADER = re.compile(
    r"^(?:ORIGINE|OORSPRONG|HERKOMST)\s+(?:Processus|Proces)\s+(?:Action|Actie)\s+"
    r"(?:Date limite|Uiterste datum|Deadline)",
    re.IGNORECASE,
)
_ORIGIN = re.compile(
    r"^((?:CA\s?\d{4}-\d{4}|BO\s?\d{4}-\d{4}|Av\.\s?\d{4}|Aanh\.\s?\d{4})\s*:\s*art\.\s*\w+)"
    r"\s*(.*)$"
)
_SERVICE = re.compile(r"^[A-Z]{2,6}$")
_DEADLINE = re.compile(
    r"^(Semestriel|Annuel|Trimestriel|Mensuel|Tous les|Pour la fin|Chaque|Halfjaarlijks|"
    r"Jaarlijks|Driemaandelijks|Maandelijks|Om de|Tegen het einde|Elk)"
)


def read_missions(body: list[Line], article: str = "36") -> list[MissionRow]:
    start = next((i for i, x in enumerate(body) if _HEADER.match(x.text)), None)
    if start is None:
        return []
    cells: list[list[Line]] = []
    for line in body[start + 1 :]:
        if re.match(r"^(TITRE [IVXLC]+|TITEL [IVXLC]+|Article \d|Artikel \d)", line.text):
            break
        if line.blank:
            if cells and cells[-1]:
                cells.append([])
            continue
        if not cells:
            cells.append([])
        cells[-1].append(line)
    rows: list[MissionRow] = []
    service: str | None = None
    current: dict[str, list[str]] | None = None
    current_line: Line | None = None
    origin_text: list[str] = []

    def close() -> None:
        if current is None or current_line is None:
            return
        number = f"{article}.{len(rows) + 1}"
        rows.append(
            MissionRow(
                number,
                service,
                "; ".join(origin_text),
                join_lines(current["process"]),
                [join_lines([a]) for a in current["actions"]],
                [join_lines([d]) for d in current["deadlines"]],
                current_line,
                [
                    (m.group(1).replace(" ", ""), m.group(2))
                    for o in origin_text
                    for m in [re.match(r"^(\S+)\s*:\s*art\.\s*(\w+)", o)]
                    if m
                ],
            )
        )

    for cell in (c for c in cells if c):
        first = cell[0].text
        if _SERVICE.match(first) and len(cell) == 1:
            close()
            current = None
            service = first
            continue
        origin = _ORIGIN.match(first)
        if origin:
            close()
            current = {"process": [], "actions": [], "deadlines": []}
            current_line = cell[0]
            origin_text = []
            rest: list[str] = []
            for line in cell:
                match = _ORIGIN.match(line.text)
                if match and not rest:
                    origin_text.append(match.group(1))
                    if match.group(2):
                        rest.append(match.group(2))
                else:
                    rest.append(line.text)
            if rest:
                current["process"].append(join_lines(rest))
            continue
        if current is None:
            continue
        text = join_lines(x.text for x in cell)
        if _DEADLINE.match(first):
            # a line that starts a new page inside the cell is the action cell running on
            spill = [x for x in cell[1:] if x.raw.startswith(" ") and x.text[:1].islower()]
            kept = [x for x in cell if x not in spill]
            current["deadlines"].append(join_lines(x.text for x in kept))
            if spill and current["actions"]:
                current["actions"][-1] += " " + join_lines(x.text for x in spill)
        elif not current["process"]:
            current["process"].append(text)
        elif current["deadlines"] and current["actions"]:
            current["actions"][-1] += " " + text  # a cell split by a page break
        else:
            current["actions"].append(text)
    close()
    return rows


def missions_lines(body: list[Line]) -> set[int]:
    """The lines of the continuous-missions table, header to the next title or article."""
    start = next((i for i, x in enumerate(body) if _HEADER.match(x.text)), None)
    if start is None:
        return set()
    out = set()
    for line in body[start:]:
        if line is not body[start] and re.match(
            r"^(TITRE [IVXLC]+|TITEL [IVXLC]+|Article \d|Artikel \d)", line.text
        ):
            break
        out.add(line.number)
    return out
