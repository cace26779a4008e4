"""The audit trail as an XLSX workbook: one row per changed field, in the reader's language."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from pilotage.web.audit.diffs import Change, diff
from pilotage.web.audit.labels import action_label
from pilotage.web.audit.models import AuditEntry

__all__ = ["EXPORT_MAX", "audit_workbook"]

EXPORT_MAX = 100_000  # entries in one export; narrow the filters for more


def audit_workbook(entries: Iterable[AuditEntry]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Audit trail")[:31]
    headers = [
        _("When"),
        _("Who"),
        _("Institution"),
        _("Action"),
        _("Object"),
        _("Field"),
        _("Before"),
        _("After"),
    ]
    ws.append(headers)
    for i in range(1, len(headers) + 1):
        ws.cell(1, i).font = Font(bold=True)
    for entry in entries:
        who = entry.who.get_username() if entry.who else _("command line")
        institution = entry.institution.code if entry.institution else ""
        at = timezone.localtime(entry.at).replace(tzinfo=None)  # a cell holds no time zone
        changes: list[Change] = diff(entry.before, entry.after, entry.object_type) or [
            Change("", "", "", "")
        ]
        for change in changes:
            ws.append(
                [
                    at,
                    who,
                    institution,
                    action_label(entry.action),
                    entry.object_repr,
                    change.label or change.field,
                    change.before,
                    change.after,
                ]
            )
            ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd hh:mm:ss"
    ws.column_dimensions["A"].width = 20
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
