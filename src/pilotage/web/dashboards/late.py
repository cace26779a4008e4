"""The late cases behind a figure, read from the DuckDB fact store (read-only), kept in the
cache until the store changes.

The list is the one the figure counted: kept with its result set when it was measured
(`pilotage.engine.kept_late_cases`), so cases imported or corrected since do not change it, and
the page names the measurement it lists. A set measured before late cases were kept with it has
no such list: the page then lists from today's data, says so, and says whether the counts still
match the figure. The same table exports to XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pilotage.engine import LateCase, LateState, kept_late_cases, late_cases, offices_under
from pilotage.engine import list_result_sets as store_sets
from pilotage.errors import BadQuery, MeasureError, StoreError
from pilotage.facts import DuckDBFactStore, store_path
from pilotage.web.dashboards.data import ObjectiveInfo
from pilotage.web.dashboards.models import Figure
from pilotage.web.dashboards.sync import store_key
from pilotage.web.dashboards.tables import Cell, Dashboard, Table, number_text
from pilotage.web.dashboards.xlsx import CONTENT_TYPE, filename, workbook_bytes

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


# How the list can be sorted: the query's word -> the key (most days late first by default).
SORTS: dict[str, Callable[[LateCase], tuple[Any, ...]]] = {
    "days": lambda c: (-c.days_late, c.case_id),
    "start": lambda c: (c.start, c.case_id),
    "deadline": lambda c: (c.deadline, c.case_id),
    "office": lambda c: (c.office, -c.days_late, c.case_id),
    "case": lambda c: (c.case_id,),
}


@dataclass(frozen=True)
class Choice:
    """What the reader asked the list to show: one office (or all) and an order."""

    office: str = ""
    sort: str = "days"

    @classmethod
    def of(cls, page: Page) -> Choice:
        assert page.request is not None
        office = page.request.GET.get("office", "").strip()
        sort = page.request.GET.get("sort", "days") or "days"
        if sort not in SORTS:
            raise BadQuery(
                _("sort=%(value)s: sort by %(choices)s.")
                % {"value": sort, "choices": ", ".join(SORTS)}
            )
        return cls(office, sort)

    def query(self) -> str:
        parts = [f"office={quote(self.office)}"] if self.office else []
        return "&".join([*parts, f"sort={self.sort}"])

    def apply(self, found: list[LateCase]) -> list[LateCase]:
        shown = [c for c in found if not self.office or c.office == self.office]
        return sorted(shown, key=SORTS[self.sort])


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


def late_page(
    page: Page, info: ObjectiveInfo, period: str, *, xlsx: bool = False, csv_file: bool = False
) -> HttpResponse:
    """The late cases behind one figure (or their XLSX export). They are read from the fact
    store once per figure and state of the store (its file's size and time) and kept in the
    cache: a page read again, by anyone, does not open the store."""
    request = page.request
    assert request is not None  # a page, always opened from a request

    figure = _figure(page, info, period)
    path = store_path()
    choice = Choice.of(page)
    if xlsx or csv_file:
        found_table = _late_table(page, info, period, figure, path, choice)
        dashboard: Dashboard = found_table["dashboard"]
        name = filename(page.contract_id, period, info.code, figure.unit, "late")
        if csv_file:
            response = HttpResponse(_csv(found_table["table"]), content_type="text/csv")
            name = name.removesuffix(".xlsx") + ".csv"
        else:
            response = HttpResponse(workbook_bytes(dashboard), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    key = page.cache_key(
        "late", period, info.code, str(figure.pk), str(path), _store_stamp(path), choice.query()
    )
    found: str | None = cache.get(key)
    shell: dict[str, Any] = {"objective": info, "period": period}
    title = f"{info.code} {period}"
    if found is not None:
        return page.render_shell(title, "dashboards/late.html", found, **shell)
    query = f"?unit={quote(figure.unit)}&norm={figure.norm_index}&{choice.query()}"
    context: dict[str, Any] = {
        "contract_id": page.contract_id,
        "objective": info,
        "figure": figure,
        "period": period,
        "lang": page.language,
        "objective_url": page.url("objective", period=period, objective=info.code),
        "export_url": page.url("late-xlsx", period=period, objective=info.code) + query,
        "csv_url": page.url("late-csv", period=period, objective=info.code) + query,
        "choice": choice,
        "sorts": _sort_names(),
    }
    status = 200
    try:
        context.update(_late_table(page, info, period, figure, path, choice))
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


def _kept(store: DuckDBFactStore, figure: Figure) -> list[LateCase] | None:
    """The late cases kept with the figure's set in this store; None when it has none (measured
    before they were kept, or the store was reset since the set was mirrored)."""
    wanted = store_key(figure.published_set)
    header = next((h for h in store_sets(store) if store_key(h) == wanted), None)
    if header is None:
        return None
    return kept_late_cases(store, header.id, figure.row)


def _today(
    page: Page, info: ObjectiveInfo, period: str, figure: Figure, store: DuckDBFactStore
) -> list[LateCase]:
    """The late cases of today's data, as the figure's measurement defined them (its contract
    version, its as-of day)."""
    offices = None
    if figure.level != "institution":
        offices = offices_under(store.org_units(), figure.unit)
    contract = page.computed_index(period).contract  # parsed once per version
    as_of = figure.as_of if figure.as_of < figure.period_last else None
    return late_cases(
        store.cases(),
        contract,
        info.code,
        period,
        norm=figure.norm_index,
        offices=offices,
        as_of=as_of,
    )


def _sort_names() -> list[tuple[str, str]]:
    return [
        ("days", _("most days late first")),
        ("start", _("start")),
        ("deadline", _("deadline")),
        ("office", _("office")),
        ("case", _("case")),
    ]


def _csv(table: Table) -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so a spreadsheet reads the accents)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([c.number if isinstance(c.number, int) else c.text for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _late_table(
    page: Page,
    info: ObjectiveInfo,
    period: str,
    figure: Figure,
    path: Path,
    choice: Choice | None = None,
) -> dict[str, Any]:
    from pilotage.web.dashboards.page import describe

    expected = (figure.denominator or 0) - figure.numerator
    with DuckDBFactStore(path, read_only=True) as store:
        found = _kept(store, figure)
        kept = found is not None
        if found is None:
            found = _today(page, info, period, figure, store)
    ended = sum(1 for c in found if c.state is LateState.ENDED_LATE)
    choice = choice or Choice()
    offices = sorted({c.office for c in found})
    shown = choice.apply(found)
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
    for c in shown:
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
    measured = describe(figure.published_set)
    if kept:
        source = _(
            "The cases this figure counted when it was measured: %(measurement)s. Cases imported "
            "or corrected since do not change this list."
        ) % {"measurement": measured}
    else:
        source = _(
            "This result set (%(measurement)s) was measured before pilotage kept the late cases "
            "with it: they are listed from today's data in the fact store, which may differ from "
            "what the figure counted."
        ) % {"measurement": measured}
    overdue = figure.overdue or 0
    language = get_language() or "fr"
    whole = "—" if figure.denominator is None else number_text(figure.denominator, language)
    header = [
        (_("Contract"), page.contract_id),
        (_("Norm"), figure.norm_printed or "—"),
        (_("Figure"), f"{number_text(figure.numerator, language)} / {whole}"),
        (_("Late cases listed"), str(source)),
    ]
    return {
        "table": table,
        "ended": ended,
        "open": len(found) - ended,
        "expected": number_text(expected, language),
        "overdue": overdue,
        "reconciles": ended == expected and len(found) - ended == overdue,
        "offices": offices,
        "shown": len(shown),
        "listed": len(found),
        "kept": kept,
        "source": source,
        "published": measured,
        "dashboard": Dashboard(
            _("Late cases of %(code)s, %(unit)s, %(period)s")
            % {"code": info.code, "unit": figure.unit, "period": period},
            header,
            [table],
            demo=figure.published_set.demo,
        ),
    }
