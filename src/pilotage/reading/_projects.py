"""Projects as the INAMI form prints them (articles with Intitulé, Cadre, Actions-engagements,
Effets attendus, Facteurs externes), the continuous missions and the management budget, as
contract elements."""

from __future__ import annotations

import re

from pilotage.contract.actions import Action, Article, ContinuousMission, ExternalFactor
from pilotage.contract.base import LocalText
from pilotage.contract.budget import Budget, BudgetCategory, BudgetLine
from pilotage.contract.lineage import LineageKind, LineageRemark
from pilotage.contract.structure import MissionCategory, Strategy
from pilotage.reading._articles import ArticleBlock, split_items
from pilotage.reading._budget import BudgetRow, read_budget, read_personnel_caps
from pilotage.reading._deadlines import read_deadline
from pilotage.reading._lineage import References, origin_remark
from pilotage.reading._missions import read_missions
from pilotage.reading._outline import Outline
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import Line, join_lines, provenance

__all__ = ["project_article", "read_budget_table", "read_continuous_missions", "strategy_of"]

_CADRE = {
    "octroyer": "octroyer",
    "contrôler": "controler",
    "informer": "informer",
    "conseiller": "conseiller",
    "réglementer": "reglementer",
    "percevoir": "percevoir",
    "gérer": "gerer",
    "payer": "payer",
}


# the same mission categories in Dutch, German ("Kader": toekennen, controleren, ...)
_CADRE_WORDS = {
    "octroyer": r"octroyer|toekennen|gewähren",
    "controler": r"contrôler|controleren|kontrollieren",
    "informer": r"informer|informeren|informieren",
    "conseiller": r"conseiller|adviseren|beraten",
    "reglementer": r"réglementer|reglementeren|regeln",
    "percevoir": r"percevoir|innen|erheben",
    "gerer": r"gérer|beheren|verwalten",
    "payer": r"payer|betalen|zahlen",
}


def text_of(value: str, language: str = "fr") -> LocalText:
    return LocalText.model_validate({language: value or "?"})


def project_article(block: ArticleBlock, refs: References, report: ReviewReport) -> Article:
    """An article with its sections, in the document's language (the references')."""
    language = refs.language
    sections = block.sections

    def section(name: str) -> str:
        return join_lines(x.text for x in sections.get(name, []))

    cadre_printed = section("cadre")
    cadre = [
        code
        for code, words in _CADRE_WORDS.items()
        if re.search(rf"\b(?:{words})", cadre_printed, re.I)
    ]
    actions = [
        Action(
            number=item.number,
            text=text_of(item.text or item.number, language),
            deadline=read_deadline(item.deadline, item.line, report) if item.deadline else None,
            source=provenance(item.line, block.number),
        )
        for item in block.actions
    ]
    for item in block.actions:
        if item.deadline is None:
            report.add(
                FindingKind.MISSING,
                f"art. {block.number} action {item.number} prints no deadline",
                item.line.number,
                item.line.page,
            )
    parent = block.number.rsplit(".", 1)[0] if "." in block.number else None
    return Article(
        number=block.number,
        title=text_of(block.title, language),
        parent=parent,
        origin=[origin_remark(block.origin, block.origin_line, refs)] if block.origin else [],
        intitule=text_of(section("intitule"), language) if section("intitule") else None,
        cadre=cadre,
        cadre_printed=cadre_printed or None,
        axes_printed=[text for _, text in split_items(sections.get("axes", []))],
        context=text_of(section("contexte"), language) if section("contexte") else None,
        actions=actions,
        expected_effects=[text_of(t, language) for _, t in split_items(sections.get("effets", []))],
        external_factors=[
            ExternalFactor(text=text_of(t, language), source=provenance(line))
            for line, t in split_items(sections.get("facteurs", []))
        ],
        source=provenance(block.line, block.number),
    )


def strategy_of(articles: list[Article], language: str = "fr") -> Strategy | None:
    """The mission categories the articles' "Cadre" lines name, so that their codes resolve."""
    codes = list(dict.fromkeys(code for a in articles for code in a.cadre))
    if not codes:
        return None
    names = {code: word for word, code in _CADRE.items()}
    return Strategy(
        mission_categories=[
            MissionCategory(code=c, name=text_of(names[c].capitalize(), language)) for c in codes
        ]
    )


def read_continuous_missions(
    body: list[Line], refs: References, report: ReviewReport
) -> list[ContinuousMission]:
    out = []
    for row in read_missions(body):
        origin = [
            LineageRemark(
                kind=LineageKind.ORIGIN,
                document=next(iter(refs.named_in(document)), None),
                chapters=[article],
                printed=text_of(f"{document} : art.{article}", refs.language),
                source=provenance(row.line),
            )
            for document, article in row.origins
        ]
        pairs = list(zip(row.actions, row.deadlines, strict=False)) or [
            ("", d) for d in row.deadlines
        ]
        several = len(row.deadlines) > 1
        for k, (_, printed) in enumerate(pairs):
            code = f"{row.number}{chr(ord('a') + k)}" if several else row.number
            out.append(
                ContinuousMission(
                    code=code,
                    title=text_of(row.process, refs.language),
                    origin=origin,
                    origin_printed=", ".join(row.origin.split("; ")) or None,
                    deadline=read_deadline(printed, row.line, report),
                    service=row.service,
                    source=provenance(row.line),
                )
            )
    return out


def _budget_line(row: BudgetRow, language: str) -> BudgetLine:
    return BudgetLine(
        code=row.code,
        label=text_of(row.label, language),
        category=row.category,
        limitative=row.category is not BudgetCategory.NON_LIMITATIVE,
        amounts=row.amounts,
        children=[_budget_line(c, language) for c in row.children],
        source=provenance(row.line),
    )


def read_budget_table(
    lines: list[Line], outline: Outline, report: ReviewReport, language: str
) -> tuple[Budget | None, set[int]]:
    """The management budget table, and the lines it was read from."""
    table = read_budget(lines, report)
    if table is None:
        return None, set()
    if not table.rows:
        report.add(
            FindingKind.UNPARSED_ROW,
            f"a budget table header ({table.years}) with no row that parses",
            table.line.number,
            table.line.page,
            table.line.text,
        )
        return None, {table.line.number}
    caps, cap_line = read_personnel_caps(lines)
    if not caps:
        report.add(FindingKind.MISSING, "no statutory personnel cap found in the text")
    used = {table.line.number} | {r.line.number for r in table.rows}
    used |= {c.line.number for r in table.rows for c in r.children}
    if table.total_line is not None:
        used.add(table.total_line.number)
    if cap_line is not None:
        used.add(cap_line.number)
    notes = [x for x in lines if x.text and any(x.text in n for n in table.notes)]
    used |= {x.number for x in notes}
    budget = Budget(
        years=table.years,
        prices_of=table.prices_of,
        lines=[_budget_line(r, language) for r in table.rows],
        total=table.total,
        statutory_personnel_cap=caps,
        notes=[text_of(n, language) for n in table.notes],
        source=provenance(table.line, outline.chapter_of.get(table.line.number)),
    )
    return budget, used
