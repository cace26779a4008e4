"""Action deadlines through the legal-time parser, keeping the printed text."""

from __future__ import annotations

import datetime as dt
import re

from pilotage.contract import Deadline, DeadlineForm
from pilotage.errors import PilotageError
from pilotage.legaltime import to_contract_deadline
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import Line

__all__ = ["read_deadline"]

_PREFIX = re.compile(r"^(Dates?)[\s-]*(limites?)\s*:", re.IGNORECASE)  # NL: "Uiterste datum :"


def _parse(text: str) -> Deadline:
    try:
        return to_contract_deadline(text)
    except PilotageError as exc:
        return Deadline(printed=text, form=DeadlineForm.UNSTRUCTURED, diagnosis=str(exc))


def _valid_dates(body: str) -> list[dt.date]:
    """The dates of a list that do exist, when another one of the list does not."""
    out: list[dt.date] = []
    for part in re.split(r"[;,]", re.sub(r"\([^)]*\)", "", body)):
        if not part.strip():
            continue
        parsed = _parse(f"Date limite : {part.strip()}")
        if parsed.form is DeadlineForm.DATE:
            out += parsed.dates
    return sorted(out)


def read_deadline(printed: str, line: Line | None, report: ReviewReport) -> Deadline:
    """`printed` ("Date-limite : 31 janvier 2013.") as a contract deadline; doubts reported."""
    # "Date-limite" is the same words as "Date limite"; the parser knows the latter
    normal = _PREFIX.sub(lambda m: f"{m.group(1)} {m.group(2)} :", printed, count=1)
    deadline = _parse(normal).model_copy(update={"printed": printed})
    where = (line.number if line else None, line.page if line else None)
    if deadline.form is DeadlineForm.INVALID:
        body = _PREFIX.sub("", printed, count=1)
        deadline = deadline.model_copy(update={"dates": _valid_dates(body)})
        report.add(
            FindingKind.IMPOSSIBLE_DATE,
            f"{deadline.diagnosis or 'a date that does not exist'}; kept as printed, not guessed",
            *where,
            printed,
        )
    elif deadline.form is DeadlineForm.UNSTRUCTURED:
        report.add(
            FindingKind.UNSTRUCTURED_DEADLINE,
            f"deadline kept as printed: {deadline.diagnosis}",
            *where,
            printed,
        )
    return deadline
