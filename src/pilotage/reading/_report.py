"""The review report: every warning met while reading, each with its place in the source."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Finding", "FindingKind", "ReviewReport"]


class FindingKind(StrEnum):
    IMPOSSIBLE_DATE = "impossible_date"  # "31/04/2013"
    UNSTRUCTURED_DEADLINE = "unstructured_deadline"  # kept as printed, no usable form
    SUM_MISMATCH = "sum_mismatch"  # a budget sub-total or total that does not add up
    BLANK_CELL = "blank_cell"  # a blank budget cell, derived from the others
    FOOTNOTE_LANGUAGE = "footnote_language"  # a footnote in another language than the text
    FOOTNOTE_UNKNOWN = "footnote_unknown"  # a footnote number with no footnote text
    UNPARSED_ROW = "unparsed_row"  # text that looked like a table row but did not parse
    NAME_MISMATCH = "name_mismatch"  # a key task printed with two different names
    MISSING = "missing"  # something the contract needs that the document did not give
    NO_NORM = "no_norm"  # an objective without a norm row
    CHECK = "check"  # what `pilotage contract check` says about the draft
    LOW_CONFIDENCE = "low_confidence"  # the institution or the language, read on weak evidence
    GUESS = "guess"  # a value the reader chose, with the words it came from
    UNREAD = "unread"  # a paragraph that prints a percentage, a delay, a date or an amount, no fact
    UNPLACED = "unplaced"  # facts read in a sentence that the contract has no place for here
    REPEATED = "repeated"  # an article printed twice; the first print is kept


@dataclass(frozen=True)
class Finding:
    """One warning, located: `line` (and `page` when known) in the source document."""

    kind: FindingKind
    message: str
    line: int | None = None
    page: int | None = None
    text: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "document"
        if self.page:
            where += f", page {self.page}"
        return f"{where}: {self.kind.value}: {self.message}"


@dataclass
class ReviewReport:
    """What a human must review in a draft read from a document."""

    document: str
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    identity: dict[str, Any] = field(default_factory=dict)  # what was read, how, how surely
    chapters: dict[str, dict[str, int]] = field(default_factory=dict)  # facts per chapter

    def add(
        self,
        kind: FindingKind,
        message: str,
        line: int | None = None,
        page: int | None = None,
        text: str | None = None,
    ) -> None:
        self.findings.append(Finding(kind, message, line, page, text))

    def of_kind(self, kind: FindingKind) -> list[Finding]:
        return [f for f in self.findings if f.kind is kind]

    def to_plain(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "identity": dict(self.identity),
            "counts": dict(self.counts),
            "chapters": {k: dict(v) for k, v in self.chapters.items()},
            "findings": [
                {k: (v.value if isinstance(v, StrEnum) else v) for k, v in asdict(f).items()}
                for f in sorted(self.findings, key=lambda f: (f.line or 0, f.kind.value))
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_plain(), ensure_ascii=False, indent=2, default=str) + "\n"
