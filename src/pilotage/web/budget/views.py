"""The budget's read pages: per contract and year, the credits against execution per credit,
line and month, the operations, and the art. 74 statement to download (FR, NL). The pages call
the service functions and hold no rule of their own; every granted role reads them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from pilotage import budget as core
from pilotage.errors import PilotageError
from pilotage.web.accounts.access import require_grant
from pilotage.web.budget import services
from pilotage.web.dashboards.data import current_version

__all__ = ["budget_index", "budget_year", "statement_download"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _money(value: Decimal | None, language: str) -> str:
    """1234567.8 -> '1.234.567,80' (fr, nl) or '1,234,567.80' (en)."""
    if value is None:
        return "—"
    text = f"{value:,.2f}"
    return text if language == "en" else text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _ledger(request: HttpRequest, contract_id: str) -> core.Ledger:
    version = current_version(contract_id)
    require_grant(request.user, version.institution)
    try:
        return services.ledger_of(contract_id)
    except PilotageError as exc:
        raise Http404(str(exc)) from None


@login_required
def budget_index(request: HttpRequest, contract_id: str) -> HttpResponse:
    ledger = _ledger(request, contract_id)
    return redirect("budget:year", contract_id=contract_id, year=ledger.table.years[0])


@login_required
def budget_year(request: HttpRequest, contract_id: str, year: int) -> HttpResponse:
    ledger = _ledger(request, contract_id)
    t = ledger.table
    if year not in t.years:
        raise Http404(f"{year} is not a year of the budget of {contract_id}")
    language = (get_language() or "fr")[:2]
    assert ledger.execution is not None
    codes = [*t.codes(), *t.groups]
    rows: list[dict[str, Any]] = []
    for f in core.follow(ledger, ledger.execution, year, codes):
        rows.append(
            {
                "code": f.code,
                "label": core.line_label(t, f.code, year, language),
                "group": f.code in t.groups,
                "articles": ", ".join(t.credit(f.code, year).article_codes)
                if f.code in t.codes()
                else "",
                "opening": _money(t.opening(f.code, year), language),
                "credit": _money(f.credit, language),
                "committed": _money(f.committed, language),
                "paid": _money(f.paid, language),
                "rate": _rate(f.rate),
                "projected": _money(f.projected, language),
                "alert": f.alert,
                "months": [
                    (m.month, _money(m.committed, language), _rate(m.rate)) for m in f.months
                ],
            }
        )
    months = ledger.execution.months(year)
    operations = []
    for e in ledger.entries:
        moves = [m for m in e.movements if m.year == year]
        if not moves:
            continue
        step = ledger.processing_of(e.number)
        countered = ledger.countered(e.number)
        operations.append(
            {
                "entry": e,
                "moves": [(m.credit, _money(m.amount, language)) for m in moves],
                "step": step,
                "awaiting": step is None and e in ledger.awaiting_processing(),
                "countered": countered,
            }
        )
    demo = ledger.execution.demonstration or any(e.operation.demonstration for e in ledger.entries)
    statutory = ledger.statutory(year)
    cap = t.statutory_personnel_cap.get(year)
    context = {
        "contract_id": contract_id,
        "year": year,
        "years": t.years,
        "prices_of": t.credit(t.codes()[0], year).prices_of,
        "rows": rows,
        "months": months,
        "operations": operations,
        "demo": demo,
        "statutory": _money(statutory, language) if statutory is not None else None,
        "cap": _money(cap, language) if cap is not None else None,
    }
    return render(request, "budget/year.html", context)


@login_required
def statement_download(request: HttpRequest, contract_id: str, year: int) -> HttpResponse:
    _ledger(request, contract_id)
    language = request.GET.get("lang", "fr")
    try:
        data = services.statement(contract_id, year, language)
    except PilotageError as exc:
        return HttpResponse(str(exc), status=exc.http_status, content_type="text/plain")
    response = HttpResponse(data, content_type=XLSX)
    name = f"{contract_id}-{year}-statement-{language}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
