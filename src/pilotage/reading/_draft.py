"""The draft builder: a document's constructs assembled into a contract, with the review report.

`read_document(path)` reads the document, `build_draft(source)` does the rest. The draft is a
`Contract` (every element with its `source: {line, page}`) beside the `ReviewReport`, and the
problems `pilotage contract check` would raise on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pilotage.contract.actions import Action, Article, ContinuousMission, ExternalFactor
from pilotage.contract.base import Language, LocalText, Validity
from pilotage.contract.budget import Budget, BudgetCategory, BudgetLine
from pilotage.contract.checks import check_contract
from pilotage.contract.files import ExportFormat, Problem, dump_contract
from pilotage.contract.lineage import LineageKind, LineageRemark
from pilotage.contract.model import (
    Contract,
    ContractKind,
    Institution,
    Party,
    PartyRole,
    Signatory,
)
from pilotage.contract.structure import Chapter, MissionCategory, Strategy
from pilotage.reading._articles import ArticleBlock, read_articles, split_items
from pilotage.reading._budget import BudgetRow, read_budget, read_personnel_caps
from pilotage.reading._deadlines import read_deadline
from pilotage.reading._keytasks import read_key_task_blocks
from pilotage.reading._lineage import References, origin_remark, remarks_of
from pilotage.reading._missions import read_missions
from pilotage.reading._norms import read_norm_tables
from pilotage.reading._outline import Outline, read_outline
from pilotage.reading._parties import Preamble, read_preamble
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._services import build_services
from pilotage.reading._source import (
    DocumentReadError,
    Line,
    Source,
    join_lines,
    load_source,
    provenance,
)

__all__ = ["Draft", "build_draft", "read_document"]

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


@dataclass
class Draft:
    """A contract read from a document, with what a human must review."""

    contract: Contract
    report: ReviewReport
    problems: list[Problem] = field(default_factory=list)

    def to_yaml(self) -> str:
        header = (
            f"# Draft read from {self.report.document} by `pilotage contract import-document`.\n"
            "# Review it with its report before use; source.line is a line of the document.\n"
        )
        return header + dump_contract(self.contract, ExportFormat.YAML)


def _text(value: str) -> LocalText:
    return LocalText(fr=value or "?")


def _chapters(outline: Outline, refs: References, amends: str | None) -> list[Chapter]:
    out = []
    for h in outline.headings:
        lineage = [
            r for remark in h.remarks for r in remarks_of(remark.printed, remark.line, refs, amends)
        ]
        out.append(
            Chapter(
                number=h.number, title=_text(h.title), lineage=lineage, source=provenance(h.line)
            )
        )
    return out


def _article(block: ArticleBlock, refs: References, report: ReviewReport) -> Article:
    sections = block.sections

    def text_of(name: str) -> str:
        return join_lines(x.text for x in sections.get(name, []))

    cadre_printed = text_of("cadre")
    cadre = [code for word, code in _CADRE.items() if re.search(rf"\b{word}", cadre_printed, re.I)]
    actions = [
        Action(
            number=item.number,
            text=_text(item.text or item.number),
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
        title=_text(block.title),
        parent=parent,
        origin=[origin_remark(block.origin, block.origin_line, refs)] if block.origin else [],
        intitule=_text(text_of("intitule")) if text_of("intitule") else None,
        cadre=cadre,
        cadre_printed=cadre_printed or None,
        axes_printed=[text for _, text in split_items(sections.get("axes", []))],
        context=_text(text_of("contexte")) if text_of("contexte") else None,
        actions=actions,
        expected_effects=[_text(t) for _, t in split_items(sections.get("effets", []))],
        external_factors=[
            ExternalFactor(text=_text(t), source=provenance(line))
            for line, t in split_items(sections.get("facteurs", []))
        ],
        source=provenance(block.line, block.number),
    )


def _strategy(articles: list[Article]) -> Strategy | None:
    """The mission categories the articles' "Cadre" lines name, so that their codes resolve."""
    codes = list(dict.fromkeys(code for a in articles for code in a.cadre))
    if not codes:
        return None
    names = {code: word for word, code in _CADRE.items()}
    return Strategy(
        mission_categories=[
            MissionCategory(code=c, name=_text(names[c].capitalize())) for c in codes
        ]
    )


def _missions(body: list[Line], refs: References, report: ReviewReport) -> list[ContinuousMission]:
    out = []
    for row in read_missions(body):
        origin = [
            LineageRemark(
                kind=LineageKind.ORIGIN,
                document=next(iter(refs.named_in(document)), None),
                chapters=[article],
                printed=_text(f"{document} : art.{article}"),
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
                    title=_text(row.process),
                    origin=origin,
                    origin_printed=", ".join(row.origin.split("; ")) or None,
                    deadline=read_deadline(printed, row.line, report),
                    service=row.service,
                    source=provenance(row.line),
                )
            )
    return out


def _budget_line(row: BudgetRow) -> BudgetLine:
    return BudgetLine(
        code=row.code,
        label=_text(row.label),
        category=row.category,
        limitative=row.category is not BudgetCategory.NON_LIMITATIVE,
        amounts=row.amounts,
        children=[_budget_line(c) for c in row.children],
        source=provenance(row.line),
    )


def _budget(lines: list[Line], outline: Outline, report: ReviewReport) -> Budget | None:
    table = read_budget(lines, report)
    if table is None:
        return None
    caps, _cap_line = read_personnel_caps(lines)
    if not caps:
        report.add(FindingKind.MISSING, "no statutory personnel cap found in the text")
    return Budget(
        years=table.years,
        prices_of=table.prices_of,
        lines=[_budget_line(r) for r in table.rows],
        total=table.total,
        statutory_personnel_cap=caps,
        notes=[_text(n) for n in table.notes],
        source=provenance(table.line, outline.chapter_of.get(table.line.number)),
    )


def _parties(preamble: Preamble, report: ReviewReport) -> list[Party]:
    out = []
    for block in preamble.parties:
        if not block.signatories:
            report.add(
                FindingKind.MISSING,
                f"the signatories of {block.name!r} were not read (printed in columns?)",
                block.line.number,
                block.line.page,
            )
        out.append(
            Party(
                role=PartyRole(block.role),
                name=_text(block.name),
                signatories=[
                    Signatory(name=name, function=_text(function or "signataire"))
                    for name, function in block.signatories
                ],
                source=provenance(block.line),
            )
        )
    return out


def build_draft(source: Source) -> Draft:
    """Read every construct of a normalised document and assemble the draft contract."""
    report = ReviewReport(source.name)
    outline = read_outline(source)
    preamble = read_preamble(outline.body)
    if preamble.period is None:
        raise DocumentReadError(
            f"{source.name}: no contract period found; expected a sentence like "
            "'pour la période du 1er janvier 2019 au 31 décembre 2020'"
        )
    if preamble.institution is None:
        raise DocumentReadError(f"{source.name}: no institution acronym (INASTI, INAMI, ...)")
    code = preamble.institution
    start, end = preamble.period
    period = Validity(start=start, end=end)
    refs = References(code, (start.year, end.year))
    amends = (
        refs.contract(*preamble.amends, f"CA {preamble.amends[0]}-{preamble.amends[1]}")
        if preamble.amends
        else None
    )
    kind = ContractKind.AMENDMENT if amends else ContractKind.CONTRACT
    tables = read_norm_tables(outline, report)
    blocks = read_key_task_blocks(outline)
    services = build_services(outline, tables, blocks, period, report)
    article_blocks, titres = read_articles(outline.body)
    articles = [_article(b, refs, report) for b in article_blocks]
    chapters = _chapters(outline, refs, amends)
    chapters += [
        Chapter(number=t.number, title=_text(t.title), source=provenance(t.line)) for t in titres
    ]
    missions = _missions(outline.body, refs, report)
    budget = _budget(outline.body, outline, report)
    if budget is None:
        report.add(FindingKind.MISSING, "no management budget table found")
    title = (
        f"Avenant {start.year}-{end.year} du contrat d'administration {code} "
        f"{preamble.amends[0]}-{preamble.amends[1]}"
        if preamble.amends
        else f"Contrat d'administration {code} {start.year}-{end.year}"
    )
    contract = Contract(
        id=f"{code.lower()}-{start.year}-{end.year}",
        kind=kind,
        amends=amends,
        title=_text(title),
        institution=Institution(
            code=code,
            name=_text(preamble.institution_name or code),
            acronym=LocalText(fr=code),
            seat=preamble.seat,
        ),
        period=period,
        languages=[Language.FR, Language.NL] if preamble.bilingual else [Language.FR],
        legal_basis=[_text(act) for act in preamble.legal_basis],
        parties=_parties(preamble, report),
        references=list(refs.found.values()),
        chapters=chapters,
        services=services,
        articles=articles,
        continuous_missions=missions,
        strategy=_strategy(articles),
        budget=budget,
        source=provenance(source.lines[0] if source.lines else None),
    )
    problems = check_contract(contract, source.name)
    for problem in problems:
        report.add(
            FindingKind.CHECK,
            f"pilotage contract check ({problem.severity.value}): {problem.path}: "
            f"{problem.message}",
        )
    report.counts = {
        "services": len(services),
        "objectives": sum(1 for _ in contract.objectives()),
        "norms": sum(len(i.norms) for _, i in contract.indicators()),
        "articles": len(articles),
        "actions": sum(1 for _ in contract.actions()),
        "continuous_missions": len(missions),
        "footnotes": len(outline.footnotes),
        "chapters": len(chapters),
    }
    return Draft(contract, report, problems)


def read_document(path: str | Path) -> Draft:
    """Read a contract document (.txt, .pdf, .docx) into a draft contract and its review report."""
    return build_draft(load_source(path))
