"""Write a dashboard to an XLSX workbook: the page's header block, tables and notes, as shown.

Counts, amounts and shares are numbers with a number format (a share is the fraction of one
that Excel shows as "58.2%"), never text, so the workbook computes."""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from pilotage.web.dashboards.tables import Dashboard

__all__ = ["CONTENT_TYPE", "filename", "workbook_bytes"]

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(*parts: str) -> str:
    """`inasti-2019-2020_2019-Q3_VOB-2-01.xlsx`: safe characters only."""
    clean = [re.sub(r"[^A-Za-z0-9.-]+", "-", p).strip("-") for p in parts if p]
    return "_".join(clean) + ".xlsx"


def workbook_bytes(dashboard: Dashboard) -> bytes:
    """One sheet: title, header block, then each table (caption, headers, rows, its notes)."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Dashboard")[:31]
    bold = Font(bold=True)
    ws.append([dashboard.title])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=14)
    for label, value in dashboard.header:
        ws.append([label, value])
        ws.cell(ws.max_row, 1).font = bold
    for table in dashboard.tables:
        ws.append([])
        ws.append([table.caption])
        ws.cell(ws.max_row, 1).font = bold
        ws.append(table.headers)
        for i in range(1, len(table.headers) + 1):
            ws.cell(ws.max_row, i).font = bold
        for row in table.rows:
            ws.append([c.number if c.number is not None else c.text for c in row])
            for i, c in enumerate(row, start=1):
                if c.number is not None:
                    ws.cell(ws.max_row, i).number_format = c.format
        for marker, text in table.notes:
            ws.append([marker, text])
    ws.column_dimensions["A"].width = 40
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
