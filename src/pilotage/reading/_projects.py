"""Projects as the INAMI form prints them (articles with Intitulé, Cadre, Actions-engagements,
Effets attendus, Facteurs externes), the continuous missions and the management budget, as
contract elements."""

from __future__ import annotations

import re

from pilotage.contract import (
    Action,
    Article,
    Budget,
    BudgetCategory,
    BudgetLine,
    ContinuousMission,
    ExternalFactor,
    LineageKind,
    LineageRemark,
    LocalText,
    MissionCategory,
    Strategy,
)
from pilotage.reading._articles import ArticleBlock, split_items
from pilotage.reading._budget import BudgetRow, BudgetTable, read_budget, read_personnel_caps
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


_LATER = re.compile(
    r"années suivantes|exercices suivants|années ultérieures|volgende jaren|daaropvolgende jaren|"
    r"volgende begrotingsjaren|folgenden Jahre",
    re.IGNORECASE,
)


def _later_years(
    table: BudgetTable, lines: list[Line], period: tuple[int, int] | None, report: ReviewReport
) -> tuple[list[int], str | None, Line | None]:
    """A one-year table whose later years a sentence gives by a formula ("Pour les années 2011 et
    2012, les crédits sont adaptés à l'indice santé"): those years, the sentence, its line."""
    if period is None or len(table.years) != 1 or period[1] <= table.years[0]:
        return [], None, None
    later = list(range(table.years[0] + 1, period[1] + 1))
    after = table.total_line or table.rows[-1].line
    start = next((k for k, x in enumerate(lines) if x is after), None)
    for line in lines[start + 1 : start + 15] if start is not None else []:
        named = {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", line.text)}
        if named & set(later) or _LATER.search(line.text):
            report.add(
                FindingKind.MISSING,
                f"the budget table prints {table.years[0]} only; {later[0]}-{later[-1]} "
                "follow the formula the text gives, kept as a note: their cells are left blank",
                line.number,
                line.page,
                line.text,
            )
            return later, line.text, line
    return [], None, None


def read_budget_table(
    lines: list[Line],
    outline: Outline,
    report: ReviewReport,
    language: str,
    period: tuple[int, int] | None = None,
) -> tuple[Budget | None, set[int]]:
    """The management budget table, and the lines it was read from; `period`: the contract's
    first and last years, for a table that prints only the first."""
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
    later, formula, formula_line = _later_years(table, lines, period, report)
    if formula_line is not None:
        used.add(formula_line.number)
        table.notes.append(formula or "")
        for row in table.rows:
            for part in [row, *row.children]:
                part.amounts |= dict.fromkeys(later)
        table.total |= dict.fromkeys(later)
    budget = Budget(
        years=table.years + later,
        prices_of=table.prices_of,
        lines=[_budget_line(r, language) for r in table.rows],
        total=table.total,
        statutory_personnel_cap=caps,
        notes=[text_of(n, language) for n in table.notes],
        source=provenance(table.line, outline.chapter_of.get(table.line.number)),
    )
    return budget, used
