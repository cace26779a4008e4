"""Dashboard pages: the contract, a service, an objective for a period; late cases; XLSX exports.

The three dashboards read only the web database (the mirrored result sets) in a bounded number
of indexed queries; the late cases alone open the DuckDB fact store, read-only. Each page's
content is built once and kept in the cache (`page.Page.respond`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from pilotage.reports import STATUSES
from pilotage.web.dashboards import data
from pilotage.web.dashboards.charts import NONCE_MARK, trend_svg, with_nonce
from pilotage.web.dashboards.data import FigureRow, ObjectiveInfo
from pilotage.web.dashboards.models import Figure, PublishedSet
from pilotage.web.dashboards.page import Built, Page
from pilotage.web.dashboards.tables import (
    BREAKDOWN,
    FIGURE,
    SUMMARY,
    TREND,
    Cell,
    Context,
    Dashboard,
    Table,
    figure_rows,
    figure_table,
    missing_row,
    status_text,
    unit_matrix,
)
from pilotage.web.dashboards.xlsx import filename, workbook_bytes

__all__ = [
    "contract_dashboard",
    "late_cases_page",
    "latest_dashboard",
    "objective_page",
    "service_dashboard",
]


def _by_objective(figures: Iterable[FigureRow]) -> dict[str, list[FigureRow]]:
    out: dict[str, list[FigureRow]] = {}
    for f in figures:
        out.setdefault(f.objective, []).append(f)
    return out


def _objectives_table(
    caption: str,
    codes: Sequence[str],
    found: dict[str, list[FigureRow]],
    ctx: Context,
    slug: str,
) -> Table:
    """One row per figure of each objective, in the contract's order; a row for one without."""
    table = figure_table(caption, [], SUMMARY, ctx, slug=slug)
    for code in codes:
        figures = found.get(code)
        if figures:
            table.rows.extend(figure_rows(figures, SUMMARY, ctx))
        else:
            table.rows.append(missing_row(code, ctx, SUMMARY))
    table.notes = ctx.notes.listed()
    return table


def _status_summary(figures: Sequence[FigureRow]) -> Table:
    counts = Counter(f.status for f in figures)
    table = Table(_("Figures per status"), [_("Status"), _("Figures")], slug="summary")
    for status in STATUSES:
        n = counts.get(status, 0)
        table.rows.append(
            [Cell(status_text(status), css=f"status status-{status}"), Cell(str(n), number=n)]
        )
    return table


def _figures(sets: Iterable[PublishedSet | None], period: str, **where: Any) -> list[FigureRow]:
    ids = [s.pk for s in sets if s is not None]
    if not ids:
        return []
    return FigureRow.of(
        Figure.objects.filter(published_set_id__in=ids, period=period, **where).order_by(
            "published_set_id", "row"
        )
    )


# --- the views -----------------------------------------------------------------------------------


@login_required
def latest_dashboard(request: HttpRequest, contract_id: str) -> HttpResponse:
    page = Page.open(request, contract_id)
    periods = page.published.periods()
    if not periods:
        return render(
            request,
            "dashboards/empty.html",
            {
                "contract_id": contract_id,
                "lang": page.language,
                # what the reader can do about it depends on the role (issue 17: empty states)
                "role": page.grant.role if page.grant else "",
            },
        )
    return redirect(page.url("contract", period=periods[-1]))


@login_required
def contract_dashboard(
    request: HttpRequest, contract_id: str, period: str, xlsx: bool = False
) -> HttpResponse:
    page = Page.open(request, contract_id)
    return page.respond(lambda: _contract(page, period), period, xlsx, "contract")


def _contract(page: Page, period: str) -> Built:
    contract_id = page.contract_id
    page.check_period(period)
    chosen = page.published.chosen(period, "institution")
    figures = _figures([chosen], period)
    found = _by_objective(figures)
    contract = page.index.contract
    dashboard = Dashboard(
        _("Dashboard %(period)s: %(title)s")
        % {"period": period, "title": contract.title.text(page.language)},
        page.header(period, [chosen] if chosen else [], ["institution"]),
        demo=bool(chosen and chosen.demo),
    )
    dashboard.tables.append(_status_summary(figures))
    services = []
    for service in page.index.services:
        caption = f"{service.code} — {service.name.text(page.language)}"
        table = _objectives_table(
            caption, service.objectives, found, page.context(period), f"service-{service.code}"
        )
        dashboard.tables.append(table)
        services.append(
            (table, page.url("service", period=period, service=service.code)),
        )
    if page.index.common:
        table = _objectives_table(
            _("Common commitments"), page.index.common, found, page.context(period), "common"
        )
        dashboard.tables.append(table)
        services.append((table, ""))
    return Built(
        "dashboards/contract.html",
        dashboard,
        (contract_id, period),
        lambda: {
            "summary": dashboard.tables[0],
            "services": services,
            "periods": page.periods_nav("contract", period),
            "export_url": page.url("contract-xlsx", period=period),
        },
    )


@login_required
def service_dashboard(
    request: HttpRequest, contract_id: str, period: str, service: str, xlsx: bool = False
) -> HttpResponse:
    page = Page.open(request, contract_id)
    return page.respond(lambda: _service(page, period, service), period, xlsx, "service", service)


def _service(page: Page, period: str, service: str) -> Built:
    contract_id = page.contract_id
    info = page.index.service(service)
    if info is None:
        raise Http404(f"no service {service!r} in {contract_id}")
    page.check_period(period)
    sets = page.published.by_level(period)
    inst, region = sets.get("institution"), sets.get("region")
    figures = _figures([inst, region], period, objective__in=info.objectives)
    at_institution = _by_objective(f for f in figures if inst and f.published_set_id == inst.pk)
    at_region = _by_objective(f for f in figures if region and f.published_set_id == region.pk)
    name = info.name.text(page.language)
    dashboard = Dashboard(
        _("Dashboard %(period)s: service %(code)s %(name)s")
        % {"period": period, "code": info.code, "name": name},
        page.header(period, [s for s in (inst, region) if s], ["institution", "region"]),
        demo=any(s.demo for s in (inst, region) if s),
    )
    main = _objectives_table(
        f"{info.code} — {name}", info.objectives, at_institution, page.context(period), "service"
    )
    dashboard.tables.append(main)
    regions = unit_matrix(
        _("Per region"), info.objectives, at_region, page.context(period), slug="regions"
    )
    if regions.rows:
        dashboard.tables.append(regions)
    return Built(
        "dashboards/service.html",
        dashboard,
        (contract_id, period, info.code),
        lambda: {
            "main": main,
            "regions": regions,
            "service": info,
            "periods": page.periods_nav("service", period, service=service),
            "export_url": page.url("service-xlsx", period=period, service=service),
            "contract_url": page.url("contract", period=period),
        },
    )


def _trend(
    page: Page, info: ObjectiveInfo, period: str
) -> tuple[list[str], dict[int | None, list[FigureRow]]]:
    """Per norm, the institution-level figure of every period of the kind of `period`."""
    periods = page.published.same_kind(period)
    choice = {}
    for p in periods:
        s = page.published.chosen(p, "institution")
        if s is not None:
            choice[p] = s.pk
    rows = FigureRow.of(
        Figure.objects.filter(
            published_set_id__in=set(choice.values()), objective=info.code
        ).order_by("period_first", "row")
    )
    series: dict[int | None, list[FigureRow]] = {}
    for f in rows:
        if choice.get(f.period) == f.published_set_id:
            series.setdefault(f.norm_index, []).append(f)
    return periods, series


def _target(f: FigureRow | None) -> float | None:
    return None if f is None or f.target_in_period is None else float(f.target_in_period)


def _charts(
    page: Page, info: ObjectiveInfo, periods: list[str], series: dict[int | None, list[FigureRow]]
) -> list[dict[str, str]]:
    charts = []
    for norm_index, rows in series.items():
        at = {f.period: f for f in rows}
        first = rows[0]
        percent = first.value is None or first.kind != "count"
        norm = page.index.norm(info.code, first.indicator, norm_index)
        label = (norm.printed if norm and norm.printed else None) or first.norm_printed or ""
        title = f"{info.code} {label}".strip()
        targets = [_target(at.get(p)) for p in periods]
        svg = trend_svg(
            title,
            periods,
            [at[p].value if p in at else None for p in periods],
            targets,
            value_label=_("Value"),
            target_label=_("Target"),
            percent=percent,
        )
        charts.append({"title": title, "svg": with_nonce(svg, NONCE_MARK)})
    return charts


@login_required
def objective_page(
    request: HttpRequest, contract_id: str, period: str, objective: str, xlsx: bool = False
) -> HttpResponse:
    page = Page.open(request, contract_id)
    return page.respond(
        lambda: _objective(page, period, objective),
        period,
        xlsx,
        "objective",
        objective,
        objective=page.objective(objective),
    )


def _objective(page: Page, period: str, objective: str) -> Built:
    contract_id = page.contract_id
    info = page.objective(objective)
    page.check_period(period)
    sets = page.published.by_level(period)
    figures = _figures(sets.values(), period, objective=objective)
    level_of = {s.pk: s.level for s in sets.values()}
    at: dict[str, list[FigureRow]] = {lv: [] for lv in data.LEVELS}
    for f in figures:
        at[level_of[f.published_set_id]].append(f)
    name = info.name.text(page.language)
    dashboard = Dashboard(
        _("%(code)s %(name)s, %(period)s") % {"code": objective, "name": name, "period": period},
        page.header(period, sets.values(), list(sets)),
        demo=any(s.demo for s in sets.values()),
    )
    ctx = page.context(period)
    main = figure_table(_("Figure"), at["institution"], FIGURE, ctx, slug="figure")
    if not main.rows:
        main.rows.append(missing_row(objective, ctx, FIGURE))
    main = main.transposed(_("Norm"))  # a column per norm: the figure reads top to bottom
    periods, series = _trend(page, info, period)
    trend_rows = [f for rows in series.values() for f in rows]
    trend = figure_table(_("Trend"), trend_rows, TREND, page.context(period), slug="trend")
    regions = figure_table(
        _("Per region"), at["region"], BREAKDOWN, page.context(period), slug="regions"
    )
    parents = _parents(sets.get("office"))
    offices = figure_table(
        _("Per office"), at["office"], BREAKDOWN, page.context(period), slug="offices"
    )
    offices.headers.insert(1, _("Region"))
    for f, row in zip(at["office"], offices.rows, strict=True):
        row.insert(1, Cell(parents.get(f.unit, "—")))
    dashboard.tables += [main, trend, regions, offices]
    service_url = page.url("service", period=period, service=info.service) if info.service else ""
    return Built(
        "dashboards/objective.html",
        dashboard,
        (contract_id, period, objective),
        lambda: {
            "main": main,
            "trend": trend,
            "regions": regions,
            "offices": offices,
            "charts": _charts(page, info, periods, series),
            "objective": info,
            "periods": page.periods_nav("objective", period, objective=objective),
            "export_url": page.url("objective-xlsx", period=period, objective=objective),
            "contract_url": page.url("contract", period=period),
            "service_url": service_url,
        },
    )


def _parents(s: PublishedSet | None) -> dict[str, str]:
    if s is None:
        return {}
    return {str(u["code"]): str(u["parent"] or "") for u in s.org_units}


@login_required
def late_cases_page(
    request: HttpRequest,
    contract_id: str,
    period: str,
    objective: str,
    xlsx: bool = False,
    csv: bool = False,
) -> HttpResponse:
    from pilotage.web.dashboards.late import late_page

    page = Page.open(request, contract_id)
    info = page.objective(objective)
    page.check_period(period)
    return late_page(page, info, period, xlsx=xlsx, csv_file=csv)


def export_workbook(
    contract_id: str,
    period: str,
    *,
    service: str | None = None,
    objective: str | None = None,
    language: str = "fr",
) -> tuple[bytes, str]:
    """The workbook a dashboard page exports, and its file name, without a request: for the
    command line, which reads as an administrator. Http404 as the page answers it."""
    with translation.override(language):
        page = Page.reader(contract_id, language)
        if service is not None:
            built = _service(page, period, service)
        elif objective is not None:
            built = _objective(page, period, objective)
        else:
            built = _contract(page, period)
        return workbook_bytes(built.dashboard), filename(*built.export_name)
