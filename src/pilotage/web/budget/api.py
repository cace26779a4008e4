"""The budget endpoint of the JSON API (a django-ninja router mounted by the API): read only."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from pilotage import budget as core
from pilotage.errors import PilotageError
from pilotage.web.accounts.access import require_grant
from pilotage.web.budget import services
from pilotage.web.dashboards.data import current_version

router = Router(tags=["budget"])


class Refused(Schema):
    detail: str


def _amount(value: Any) -> str | None:
    return None if value is None else format(value, "f")


@router.get(
    "/contracts/{contract_id}/budget/{year}",
    response={200: dict[str, Any], 401: Refused, 403: Refused, 404: Refused},
    summary="The management budget of a year: credits against execution, operations",
)
def budget_year(request: HttpRequest, contract_id: str, year: int) -> dict[str, Any]:
    """Per credit, line and total: opening, credit now, committed, paid, rate, projection and
    alert; the year's operations with their movements and processing. Amounts are exact
    decimals written as text ("1234.56")."""
    version = current_version(contract_id)
    require_grant(request.user, version.institution)
    try:
        ledger = services.ledger_of(contract_id)
        t = ledger.table
        t.credit(t.codes()[0], year)
    except PilotageError as exc:
        raise Http404(str(exc)) from None
    assert ledger.execution is not None
    lines = []
    for f in core.follow(ledger, ledger.execution, year, [*t.codes(), *t.groups]):
        lines.append(
            {
                "code": f.code,
                "sum_of": list(t.groups[f.code].members) if f.code in t.groups else [],
                "opening": _amount(t.opening(f.code, year)),
                "credit": _amount(f.credit),
                "committed": _amount(f.committed),
                "paid": _amount(f.paid),
                "rate": _amount(f.rate),
                "projected": _amount(f.projected),
                "alert": {"kind": str(f.alert.kind), "month": f.alert.month, "text": f.alert.text}
                if f.alert
                else None,
            }
        )
    operations = []
    for e in ledger.entries:
        if not any(m.year == year for m in e.movements):
            continue
        step = ledger.processing_of(e.number)
        countered = ledger.countered(e.number)
        operations.append(
            {
                "number": e.number,
                "operation": core.operation_to_json(e.operation),
                "movements": [
                    {"year": m.year, "credit": m.credit, "amount": _amount(m.amount)}
                    for m in e.movements
                ],
                "working": [line.working for line in e.working],
                "processing": {"on": step.on.isoformat(), "by": step.by, "agreed": step.agreed}
                if step
                else None,
                "countered_by": countered.number if countered else None,
            }
        )
    return {
        "contract_id": contract_id,
        "year": year,
        "demonstration": ledger.execution.demonstration
        or any(e.operation.demonstration for e in ledger.entries),
        "statutory_personnel": _amount(ledger.statutory(year)),
        "statutory_personnel_cap": _amount(t.statutory_personnel_cap.get(year)),
        "credits": lines,
        "operations": operations,
    }
