"""Report packs: documents built from what pilotage holds, printed as DOCX and PDF, FR and NL.

A builder turns data into a `Document` (the model in `pilotage.reports._document`); the
renderers print it as DOCX (python-docx) or PDF (WeasyPrint). The quarterly dashboard pack
(`dashboard_pack`) is the first builder, the annual evaluation and contradictory report
(`evaluation_pack`, `pilotage.reports._evaluation`) the second; docs/reports.md shows how to
write another. The figure cells are written by `pilotage.reports._figures`, which the dashboard
pages use too.
Plain Python: no Django.
"""

from __future__ import annotations

from pilotage.reports._charts import trend_svg
from pilotage.reports._dashboard import Scope, dashboard_document
from pilotage.reports._document import (
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
from pilotage.reports._evaluation import (
    clock_cells,
    figure_cells,
    milestone_cells,
    status_word,
    step_word,
)
from pilotage.reports._evaluation_facts import counted_text, fact_lines
from pilotage.reports._figures import (
    DASH,
    STATUS_SYMBOLS,
    STATUSES,
    Direction,
    Notes,
    change_of,
    change_text,
    has_late_cases,
    is_share,
    late_text,
    norm_text,
    not_measured_text,
    number_text,
    share_text,
    status_label,
    status_text,
    target_text,
    value_text,
)
from pilotage.reports._index import ContractIndex, ObjectiveInfo, ServiceInfo
from pilotage.reports._locale import day_month_text, decimal_text, percent_text
from pilotage.reports._norm_words import delay_words, norm_words
from pilotage.reports._pack import (
    PACK_LANGUAGES,
    Format,
    Pack,
    dashboard_pack,
    evaluation_pack,
    pack_language,
    render,
)
from pilotage.reports._sources import (
    DashboardData,
    PublishedVersion,
    SetChoice,
    TrendPoint,
    from_store,
)
from pilotage.reports._words import LANGUAGES, language_of

__all__ = [
    "DASH",
    "LANGUAGES",
    "PACK_LANGUAGES",
    "STATUSES",
    "STATUS_SYMBOLS",
    "Chart",
    "Citation",
    "ContractIndex",
    "DashboardData",
    "Direction",
    "Document",
    "FigureTable",
    "Footnote",
    "Format",
    "Notes",
    "ObjectiveInfo",
    "Pack",
    "Paragraph",
    "Position",
    "PublishedVersion",
    "Scope",
    "Section",
    "ServiceInfo",
    "SetChoice",
    "SideBySide",
    "Text",
    "TitlePage",
    "TrendPoint",
    "change_of",
    "change_text",
    "clock_cells",
    "counted_text",
    "dashboard_document",
    "dashboard_pack",
    "day_month_text",
    "decimal_text",
    "delay_words",
    "evaluation_pack",
    "fact_lines",
    "figure_cells",
    "from_store",
    "has_late_cases",
    "is_share",
    "language_of",
    "late_text",
    "milestone_cells",
    "norm_text",
    "norm_words",
    "not_measured_text",
    "number_text",
    "pack_language",
    "percent_text",
    "render",
    "share_text",
    "status_label",
    "status_text",
    "status_word",
    "step_word",
    "target_text",
    "trend_svg",
    "value_text",
]
