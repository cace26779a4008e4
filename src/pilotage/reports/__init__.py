"""Report packs: documents built from what pilotage holds, printed as DOCX and PDF, FR and NL.

A builder turns data into a `Document` (the model in `pilotage.reports.document`); the
renderers print it as DOCX (python-docx) or PDF (WeasyPrint). The quarterly dashboard pack
(`dashboard_pack`) is the first builder, the annual evaluation and contradictory report
(`evaluation_pack`, `pilotage.reports.evaluation`) the second; docs/reports.md shows how to
write another. The figure cells are written by `pilotage.reports.figures`, which the dashboard
pages use too.
Plain Python: no Django.
"""

from __future__ import annotations

from pilotage.reports.dashboard import Scope, dashboard_document
from pilotage.reports.document import (
    Chart,
    Citation,
    Document,
    FigureTable,
    Footnote,
    Paragraph,
    Position,
    Section,
    SideBySide,
    Text,
    TitlePage,
)
from pilotage.reports.pack import (
    PACK_LANGUAGES,
    Format,
    Pack,
    dashboard_pack,
    evaluation_pack,
    pack_language,
    render,
)
from pilotage.reports.sources import DashboardData, PublishedVersion, SetChoice, from_store

__all__ = [
    "PACK_LANGUAGES",
    "Chart",
    "Citation",
    "DashboardData",
    "Document",
    "FigureTable",
    "Footnote",
    "Format",
    "Pack",
    "Paragraph",
    "Position",
    "PublishedVersion",
    "Scope",
    "Section",
    "SetChoice",
    "SideBySide",
    "Text",
    "TitlePage",
    "dashboard_document",
    "dashboard_pack",
    "evaluation_pack",
    "from_store",
    "pack_language",
    "render",
]
