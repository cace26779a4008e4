"""The quarterly dashboard pack: a builder over the document model (see docs/reports.md).

For a contract and a period, per service and per objective: the figures of the published
result set chosen for the period against their norms, a trend chart and table per objective,
the contract's caveats as footnotes, and the versions cited (the contract version, every
result set a figure comes from). Every cell is written by `pilotage.reports._figures`, the
functions the dashboard pages write theirs with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pilotage.contract import IndicatorKind
from pilotage.engine import IndicatorResult
from pilotage.errors import ReportError
from pilotage.reports import _figures as fx
from pilotage.reports._charts import trend_svg
from pilotage.reports._document import (
    Chart,
    Citation,
    Document,
    FigureTable,
    Footnote,
    Paragraph,
    Section,
    Text,
    TitlePage,
)
from pilotage.reports._sources import DashboardData, PublishedVersion, TrendPoint
from pilotage.reports._words import say

__all__ = ["PACK_COLUMNS", "Scope", "dashboard_document"]

PACK_COLUMNS = (
    "Objective",
    "Norm",
    "Value",
    "Target",
    "Status",
    "Num. / den.",
    "Median / p90 (days)",
    "Backlog / overdue",
)
_NUMERIC = frozenset({2, 5, 6, 7})
_WIDTHS = (3.0, 2.5, 1.0, 1.2, 1.3, 1.3, 1.3, 1.4)
_TREND_COLUMNS = ("Period", "Norm", "Value", "Target", "Status", "Source")


@dataclass(frozen=True)
class Scope:
    """What a pack covers: the whole contract, one service, or one objective."""

    service: str | None = None
    objective: str | None = None

    def name_parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.service, self.objective) if p)


@dataclass
class _Builder:
    data: DashboardData
    language: str

    def say(self, message: str, **values: object) -> str:
        return say(message, self.language, **values)

    @property
    def source(self) -> str:
        published = self.data.published
        assert published is not None
        return self.say("Source: %(source)s", source=published.describe(self.language))

    def notes(self, notes: fx.Notes, f: IndicatorResult) -> tuple[Footnote, ...]:
        out = []
        for marker, text in notes.notes(f):
            number = marker.strip("[]")
            if number.startswith("*"):
                out.append(Footnote(text))
            else:
                out.append(
                    Footnote(self.say("Contract footnote %(n)s: %(text)s", n=number, text=text))
                )
        return tuple(out)

    def objective_name(self, code: str) -> str:
        info = self.data.index.objectives.get(code)
        name = info.name.text(self.language) if info else ""
        return f"{code} {name}".strip()

    def figure_row(self, f: IndicatorResult, notes: fx.Notes) -> tuple[Text, ...]:
        lang, index = self.language, self.data.index
        return (
            Text(self.objective_name(f.objective), self.notes(notes, f)),
            Text(fx.norm_text(f, index, lang)),
            Text(fx.value_text(f, lang)),
            Text(fx.target_text(f, lang)),
            Text(fx.status_text(f.status, lang)),
            Text(fx.pair_text(f.numerator, f.denominator, lang)),
            Text(fx.pair_text(f.median_delay, f.p90_delay, lang)),
            Text(fx.pair_text(f.backlog, f.overdue, lang)),
        )

    def missing_row(self, code: str) -> tuple[Text, ...]:
        cells = [Text(fx.DASH)] * len(PACK_COLUMNS)
        cells[0] = Text(self.objective_name(code))
        cells[4] = Text(fx.not_measured_text(self.language))
        return tuple(cells)

    def objectives_table(self, caption: str, codes: Sequence[str]) -> FigureTable:
        notes = fx.Notes(self.data.index, self.language)
        rows: list[tuple[Text, ...]] = []
        for code, found in fx.by_objective(codes, self.data.figures):
            if found:
                rows += [self.figure_row(f, notes) for f in found]
            else:
                rows.append(self.missing_row(code))
        return FigureTable(
            caption,
            tuple(self.say(h) for h in PACK_COLUMNS),
            tuple(rows),
            source=self.source,
            numeric=_NUMERIC,
            widths=_WIDTHS,
        )

    def status_table(self, codes: set[str]) -> FigureTable:
        counts = dict.fromkeys(fx.STATUSES, 0)
        for f in self.data.figures:
            if f.objective not in codes:
                continue
            counts[f.status] = counts.get(f.status, 0) + 1
        rows = tuple(
            (Text(fx.status_text(s, self.language)), Text(str(n))) for s, n in counts.items()
        )
        return FigureTable(
            self.say("Figures per status"),
            (self.say("Status"), self.say("Figures")),
            rows,
            source=self.source,
            numeric=frozenset({1}),
            widths=(3, 1),
        )

    def trend(self, code: str) -> list[Chart | FigureTable]:
        """Per norm of the objective, its chart, then one table of every period's figure."""
        series: dict[int | None, list[TrendPoint]] = {}
        for point in self.data.trend:
            if point.figure.objective == code:
                series.setdefault(point.figure.norm_index, []).append(point)
        if not series:
            return []
        blocks: list[Chart | FigureTable] = []
        periods = self.data.trend_periods
        rows = []
        for norm_index, points in series.items():
            at = {p.figure.period: p.figure for p in points}
            first = points[0].figure
            norm = self.data.index.norm(code, first.indicator, norm_index)
            label = (norm.printed if norm and norm.printed else None) or first.norm_printed or ""
            title = f"{code} {label}".strip()
            svg = trend_svg(
                title,
                periods,
                [at[p].value if p in at else None for p in periods],
                [_target(at.get(p)) for p in periods],
                value_label=self.say("Value"),
                target_label=self.say("Target"),
                percent=first.value is None or first.kind != IndicatorKind.COUNT,
            )
            sources = sorted({p.source for p in points}, key=lambda v: v.id)
            blocks.append(
                Chart(
                    title,
                    svg,
                    self.say("value per period (solid line) against the target (dashed line)"),
                    source=self.say(
                        "Source: %(source)s",
                        source="; ".join(v.short(self.language) for v in sources),
                    ),
                )
            )
            for p in points:
                f = p.figure
                rows.append(
                    (
                        Text(f.period),
                        Text(f.norm_printed or fx.DASH),
                        Text(fx.value_text(f, self.language)),
                        Text(fx.target_text(f, self.language)),
                        Text(fx.status_text(f.status, self.language)),
                        Text(p.source.short(self.language)),
                    )
                )
        blocks.append(
            FigureTable(
                self.say("Trend of %(code)s", code=code),
                tuple(self.say(h) for h in _TREND_COLUMNS),
                tuple(rows),
                numeric=frozenset({2}),
                widths=(1.2, 1.6, 1.0, 1.6, 1.6, 1.6),
            )
        )
        return blocks

    def objective_section(self, code: str) -> Section:
        blocks = tuple(self.trend(code))
        return Section(self.objective_name(code), blocks, anchor=f"o-{code}")

    def service_section(self, code: str, objectives: Sequence[str] | None = None) -> Section:
        info = self.data.index.service(code)
        assert info is not None
        caption = f"{info.code} — {info.name.text(self.language)}"
        codes = objectives if objectives is not None else info.objectives
        table = self.objectives_table(caption, codes)
        subsections = tuple(self.objective_section(c) for c in codes)
        return Section(caption, (table, *subsections), anchor=f"s-{code}")

    def common_section(self) -> Section:
        codes = self.data.index.common
        title = self.say("Common commitments")
        table = self.objectives_table(title, codes)
        return Section(title, (table, *(self.objective_section(c) for c in codes)), "common")

    def summary(self, codes: set[str]) -> Section:
        text = self.say(
            "The figures are those of the published result set cited; a figure once published "
            "never changes. A status is read against the norm in force in the period; caveats "
            "of the contract are given as footnotes."
        )
        return Section(self.say("Summary"), (Paragraph(text), self.status_table(codes)), "summary")

    def cover(self, scope: Scope, issued: dt.date | None) -> TitlePage:
        data, lang = self.data, self.language
        contract = data.contract
        published = data.published
        assert published is not None
        quarter = "-Q" in data.period
        title = self.say(
            "Quarterly dashboard %(period)s" if quarter else "Dashboard %(period)s",
            period=data.period,
        )
        if scope.objective:
            title += f" — {scope.objective}"
        elif scope.service:
            title += f" — {scope.service}"
        if scope.objective:
            covered = self.objective_name(scope.objective)
        elif scope.service:
            info = data.index.service(scope.service)
            name = info.name.text(lang) if info else ""
            covered = self.say("Service %(code)s — %(name)s", code=scope.service, name=name)
        else:
            covered = self.say("the whole contract")
        facts = [
            (self.say("Contract"), f"{contract.id} — {contract.title.text(lang)}"),
            (
                self.say("Institution"),
                f"{contract.institution.code} — {contract.institution.name.text(lang)}",
            ),
            (
                self.say("Contract period"),
                f"{contract.period.start.isoformat()} – "
                + (contract.period.end.isoformat() if contract.period.end else "…"),
            ),
            (self.say("Period"), data.period),
            (self.say("Level"), self.say("institution")),
            (self.say("Scope"), covered),
            (self.say("Published result set"), published.describe(lang)),
        ]
        if issued is not None:
            facts.append((self.say("Issued on"), issued.isoformat()))
        banner = (
            self.say("DEMONSTRATION DATA: synthetic cases generated by pilotage, no real person")
            if published.demo
            else None
        )
        return TitlePage(title, contract.title.text(lang), tuple(facts), banner)

    def citations(self) -> tuple[Citation, ...]:
        data = self.data
        assert data.published is not None
        cited: list[PublishedVersion] = [data.published]
        for point in data.trend:
            if point.source not in cited:
                cited.append(point.source)
        contract = self.say(
            "%(id)s, SHA-256 %(sha)s", id=data.contract.id, sha=data.contract_sha256
        )
        out = [Citation(self.say("Contract version"), contract)]
        out += [
            Citation(self.say("Published result set"), v.describe(self.language)) for v in cited
        ]
        return tuple(out)


def _target(f: IndicatorResult | None) -> float | None:
    return None if f is None or f.target_in_period is None else float(f.target_in_period)


def dashboard_document(
    data: DashboardData,
    language: str,
    *,
    scope: Scope | None = None,
    issued: dt.date | None = None,
) -> Document:
    """The dashboard pack of `data` in `language`, for the whole contract or `scope`."""
    scope = scope or Scope()
    b = _Builder(data, language)
    index = data.index
    if data.published is None:
        missing = b.say("no published result set holds this period")
        raise ReportError(f"{index.contract.id} {data.period}: {missing}")
    sections: list[Section] = []
    codes: set[str] = set(index.objectives)
    if scope.objective is not None:
        info = index.objectives.get(scope.objective)
        if info is None:
            known = ", ".join(index.objectives)
            raise ReportError(
                f"no objective {scope.objective!r} in {index.contract.id} (objectives: {known})"
            )
        codes = {info.code}
        if info.service is not None:
            sections.append(b.service_section(info.service, [info.code]))
        else:
            sections.append(b.objective_section(info.code))
    elif scope.service is not None:
        if index.service(scope.service) is None:
            known = ", ".join(s.code for s in index.services)
            raise ReportError(
                f"no service {scope.service!r} in {index.contract.id} (services: {known})"
            )
        sections.append(b.service_section(scope.service))
        service = index.service(scope.service)
        codes = set(service.objectives) if service else set()
    else:
        sections += [b.service_section(s.code) for s in index.services]
        if index.common:
            sections.append(b.common_section())
    sections.insert(0, b.summary(codes))
    labels = {
        "contents": b.say("Contents"),
        "citations": b.say("Versions cited"),
        "page": b.say("Page"),
        "toc_hint": b.say("Update the table of contents (F9) to show its page numbers."),
    }
    return Document(language, b.cover(scope, issued), tuple(sections), b.citations(), labels)
