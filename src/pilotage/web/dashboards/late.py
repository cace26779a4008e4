"""The late cases behind a figure, read from the DuckDB fact store (read-only), kept in the
cache until the store changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pilotage.engine import LateState, late_cases, offices_under
from pilotage.errors import BadQuery, MeasureError, StoreError
from pilotage.facts import DuckDBFactStore, store_path
from pilotage.web.dashboards.data import ObjectiveInfo, contract_index
from pilotage.web.dashboards.models import Figure
from pilotage.web.dashboards.tables import Cell, Dashboard, Table, number_text

if TYPE_CHECKING:
    from pilotage.web.dashboards.page import Page

__all__ = ["late_page"]


def _figure(page: Page, info: ObjectiveInfo, period: str) -> Figure:
    assert page.request is not None
    request = page.request
    unit = request.GET.get("unit", "")
    norm_text = request.GET.get("norm", "")
    try:
        norm = int(norm_text) if norm_text else 0
    except ValueError:
        raise BadQuery(
            _("norm=%(value)s is not a number: the norm's index, 0 for the first.")
            % {"value": norm_text}
        ) from None
    sets = page.published.by_level(period)
    figure: Figure | None = (
        Figure.objects.filter(
            published_set_id__in=[s.pk for s in sets.values()],
            period=period,
            objective=info.code,
            unit=unit,
            norm_index=norm,
        )
        .order_by("pk")
        .first()
    )
    if figure is None:
        raise Http404(f"no figure of {info.code} for unit {unit!r}, norm {norm} in {period}")
    return figure


def _store_stamp(path: Path) -> str:
    """What changes when the fact store is written: its file's and its log's size and time."""
    stamps = []
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            stat = file.stat()
        except OSError:
            stamps.append("-")
        else:
            stamps.append(f"{stat.st_size}:{stat.st_mtime_ns}")
    return "/".join(stamps)


def late_page(page: Page, info: ObjectiveInfo, period: str) -> HttpResponse:
    """The late cases behind one figure. They are read from the fact store once per figure and
    state of the store (its file's size and time) and kept in the cache: a page read again, by
    anyone, does not open the store."""
    request = page.request
    assert request is not None  # a page, always opened from a request

    figure = _figure(page, info, period)
    path = store_path()
    key = page.cache_key("late", period, info.code, str(figure.pk), str(path), _store_stamp(path))
    found: str | None = cache.get(key)
    shell: dict[str, Any] = {"objective": info, "period": period}
    title = f"{info.code} {period}"
    if found is not None:
        return page.render_shell(title, "dashboards/late.html", found, **shell)
    context: dict[str, Any] = {
        "contract_id": page.contract_id,
        "objective": info,
        "figure": figure,
        "period": period,
        "lang": page.language,
        "objective_url": page.url("objective", period=period, objective=info.code),
    }
    status = 200
    try:
        context.update(_late_table(page, info, period, figure, path))
    except StoreError as exc:
        context["problem"] = _(
            "The late cases are read from the fact store, which cannot be read now: %(why)s"
        ) % {"why": exc}
        status = 503
    except MeasureError as exc:
        context["problem"] = str(exc)
        status = 400
    body = render_to_string("dashboards/_late_body.html", context)
    if status == 200:
        cache.set(key, body)
    return page.render_shell(title, "dashboards/late.html", body, status=status, **shell)


def _late_table(
    page: Page, info: ObjectiveInfo, period: str, figure: Figure, path: Path
) -> dict[str, Any]:
    from pilotage.web.dashboards.page import describe

    expected = (figure.denominator or 0) - figure.numerator
    with DuckDBFactStore(path, read_only=True) as store:
        offices = None
        if figure.level != "institution":
            offices = offices_under(store.org_units(), figure.unit)
        contract = contract_index(page.version).contract  # parsed once per version
        as_of = figure.as_of if figure.as_of < figure.period_last else None
        found = late_cases(
            store.cases(),
            contract,
            info.code,
            period,
            norm=figure.norm_index,
            offices=offices,
            as_of=as_of,
        )
    ended = sum(1 for c in found if c.state is LateState.ENDED_LATE)
    table = Table(
        _("Late cases"),
        [
            _("Case"),
            _("Pseudonym"),
            _("Office"),
            _("Start"),
            _("End"),
            _("Deadline"),
            _("Days late"),
            _("State"),
        ],
        slug="late",
    )
    states = {LateState.ENDED_LATE: _("ended late"), LateState.OPEN_OVERDUE: _("open, overdue")}
    for c in found:
        table.rows.append(
            [
                Cell(c.case_id),
                Cell(c.person_key or "—"),
                Cell(c.office),
                Cell(c.start.isoformat()),
                Cell(c.end.isoformat() if c.end else "—"),
                Cell(c.deadline.isoformat()),
                Cell(str(c.days_late), number=c.days_late),
                Cell(states[c.state]),
            ]
        )
    return {
        "table": table,
        "ended": ended,
        "open": len(found) - ended,
        "expected": number_text(expected, get_language() or "fr"),
        "reconciles": ended == expected,
        "published": describe(figure.published_set),
        "dashboard": Dashboard(str(table.caption), [], [table]),
    }
