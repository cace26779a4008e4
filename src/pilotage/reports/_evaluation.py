"""The annual evaluation pack: the draft evaluation or the contradictory report of year N, in one
numbered version, as a `Document` (see docs/reports.md).

Built from an `EvaluationDocument` (what `pilotage.web.evaluation` holds, as sent when sent):
the cover names the contract, the year, the version and every result set cited; a section gives
the legal calendar (art. 49) with each clock's due date, days left, met or late and how late;
then per item, by kind (objectives, actions and missions, art. 50 measures, art. 51 notices):
its status, its figures against their norms (each citing its result set version) with a trend
chart per objective, caveats as footnotes, the milestones, the narrative and, in the report,
both parties' positions side by side. The cells are written by the functions below, which the
evaluation pages call too, so that a page and its pack print an item identically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from pilotage.evaluation.document import EvaluationDocument
from pilotage.evaluation.draft import FigureCite, ItemKind, MilestoneLine, ReportItem
from pilotage.reports._charts import trend_svg
from pilotage.reports._document import (
    Block,
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
from pilotage.reports._evaluation_facts import counted_text, fact_lines
from pilotage.reports._evaluation_words import status_word, word

__all__ = [
    "CLOCK_COLUMNS",
    "FIGURE_COLUMNS",
    "MILESTONE_COLUMNS",
    "clock_cells",
    "evaluation_document",
    "figure_cells",
    "milestone_cells",
    "status_word",
    "step_word",
]

DASH = "—"
FIGURE_COLUMNS = (
    "Indicator",
    "Period",
    "Norm",
    "Value",
    "Target",
    "Status",
    "Cases",
    "Result set cited",
)
MILESTONE_COLUMNS = ("Milestone", "Due", "Done on", "Status")
CLOCK_COLUMNS = ("Step", "Due", "Done on", "Status", "Days left", "Late by (days)")

_STEP = {
    "draft_sent": "draft sent",
    "meeting_held": "meeting held",
    "report_sent": "report sent",
    "closed": "closed",
}
_KINDS = (
    ((ItemKind.OBJECTIVE,), "Objectives"),
    ((ItemKind.ACTION, ItemKind.MISSION), "Actions and continuous missions"),
    ((ItemKind.ART50,), "Art. 50 measures"),
    ((ItemKind.ART51,), "Art. 51 notices"),
)


def _decimal(text: str | None) -> Decimal | None:
    try:
        return None if text is None else Decimal(text)
    except InvalidOperation:
        return None


def _number(value: float | Decimal | None, language: str | None, digits: int = 1) -> str:
    if value is None:
        return DASH
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language in ("fr", "nl") else text


def _operator(op: str | None) -> str:
    return {">=": "≥", "<=": "≤", "==": "="}.get(op or "", op or "")


def result_set_text(f: FigureCite, language: str | None) -> str:
    rs = f.result_set
    text = word(
        "result set %(id)s, version %(version)s (computed %(computed)s)",
        language,
        id=rs.id,
        version=rs.version,
        computed=rs.computed_at,
    )
    return text + (f" — {word('demonstration data', language)}" if rs.demo else "")


def figure_cells(f: FigureCite, language: str | None) -> tuple[str, ...]:
    """One figure's cells, in FIGURE_COLUMNS order (the page's and the pack's)."""
    target = _decimal(f.target)
    cases = f.numerator + (f"/{f.denominator}" if f.denominator else "")
    return (
        f.indicator,
        f.period,
        f.norm or DASH,
        _number(f.value, language),
        f"{_operator(f.target_operator)} {f.target}".strip() if target is not None else DASH,
        status_word(f.status, language),
        cases,
        result_set_text(f, language),
    )


def milestone_cells(ms: MilestoneLine, language: str | None) -> tuple[str, ...]:
    return (
        ms.key,
        ms.due.isoformat() if ms.due else DASH,
        ms.done_on.isoformat() if ms.done_on else DASH,
        status_word(ms.status, language),
    )


def step_word(name: str, language: str | None) -> str:
    """A step of the evaluation ("draft_sent") in `language`."""
    return word(_STEP[name], language) if name in _STEP else name


def clock_cells(clock: Mapping[str, Any], language: str | None) -> tuple[str, ...]:
    """A clock (`Clock.as_dict()`), in CLOCK_COLUMNS order: late ones say how late."""
    days_left, late_by = clock.get("days_left"), clock.get("late_by") or 0
    return (
        step_word(clock["name"], language),
        clock.get("due") or DASH,
        clock.get("done_on") or DASH,
        status_word(clock["status"], language),
        DASH if days_left is None else str(days_left),
        str(late_by) if late_by else DASH,
    )


class _Builder:
    def __init__(
        self,
        document: EvaluationDocument,
        language: str,
        trends: Mapping[str, Sequence[FigureCite]],
    ) -> None:
        self.doc, self.language, self.trends = document, language, trends

    def word(self, message: str, **values: object) -> str:
        return word(message, self.language, **values)

    def headers(self, columns: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.word(c) for c in columns)

    def calendar(self) -> Section:
        rows = tuple(tuple(Text(c) for c in clock_cells(c, self.language)) for c in self.doc.clocks)
        clocks = FigureTable(
            self.word("Legal calendar (art. 49)"),
            self.headers(CLOCK_COLUMNS),
            rows,
            numeric=frozenset({4, 5}),
            widths=(2.2, 1.4, 1.4, 1.8, 1.1, 1.1),
        )
        counted = tuple(
            Paragraph(f"{step_word(c['name'], self.language)}: {text}", (), "small")
            for c in self.doc.clocks
            if (text := counted_text(c, self.language))
        )
        steps = FigureTable(
            self.word("Steps"),
            self.headers(("Step", "Done on", "Done by")),
            tuple(
                (Text(step_word(s.step, self.language)), Text(s.on), Text(s.by or DASH))
                for s in self.doc.steps
            ),
            widths=(2, 1, 1.5),
        )
        heading = Paragraph(self.word("How the due date is counted"), (), "small")
        return Section(self.word("Calendar"), (clocks, heading, *counted, steps), anchor="calendar")

    def chart(self, code: str, figures: Sequence[FigureCite]) -> list[Chart]:
        series: dict[tuple[str, str | None], list[FigureCite]] = {}
        for f in figures:
            series.setdefault((f.indicator, f.norm), []).append(f)
        charts = []
        for (indicator, norm), points in series.items():
            periods = [p.period for p in points]
            title = f"{code} {indicator} {norm or ''}".strip()
            targets = [_decimal(p.target) for p in points]
            svg = trend_svg(
                title,
                periods,
                [p.value for p in points],
                [None if t is None else float(t) for t in targets],
                value_label=self.word("Value"),
                target_label=self.word("Target"),
                percent="%" in (norm or ""),
            )
            sources = "; ".join(dict.fromkeys(result_set_text(p, self.language) for p in points))
            charts.append(
                Chart(
                    title,
                    svg,
                    self.word("value per period (solid line) against the target (dashed line)"),
                    source=self.word("Source: %(source)s", source=sources),
                )
            )
        return charts

    def positions(self, entry: ReportItem) -> list[Block]:
        def side(party: str, p: Any) -> Position:
            if p is None:
                return Position(party, self.word("not written yet"))
            return Position(
                party,
                status_word(p.assessment.value, self.language),
                p.motivation,
                f"{p.author}, {p.written_at[:10]}",
            )

        pair = SideBySide(
            self.word("Positions on %(code)s", code=entry.item.code),
            side(self.word("The institution's position"), entry.institution),
            side(self.word("The commissioners' position"), entry.commissioners),
            (self.word("Motivation"), self.word("Author")),
        )
        blocks: list[Block] = [pair]
        if entry.agreed is False:
            blocks.append(
                Paragraph(self.word("No agreement: both points of view are presented (art. 47)."))
            )
        elif entry.agreed:
            blocks.append(Paragraph(self.word("Agreed.")))
        return blocks

    def item(self, entry: ReportItem, index: int) -> Section:
        item = entry.item
        notes = tuple(Footnote(c) for c in item.caveats)
        status = f"{self.word('Status')}: {status_word(item.status, self.language)}"
        blocks: list[Block] = [Paragraph(status, notes)]
        if item.figures:
            blocks.append(
                FigureTable(
                    self.word("Figures of %(code)s", code=item.code),
                    self.headers(FIGURE_COLUMNS),
                    tuple(
                        tuple(Text(c) for c in figure_cells(f, self.language)) for f in item.figures
                    ),
                    source=self.word("The figures are locked to the result set they cite."),
                    numeric=frozenset({3, 6}),
                    widths=(1.3, 0.9, 1.3, 0.8, 0.9, 1.1, 0.9, 2.4),
                )
            )
        if item.kind is ItemKind.OBJECTIVE:
            trend = self.trends.get(item.code) or item.figures
            if trend:
                blocks += self.chart(item.code, trend)
        if item.milestones:
            blocks.append(
                FigureTable(
                    self.word("Milestones of %(code)s", code=item.code),
                    self.headers(MILESTONE_COLUMNS),
                    tuple(
                        tuple(Text(c) for c in milestone_cells(ms, self.language))
                        for ms in item.milestones
                    ),
                    widths=(1, 1, 1, 1.4),
                )
            )
        for label, value in fact_lines(item, self.language):
            blocks.append(Paragraph(f"{label}: {value}" if label else value))
        for n in item.notes:
            period = f" ({n.period})" if n.period else ""
            blocks.append(Paragraph(f"{n.kind} — {n.author}{period}: {n.text}", (), "small"))
        if entry.narrative:
            blocks.append(Paragraph(f"{self.word('Narrative')}: {entry.narrative}"))
        if self.doc.kind == "report":
            blocks += self.positions(entry)
        title = f"{item.key} — {_shorten(item.title)}"
        return Section(title, tuple(blocks), anchor=f"i{index}")

    def cover(self) -> TitlePage:
        doc = self.doc
        title = (
            "Contradictory and motivated report %(period)s"
            if doc.kind == "report"
            else "Draft evaluation %(period)s"
        )
        version = str(doc.version)
        if doc.reason:
            version = self.word(
                "version %(version)s, opened because: %(text)s",
                version=doc.version,
                text=doc.reason,
            )
        sent = (
            f"{doc.sent_on} ({self.word('frozen: as sent')})"
            if doc.sent_on
            else self.word("not sent: being written")
        )
        facts = [
            (self.word("Contract"), f"{doc.contract_id} — {doc.contract_title}"),
            (self.word("Institution"), doc.institution),
            (self.word("Year evaluated"), str(doc.year)),
            (self.word("Version"), version),
            (self.word("Sent on"), sent),
        ]
        facts += [(self.word("Published result set"), text) for text in self.result_sets()]
        banner = (
            self.word(
                "DEMONSTRATION DATA: an evaluation invented by pilotage to show the cycle; not a "
                "real evaluation"
            )
            if doc.demo
            else None
        )
        return TitlePage(
            self.word(title, period=doc.year), doc.contract_title, tuple(facts), banner
        )

    def result_sets(self) -> list[str]:
        cited = [f for e in self.doc.items for f in e.item.figures]
        cited += [f for figures in self.trends.values() for f in figures]
        return list(dict.fromkeys(result_set_text(f, self.language) for f in cited))

    def citations(self) -> tuple[Citation, ...]:
        doc = self.doc
        out = [Citation(self.word("Contract"), f"{doc.contract_id} — {doc.contract_title}")]
        out += [Citation(self.word("Published result set"), t) for t in self.result_sets()]
        return tuple(out)


def _shorten(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def evaluation_document(
    document: EvaluationDocument,
    language: str,
    *,
    trends: Mapping[str, Sequence[FigureCite]] | None = None,
) -> Document:
    """The pack of one version of the draft or the report, in `language`.

    `trends` maps an objective code to the figures of its trend chart, in period order (the
    quarters of the year from the result set cited); without it, the chart draws the figures
    the item cites.
    """
    b = _Builder(document, language, trends or {})
    sections = [b.calendar()]
    position = 0
    for kinds, title in _KINDS:
        entries = [e for e in document.items if e.item.kind in kinds]
        if not entries:
            continue
        subsections = []
        for entry in entries:
            position += 1
            subsections.append(b.item(entry, position))
        sections.append(Section(b.word(title), tuple(subsections), anchor=f"k-{kinds[0].value}"))
    labels = {
        "contents": b.word("Contents"),
        "citations": b.word("Versions cited"),
        "page": b.word("Page"),
        "toc_hint": b.word("Update the table of contents (F9) to show its page numbers."),
    }
    return Document(language, b.cover(), tuple(sections), b.citations(), labels)
