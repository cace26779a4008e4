"""One document of the evaluation as a document builder reads it: the draft evaluation or the
contradictory report of year N, in one numbered version, with its clocks, steps and items
(figures cited with their result set version, the narrative, both positions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from pilotage.evaluation.draft import ReportItem

__all__ = ["DocumentStep", "EvaluationDocument", "document_from_json", "document_to_json"]


@dataclass(frozen=True)
class DocumentStep:
    step: str
    on: str  # ISO day
    by: str  # username, "" from the command line


@dataclass(frozen=True)
class EvaluationDocument:
    contract_id: str
    contract_title: str
    institution: str
    year: int
    kind: str  # "draft" or "report"
    version: int
    reason: str  # why this version was opened ("" for the first)
    sent_on: str | None  # ISO day; None while it is being written
    state: str
    clocks: tuple[dict[str, Any], ...]
    steps: tuple[DocumentStep, ...]
    items: tuple[ReportItem, ...]
    demo: bool = False

    @property
    def disagreed(self) -> tuple[ReportItem, ...]:
        """The items where the parties' assessments differ: both views side by side."""
        return tuple(i for i in self.items if i.agreed is False)


_DOCUMENT = TypeAdapter(EvaluationDocument)


def document_to_json(document: EvaluationDocument) -> dict[str, Any]:
    dumped: dict[str, Any] = _DOCUMENT.dump_python(document, mode="json")
    return dumped


def document_from_json(data: dict[str, Any]) -> EvaluationDocument:
    return _DOCUMENT.validate_python(data)
