"""Report packs (DOCX, PDF) of the dashboard pages: the same published sets, the core's builder.

A pack is built from the figures the page shows: the set chosen for the period by the page's
own choice (`Published.chosen`), read from the same mirror, printed by
`pilotage.reports.dashboard_pack`, whose figure cells are the page's. Who may read the page may
download its pack.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from pilotage.errors import ReportError
from pilotage.reports import (
    DashboardData,
    Format,
    Pack,
    PublishedVersion,
    Scope,
    TrendPoint,
    dashboard_pack,
    pack_language,
)
from pilotage.web.dashboards.data import FigureRow
from pilotage.web.dashboards.models import Figure, PublishedSet
from pilotage.web.dashboards.page import Page

__all__ = ["contract_pack", "objective_pack", "pack_data", "service_pack", "web_pack"]


def _version(s: PublishedSet) -> PublishedVersion:
    return PublishedVersion(
        int(s.store_id),
        int(s.version),
        s.periods,
        s.level,
        s.computed_at,
        s.as_of,
        tuple(int(b) for b in s.batches),
        s.contract_sha256,
        bool(s.demo),
    )


def pack_data(page: Page, period: str) -> DashboardData:
    """The figures of the page for `period` (institution level) and the trend, as a pack's data."""
    page.check_period(period)
    chosen = page.published.chosen(period, "institution")
    if chosen is None:
        raise Http404(f"no published result set of {page.contract_id} at the institution level")
    periods = page.published.same_kind(period)
    choice = {p: s for p in periods if (s := page.published.chosen(p, "institution"))}
    versions = {s.pk: _version(s) for s in choice.values()}
    rows = FigureRow.of(
        Figure.objects.filter(published_set_id__in=set(versions), period__in=list(choice)).order_by(
            "period_first", "published_set_id", "row"
        )
    )
    return DashboardData(
        page.index,
        chosen.contract_sha256,
        period,
        versions[chosen.pk],
        tuple(f for f in rows if f.published_set_id == chosen.pk and f.period == period),
        tuple(periods),
        tuple(
            TrendPoint(f, versions[f.published_set_id])
            for f in rows
            if choice[f.period].pk == f.published_set_id
        ),
    )


def web_pack(page: Page, period: str, fmt: str, language: str | None, scope: Scope) -> Pack:
    """The pack of a dashboard page; Http404 for what the page would not show either."""
    try:
        return dashboard_pack(
            pack_data(page, period),
            Format.of(fmt),
            pack_language(language or page.language),
            scope=scope,
        )
    except ReportError as exc:
        raise Http404(str(exc)) from None


def pack_response(
    request: HttpRequest,
    contract_id: str,
    period: str,
    fmt: str,
    language: str | None,
    scope: Scope,
) -> HttpResponse:
    """The pack as a download, for a reader granted the contract's institution (403 else)."""
    pack = web_pack(Page.open(request, contract_id), period, fmt, language, scope)
    response = HttpResponse(pack.content, content_type=pack.content_type)
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response


@login_required
def contract_pack(request: HttpRequest, contract_id: str, period: str, fmt: str) -> HttpResponse:
    return pack_response(request, contract_id, period, fmt, request.GET.get("lang"), Scope())


@login_required
def service_pack(
    request: HttpRequest, contract_id: str, period: str, service: str, fmt: str
) -> HttpResponse:
    scope = Scope(service=service)
    return pack_response(request, contract_id, period, fmt, request.GET.get("lang"), scope)


@login_required
def objective_pack(
    request: HttpRequest, contract_id: str, period: str, objective: str, fmt: str
) -> HttpResponse:
    scope = Scope(objective=objective)
    return pack_response(request, contract_id, period, fmt, request.GET.get("lang"), scope)
