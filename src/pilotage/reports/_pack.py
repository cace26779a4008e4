"""The one service function of each pack, and the rendering of a document to a file format.

The command line, the web pages and the API call `dashboard_pack` and `evaluation_pack`; none
of them builds or renders anything itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pilotage.errors import ReportError
from pilotage.evaluation import EvaluationDocument, FigureCite
from pilotage.reports._dashboard import Scope, dashboard_document
from pilotage.reports._document import Document
from pilotage.reports._evaluation import evaluation_document
from pilotage.reports._sources import DashboardData
from pilotage.reports._words import LANGUAGES

__all__ = [
    "PACK_LANGUAGES",
    "Format",
    "Pack",
    "dashboard_pack",
    "evaluation_pack",
    "pack_language",
    "render",
]

PACK_LANGUAGES = ("fr", "nl")  # the languages a contract is signed in; "en" is for reading


class Format(StrEnum):
    DOCX = "docx"
    PDF = "pdf"

    @property
    def content_type(self) -> str:
        if self is Format.DOCX:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return "application/pdf"

    @classmethod
    def of(cls, value: str) -> Format:
        try:
            return cls(value.lower())
        except ValueError:
            choices = ", ".join(f.value for f in cls)
            raise ReportError(f"unknown report format {value!r}: choose one of {choices}") from None


def pack_language(value: str) -> str:
    """A pack's language, checked: fr, nl (or en)."""
    if value not in LANGUAGES:
        raise ReportError(
            f"unknown report language {value!r}: choose one of {', '.join(LANGUAGES)}"
        )
    return value


@dataclass(frozen=True)
class Pack:
    """A rendered pack: its bytes, the file name to save it under and its media type."""

    content: bytes
    filename: str
    format: Format

    @property
    def content_type(self) -> str:
        return self.format.content_type


def render(document: Document, fmt: Format) -> bytes:
    """A document as the bytes of a DOCX or PDF file."""
    if fmt is Format.DOCX:
        from pilotage.reports._render_docx import render_docx

        return render_docx(document)
    from pilotage.reports._render_pdf import render_pdf

    return render_pdf(document)


def _filename(*parts: str, extension: str) -> str:
    """`inasti-2019-2020_2019-Q3_VOB_dashboard_fr.pdf`: safe characters only."""
    clean = [re.sub(r"[^A-Za-z0-9.-]+", "-", p).strip("-") for p in parts if p]
    return "_".join(clean) + f".{extension}"


def dashboard_pack(
    data: DashboardData,
    fmt: Format | str,
    language: str,
    *,
    scope: Scope | None = None,
    issued: dt.date | None = None,
) -> Pack:
    """The quarterly dashboard pack of `data` as a DOCX or PDF file, in `language`."""
    fmt = fmt if isinstance(fmt, Format) else Format.of(fmt)
    scope = scope or Scope()
    document = dashboard_document(data, pack_language(language), scope=scope, issued=issued)
    name = _filename(
        data.contract.id,
        data.period,
        *scope.name_parts(),
        "dashboard",
        language,
        extension=fmt.value,
    )
    return Pack(render(document, fmt), name, fmt)


def evaluation_pack(
    document: EvaluationDocument,
    fmt: Format | str,
    language: str,
    *,
    trends: Mapping[str, Sequence[FigureCite]] | None = None,
) -> Pack:
    """One version of the draft evaluation or the contradictory report as a DOCX or PDF file."""
    fmt = fmt if isinstance(fmt, Format) else Format.of(fmt)
    built = evaluation_document(document, pack_language(language), trends=trends)
    kind = "report" if document.kind == "report" else "draft-evaluation"
    name = _filename(
        document.contract_id,
        str(document.year),
        kind,
        f"v{document.version}",
        language,
        extension=fmt.value,
    )
    return Pack(render(built, fmt), name, fmt)
