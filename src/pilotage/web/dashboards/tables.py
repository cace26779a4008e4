"""The tables of the dashboards: built once, shown by the template and written to XLSX.

A page is a `Dashboard`: a header block (contract, period, level, the published result set) and
`Table`s of display cells. The HTML template and the XLSX writer read the same objects, so an
export holds exactly what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape  # Django's escape() is this one, wrapped for lazy texts: slower

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pilotage.engine import Status
from pilotage.reports import (
    DASH,
    STATUS_SYMBOLS,
    ContractIndex,
    Notes,
    change_text,
    has_late_cases,
    is_share,
    late_text,
    norm_text,
    not_measured_text,
    number_text,
    share_text,
    target_text,
    value_text,
)
from pilotage.reports import (
    status_label as _status_label,
)
from pilotage.reports import (
    status_text as _status_text,
)
from pilotage.web.dashboards.data import FigureRow

__all__ = [
    "BREAKDOWN",
    "DASH",
    "FIGURE",
    "STATUS_SYMBOLS",
    "SUMMARY",
    "TREND",
    "Cell",
    "Column",
    "Dashboard",
    "Notes",
    "Table",
    "figure_table",
    "neutralised_text",
    "number_text",
    "status_label",
    "status_text",
    "unit_matrix",
]


# Excel number formats of the cells that hold a number: the digits the page prints, grouped in
# thousands as the page groups them (Excel writes the separators of the reader's own locale).
COUNT_FORMAT, SHARE_FORMAT = "#,##0", "0.0%"


def amount_format(value: Decimal) -> str:
    """An amount's format: its own decimals, thousands grouped ("#,##0.00" for 12.50)."""
    places = max(0, -int(value.as_tuple().exponent))
    return COUNT_FORMAT + ("." + "0" * places if places else "")


@dataclass(frozen=True)
class Cell:
    """One cell as displayed. `number`, when set, is what XLSX holds (a share as a fraction of
    one, so 58.2 % is 0.582), shown with the Excel number format `format`: the same digits as
    `text`, but a number a spreadsheet computes with."""

    text: str
    href: str | None = None
    number: int | float | Decimal | None = None
    css: str = ""
    format: str = COUNT_FORMAT


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (marker, text) beside it
    slug: str = ""  # an id for the page's anchors

    @property
    def html(self) -> SafeString:
        """The table element: headers with their scope, the first cell of a row its header."""
        slug = f' id="{escape(self.slug)}"' if self.slug else ""
        out = [f'<table class="figures"{slug}>']
        out.append(f"<caption>{escape(str(self.caption))}</caption>")
        out.append("<thead><tr>")
        out += [f'<th scope="col">{escape(str(h))}</th>' for h in self.headers]
        out.append("</tr></thead><tbody>")
        for row in self.rows:
            out.append("<tr>")
            for i, cell in enumerate(row):
                tag = "th" if i == 0 else "td"
                scope = ' scope="row"' if i == 0 else ""
                css = f' class="{escape(cell.css)}"' if cell.css else ""
                text = escape(cell.text)
                if cell.href:
                    text = f'<a href="{escape(cell.href)}">{text}</a>'
                out.append(f"<{tag}{scope}{css}>{text}</{tag}>")
            out.append("</tr>\n")
        out.append("</tbody></table>")
        return mark_safe("".join(out))  # every text above is escaped

    @property
    def block(self) -> SafeString:
        """The table with its notes (caveat texts) beside it, as the pages show it."""
        out = ['<div class="figure-block">', self.html]
        if self.notes:
            out.append(f'<dl class="notes" aria-label="{escape(str(self.caption))}">')
            out += [f"<dt>{escape(m)}</dt><dd>{escape(t)}</dd>" for m, t in self.notes]
            out.append("</dl>")
        out.append("</div>\n")
        return mark_safe("".join(out))  # every text above is escaped

    def transposed(self, corner: str) -> Table:
        """The table turned: a row per column, a column per row (the first cells as headers)."""
        turned = Table(self.caption, [corner, *(row[0].text for row in self.rows)], slug=self.slug)
        for i, header in enumerate(self.headers[1:], start=1):
            turned.rows.append([Cell(header), *(row[i] for row in self.rows)])
        turned.notes = self.notes
        return turned

    def texts(self) -> list[list[str]]:
        """The cells' texts, as a reader sees them (the test compares it with the export)."""
        return [[c.text for c in row] for row in self.rows]


@dataclass
class Dashboard:
    title: str
    header: list[tuple[str, str]]
    tables: list[Table] = field(default_factory=list)
    demo: bool = False


# --- display of one figure: the core's texts (the report packs print the same) ------------------


def _language(language: str | None) -> str:
    return language or get_language() or "fr"


def status_label(status: str, language: str | None = None) -> str:
    return _status_label(status, _language(language))


def status_text(status: str, language: str | None = None) -> str:
    """The status as a symbol and words ("✔ met"): readable without colour."""
    return _status_text(status, _language(language))


def _int_cell(value: Decimal | int | None, c: Context) -> Cell:
    if value is None:
        return Cell(DASH, css="num")
    d = Decimal(value)
    if d == d.to_integral_value():
        return Cell(number_text(int(d), c.language), number=int(d), css="num")
    shown = d.normalize()
    return Cell(number_text(d, c.language), number=d, css="num", format=amount_format(shown))


def _share_cell(value: float | None, c: Context, css: str = "num") -> Cell:
    if value is None:
        return Cell(DASH, css=css)
    text = share_text(value, c.language)
    return Cell(text, number=value / 100, css=css, format=SHARE_FORMAT)


def _value(f: FigureRow, c: Context) -> Cell:
    if f.value is None:
        return Cell(DASH, css="num")
    if is_share(f):
        return _share_cell(f.value, c)
    whole = f.value == int(f.value)
    number = int(f.value) if whole else f.value
    text = value_text(f, c.language)
    return Cell(text, number=number, css="num", format=COUNT_FORMAT if whole else "#,##0.0")


# --- columns -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    index: ContractIndex
    language: str
    notes: Notes
    objective_url: Callable[[str], str] | None = None
    late_url: Callable[[FigureRow], str | None] | None = None
    previous: Callable[[FigureRow], FigureRow | None] | None = None  # the previous period's


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]
    cell: Callable[[FigureRow, Context], Cell]


def _objective(f: FigureRow, c: Context) -> Cell:
    info = c.index.objectives.get(f.objective)
    name = info.name.text(c.language) if info else ""
    text = f"{f.objective} {name}".strip()
    return Cell(text, href=c.objective_url(f.objective) if c.objective_url else None)


def _unit(f: FigureRow, c: Context) -> Cell:
    return Cell(f"{f.unit} {f.unit_name}" if f.unit_name else f.unit)


def _late(f: FigureRow, c: Context) -> Cell:
    url = c.late_url(f) if c.late_url else None
    if url is None:  # no drill-down, or nothing late: the counts, without a link
        return Cell(late_text(f, c.language) if has_late_cases(f) else DASH)
    return Cell(late_text(f, c.language), url)


def _change(f: FigureRow, c: Context) -> Cell:
    text, css = change_text(f, c.previous(f) if c.previous else None, c.language)
    return Cell(text, css=f"{css} nowrap".strip())


def _status(f: FigureRow, c: Context) -> Cell:
    text = status_text(f.status, c.language)
    part = neutralised_text(f, c.language)
    return Cell(f"{text} ({part})" if part else text, css=f"status status-{f.status}")


def neutralised_text(f: FigureRow, language: str) -> str:
    """Beside a status judged on part of its period: that part's figure, and the days a
    not-reachable caveat neutralises (empty when nothing is neutralised)."""
    if f.neutralised_from is None or f.neutralised_to is None:
        return ""
    if f.status is Status.CAVEAT_APPLIES:
        return ""  # neutralised as a whole: the status says it
    days = {"first": f.neutralised_from.isoformat(), "last": f.neutralised_to.isoformat()}
    if f.basis_numerator is None:
        return str(_("neutralised %(first)s to %(last)s") % days)
    if f.basis_denominator is None:
        basis = number_text(f.basis_numerator, language)
    else:
        value = "—" if f.basis_value is None else share_text(f.basis_value, language)
        counts = f"{number_text(f.basis_numerator, language)} / "
        basis = f"{value}, {counts}{number_text(f.basis_denominator, language)}"
    return str(
        _("judged on the days not neutralised: %(basis)s; %(first)s to %(last)s neutralised")
        % {"basis": basis, **days}
    )


COLUMNS: dict[str, Column] = {
    "objective": Column(lambda: _("Objective"), _objective),
    "unit": Column(lambda: _("Unit"), _unit),
    "period": Column(lambda: _("Period"), lambda f, c: Cell(f.period)),
    "norm": Column(lambda: _("Norm"), lambda f, c: Cell(norm_text(f, c.index, c.language))),
    "norm_printed": Column(lambda: _("Norm"), lambda f, c: Cell(f.norm_printed or DASH)),
    "value": Column(lambda: _("Value"), _value),
    "target": Column(
        lambda: _("Target"), lambda f, c: Cell(target_text(f, c.language), css="nowrap")
    ),
    "status": Column(lambda: _("Status"), _status),
    "change": Column(lambda: _("Since the previous period"), _change),
    "numerator": Column(lambda: _("Numerator"), lambda f, c: _int_cell(f.numerator, c)),
    "denominator": Column(lambda: _("Denominator"), lambda f, c: _int_cell(f.denominator, c)),
    "median": Column(lambda: _("Median delay (days)"), lambda f, c: _int_cell(f.median_delay, c)),
    "p90": Column(
        lambda: _("90th percentile delay (days)"), lambda f, c: _int_cell(f.p90_delay, c)
    ),
    "backlog": Column(lambda: _("Backlog"), lambda f, c: _int_cell(f.backlog, c)),
    "overdue": Column(lambda: _("Overdue"), lambda f, c: _int_cell(f.overdue, c)),
    "lost": Column(lambda: _("Forecast: lost"), lambda f, c: _int_cell(f.forecast_lost, c)),
    "open": Column(lambda: _("Forecast: still to win"), lambda f, c: _int_cell(f.forecast_open, c)),
    "best": Column(lambda: _("Forecast: best"), lambda f, c: _share_cell(f.forecast_best, c)),
    "worst": Column(lambda: _("Forecast: worst"), lambda f, c: _share_cell(f.forecast_worst, c)),
    "late": Column(lambda: _("Late cases"), _late),
    "notes": Column(lambda: _("Notes"), lambda f, c: Cell(c.notes.markers(f))),
}

# The columns of each kind of table, by the keys of COLUMNS.
_COUNTS = ("numerator", "denominator", "median", "p90", "backlog", "overdue")
SUMMARY: tuple[str, ...] = ("objective", "norm", "value", "target", "status", "change")
SUMMARY += (*_COUNTS, "best", "worst", "notes")
FIGURE: tuple[str, ...] = ("norm", "value", "target", "status", "change", *_COUNTS, "lost")
FIGURE += ("open",)
FIGURE += ("best", "worst", "late", "notes")
BREAKDOWN: tuple[str, ...] = ("unit", "norm", "value", "target", "status", "numerator")
BREAKDOWN += ("denominator", "backlog", "overdue", "late")
TREND = ("period", "norm_printed", "value", "target", "status")


def figure_table(
    caption: str,
    figures: Sequence[FigureRow],
    columns: Sequence[str],
    ctx: Context,
    *,
    slug: str = "",
) -> Table:
    """A table of figures, one row each, with the caveat texts of its markers beside it."""
    table = Table(caption, headers(columns), slug=slug)
    table.rows = figure_rows(figures, columns, ctx)
    table.notes = ctx.notes.listed() if "notes" in columns else []
    return table


_HEADERS: dict[tuple[str, tuple[str, ...]], list[str]] = {}


def headers(columns: Sequence[str]) -> list[str]:
    """The column headers in the current language (made once per language)."""
    key = (get_language() or "", tuple(columns))
    found = _HEADERS.get(key)
    if found is None:
        found = _HEADERS[key] = [str(COLUMNS[name].header()) for name in columns]
    return list(found)


def figure_rows(
    figures: Sequence[FigureRow], columns: Sequence[str], ctx: Context
) -> list[list[Cell]]:
    chosen = [COLUMNS[name].cell for name in columns]
    return [[cell(f, ctx) for cell in chosen] for f in figures]


def unit_matrix(
    caption: str,
    codes: Sequence[str],
    found: dict[str, list[FigureRow]],
    ctx: Context,
    *,
    slug: str = "",
) -> Table:
    """One row per objective and norm, one column per unit: value and status in each cell."""
    units: dict[str, str] = {}
    for rows in found.values():
        for f in rows:
            units.setdefault(f.unit, f"{f.unit} {f.unit_name}" if f.unit_name else f.unit)
    order = sorted(units)
    table = Table(caption, [*headers(("objective", "norm")), *(units[u] for u in order)], slug=slug)
    for code in codes:
        by_norm: dict[int | None, dict[str, FigureRow]] = {}
        for f in found.get(code, []):
            by_norm.setdefault(f.norm_index, {})[f.unit] = f
        for cells in by_norm.values():
            first = next(iter(cells.values()))
            row = [_objective(first, ctx), Cell(first.norm_printed or DASH)]
            for unit in order:
                here = cells.get(unit)
                if here is None:
                    row.append(Cell(DASH))
                    continue
                text = f"{value_text(here, ctx.language)} {status_text(here.status, ctx.language)}"
                row.append(Cell(text, css=f"status status-{here.status}"))
            table.rows.append(row)
    return table


def missing_row(code: str, ctx: Context, columns: Sequence[str]) -> list[Cell]:
    """The row of an objective with no figure in the period (not measured from cases)."""
    info = ctx.index.objectives.get(code)
    name = info.name.text(ctx.language) if info else ""
    cells = []
    for column in columns:
        if column == "objective":
            url = ctx.objective_url(code) if ctx.objective_url else None
            cells.append(Cell(f"{code} {name}".strip(), href=url))
        elif column == "status":
            text = not_measured_text(ctx.language)
            cells.append(Cell(text, css="status status-none"))
        else:
            cells.append(Cell(DASH))
    return cells
