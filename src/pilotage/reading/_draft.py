"""The draft builder: a document's constructs assembled into a contract, with the review report.

`read_document(path)` reads the document, `build_draft(source)` does the rest. It never stops
because an element is missing: the draft holds what was found, and when the document does not
give what a contract file needs (its period, its institution) the draft is written without it,
`contract` is None and the problems say which fields to fill in. Only an unreadable file is an
error (`DocumentReadError`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pilotage.contract import (
    Chapter,
    Contract,
    ContractKind,
    ExportFormat,
    Institution,
    Language,
    LocalText,
    Party,
    PartyRole,
    Problem,
    Signatory,
    Validity,
    check_contract,
    dump_contract,
    parse_contract,
    to_plain,
)
from pilotage.errors import ContractInvalidError
from pilotage.reading._articles import read_articles
from pilotage.reading._carriers import (
    Placed,
    Unit,
    common_heading,
    place_sentences,
    read_sentences,
)
from pilotage.reading._coverage import ChapterIndex, fact_lines, record_coverage
from pilotage.reading._decree import read_decree
from pilotage.reading._identity import Identity, read_identity, slug
from pilotage.reading._keytasks import read_key_task_blocks
from pilotage.reading._language import one_column
from pilotage.reading._lineage import References, remarks_of
from pilotage.reading._missions import missions_lines
from pilotage.reading._norms import read_norm_tables
from pilotage.reading._outline import Outline, read_outline
from pilotage.reading._passage import one_paragraph_a_line
from pilotage.reading._projects import (
    project_article,
    read_budget_table,
    read_continuous_missions,
    strategy_of,
    text_of,
)
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._running_budget import running_budget
from pilotage.reading._services import build_services
from pilotage.reading._source import Source, join_lines, load_source, provenance
from pilotage.reading._structure import Structure, read_structure

__all__ = ["Draft", "build_draft", "read_document"]


@dataclass
class Draft:
    """A contract read from a document, with what a human must review.

    `contract` is None when the document does not give a field every contract file needs; `data`
    is what the draft file holds either way."""

    contract: Contract | None
    report: ReviewReport
    problems: list[Problem] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def to_yaml(self) -> str:
        header = (
            f"# Draft read from {self.report.document} by `pilotage contract import-document`.\n"
            "# Review it with its report before use; source.line is a line of the document.\n"
        )
        if self.contract is not None:
            return header + dump_contract(self.contract, ExportFormat.YAML)
        header += "".join(
            f"# NOT FOUND in the document, to fill in: {what}\n" for what in self.missing
        )
        text = yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False, width=100)
        return header + text


def _chapters(
    outline: Outline, structure: Structure, refs: References, amends: str | None, language: str
) -> list[Chapter]:
    out = []
    for h in outline.headings:
        lineage = [
            r for remark in h.remarks for r in remarks_of(remark.printed, remark.line, refs, amends)
        ]
        out.append(
            Chapter(
                number=h.number,
                title=text_of(h.title, language),
                lineage=lineage,
                source=provenance(h.line),
            )
        )
    taken = {c.number for c in out}
    for heading in structure.headings:
        if heading.path not in taken:
            taken.add(heading.path)
            out.append(
                Chapter(
                    number=heading.path,
                    title=text_of(heading.title or heading.label, language),
                    source=provenance(heading.line),
                )
            )
    return out


def _parties(identity: Identity, language: str) -> list[Party]:
    out = []
    for block in identity.parties.blocks:
        out.append(
            Party(
                role=PartyRole(block.role),
                name=text_of(block.name, language),
                signatories=[
                    Signatory(name=name, function=text_of(function or "signataire", language))
                    for name, function in block.signatories
                ],
                source=provenance(block.line),
            )
        )
    return out


def _title(
    identity: Identity, code: str | None, years: tuple[int, int] | None, kind: ContractKind
) -> str:
    """The document's own title; else one made of what was read (kind, institution, years)."""
    if identity.title:
        return identity.title
    if code is None:
        code = "(institution not found)"
    span = f" {years[0]}-{years[1]}" if years else ""
    base = identity.amendment.years if identity.amendment else None
    base_span = f" {base[0]}-{base[1]}" if base else ""
    nl = identity.language.primary == "nl"
    if kind is ContractKind.AMENDMENT:
        if nl:
            return f"Aanhangsel{span} bij de bestuursovereenkomst {code}{base_span}"
        return f"Avenant{span} du contrat d'administration {code}{base_span}"
    return f"Bestuursovereenkomst {code}{span}" if nl else f"Contrat d'administration {code}{span}"


def _units(
    outline: Outline, structure: Structure, projects: set[str], structured: set[int]
) -> tuple[list[Unit], bool]:
    """Where sentences are read, and whether the articles are the draft's articles; the
    projects (read with their own sections) are not read again."""
    if structure.articles:
        units = []
        for a in structure.articles:
            if a.number in projects:
                continue
            heading = a.heading
            title = a.title or (heading.title if heading else None) or ""
            units.append(
                Unit(
                    a.number,
                    title,
                    a.line,
                    a.lines,
                    heading.path if heading else None,
                    carrier=not projects,
                    common=common_heading(heading.titles if heading else []),
                    reason="a provision of the contract, not one of its projects"
                    if projects
                    else "",
                )
            )
        return units, not projects
    units = []
    titles = {h.number: h.title for h in outline.headings}
    for h in outline.headings:
        carrier = not any(x.number in structured for x in h.body)
        parts = h.number.split(".")
        chain = [titles.get(".".join(parts[:k]), "") for k in range(1, len(parts) + 1)]
        reason = "" if carrier else "its commitments are read from its tables and blocks"
        units.append(
            Unit(
                h.number, h.title, h.line, h.body, h.number, carrier, common_heading(chain), reason
            )
        )
    return units, False


def _article_title(unit: Unit) -> str:
    if unit.title:
        return unit.title
    words = join_lines(x.text for x in unit.lines[:2]).split()
    return " ".join(words[:10]) + (" …" if len(words) > 10 else "")


def _articles_of(units: list[Unit], placed: Placed, all_units: bool, language: str) -> list[Any]:
    from pilotage.contract import Article

    out = []
    for unit in units:
        facts = placed.by_unit.get(unit.number)
        if facts is None and not all_units:
            continue
        indicators, actions = facts or ([], [])
        text = join_lines(x.text for x in unit.lines)
        out.append(
            Article(
                number=unit.number,
                title=text_of(_article_title(unit), language),
                context=text_of(text, language) if all_units and text else None,
                actions=actions,
                result_indicators=indicators,
                source=provenance(unit.line, unit.chapter),
            )
        )
    return out


def _structured_lines(outline: Outline, missions: set[int], budget: set[int]) -> set[int]:
    """Lines already read as a construct: norm tables, key-task blocks, missions, budget."""
    lines = set(missions) | set(budget)
    for table in read_norm_tables(outline, ReviewReport("")):
        lines.add(table.line.number)
        for row in table.rows:
            last = row.last or row.line
            lines |= set(range(row.line.number, last.number + 1))
    for block in read_key_task_blocks(outline):
        lines |= {block.line.number, block.objective_line.number, block.indicator_line.number}
    return lines


def build_draft(source: Source) -> Draft:
    """Read every construct of a normalised document and assemble the draft contract."""
    report = ReviewReport(source.name)
    lines, columns = one_column(source.lines)
    decree, lines = read_decree(lines)
    outline = _outline(Source(source.name, lines, source.dropped))
    body = outline.body
    identity = read_identity(body, decree, report, columns)
    language = identity.language.primary
    period = (identity.period.start, identity.period.end) if identity.period else None
    validity = Validity(start=period[0], end=period[1]) if period else None
    code = identity.institution.code
    refs = References(
        code or "contract", (period[0].year, period[1].year) if period else None, language
    )
    amends = None
    if identity.amendment is not None:
        base = identity.amendment
        if base.years:
            amends = refs.contract(*base.years, f"{base.printed}"[:120] or "amended contract")
        else:
            amends = refs.base_contract(base.ordinal, base.printed)
    kind = ContractKind.AMENDMENT if amends else ContractKind.CONTRACT
    tables = read_norm_tables(outline, report)
    blocks = read_key_task_blocks(outline)
    services = (
        build_services(outline, tables, blocks, validity, report, language) if validity else []
    )
    article_blocks, _ = read_articles(body)
    projects = [project_article(b, refs, report) for b in article_blocks]
    structure = read_structure(body)
    for repeat in structure.repeats:
        report.add(
            FindingKind.REPEATED,
            f"article {repeat.number} is printed again (first at line "
            f"{repeat.printed_twice.number if repeat.printed_twice else '?'}); the first print "
            "is kept",
            repeat.line.number,
            repeat.line.page,
        )
    missions = read_continuous_missions(body, refs, report)
    budget, budget_used = read_budget_table(
        body, outline, report, language, (period[0].year, period[1].year) if period else None
    )
    structured = _structured_lines(outline, missions_lines(body), budget_used)
    units, all_units = _units(outline, structure, {p.number for p in projects}, structured)
    per_line = one_paragraph_a_line(body)
    found = read_sentences(units, period, per_line, structured)
    placed = place_sentences(found, period, language, report)
    if budget is None:
        budget, budget_used = running_budget(placed.amounts, period, language, report)
    if budget is None:
        report.add(FindingKind.MISSING, "no management budget (table or amounts in sentences)")
    articles = projects or _articles_of(units, placed, all_units, language)
    chapters = _chapters(outline, structure, refs, amends, language)
    if projects:
        numbers = {c.number for c in chapters}
        chapters += [
            Chapter(
                number=u.number,
                title=text_of(u.title or u.number, language),
                source=provenance(u.line),
            )
            for u in units
            if u.number not in numbers and u.number not in {p.number for p in projects}
        ]
    for facts in placed.unplaced:
        report.add(
            FindingKind.UNPLACED,
            f"{unit_kind(facts.unit)} {facts.unit.number} states "
            + ", ".join(
                [f.printed for f in facts.norms] + [d.printed for d in facts.dues]
            )
            + (": the contract has no period to date it" if period is None else
               f": not placed ({facts.unit.reason or 'no place for it'})"),
            facts.sentence.line.number,
            facts.sentence.line.page,
            facts.sentence.text[:240],
        )  # fmt: skip
    years = (period[0].year, period[1].year) if period else None
    institution = identity.institution
    fields: dict[str, Any] = {
        "id": f"{slug(code or source.name)}-{years[0]}-{years[1]}" if years else slug(source.name),
        "kind": kind,
        "title": text_of(_title(identity, code, years, kind), language),
        "institution": (
            Institution(
                code=code,
                name=text_of(institution.name or code, language),
                acronym=LocalText.model_validate(institution.acronyms)
                if institution.acronyms
                else None,
                seat=identity.parties.seat,
            )
            if code
            else None
        ),
        "period": validity,
        "effective": _effective(identity, period),
        "amends": amends,
        "languages": [Language(x) for x in identity.language.languages],
        "legal_basis": [text_of(act, language) for act in identity.legal_basis],
        "parties": _parties(identity, language),
        "signed_at": identity.signed_at,
        "signed_on": identity.signed_on,
        "references": list(refs.found.values()),
        "chapters": chapters,
        "strategy": strategy_of(projects, language),
        "services": services,
        "articles": articles,
        "continuous_missions": missions,
        "budget": budget,
        "common_commitments": placed.common,
        "source": provenance(source.lines[0] if source.lines else None),
    }
    contract, problems, data, missing = _assemble(fields, source.name)
    for problem in problems:
        report.add(
            FindingKind.CHECK,
            f"pilotage contract check ({problem.severity.value}): {problem.path}: "
            f"{problem.message}",
        )
    _counts(report, contract, data, outline, structure, placed)
    read = (
        structured | budget_used | placed.fact_lines | {x.number for x in identity.parties.region}
    )
    read |= {x.number for x in identity.title_lines}
    if identity.signed_line is not None:
        read.add(identity.signed_line.number)
    read |= {n for facts in placed.unplaced for n in facts.sentence.numbers}  # reported apart
    read |= {x.number for b in article_blocks for x in b.sections.get("actions", [])}
    if decree.title_line is not None:
        read.add(decree.title_line.number)
    index = ChapterIndex(
        [(h.line.number, h.number) for h in outline.headings]
        + [(h.line.number, h.path) for h in structure.headings]
        + (
            [(a.line.number, f"art. {a.number}") for a in structure.articles]
            if not structure.headings and not outline.headings
            else []
        )
    )
    record_coverage(report, body, _fact_lines(contract, data), read, index, per_line)
    return Draft(contract, report, problems, data, missing)


def _outline(source: Source) -> Outline:
    """The numbered chapters; "1." / "1.2." numbers when the document has no other chapters
    and no articles (where "1." starts an item of a list)."""
    plain = read_outline(source)
    if len(plain.headings) >= 3 or read_structure(plain.body).articles:
        return plain
    dotted = read_outline(source, dotted=True)
    return dotted if len(dotted.headings) >= 3 else plain


def unit_kind(unit: Unit) -> str:
    return "article" if unit.number[:1].isdigit() and "." not in unit.number else "chapter"


def _effective(identity: Identity, period: tuple[dt.date, dt.date] | None) -> dt.date | None:
    decree = identity.decree
    if decree.effective and period and decree.effective != period[0]:
        return decree.effective if period[0] <= decree.effective <= period[1] else None
    return None


def _assemble(
    fields: dict[str, Any], name: str
) -> tuple[Contract | None, list[Problem], dict[str, Any], list[str]]:
    present = {k: v for k, v in fields.items() if v is not None}
    missing = [k for k in ("period", "institution") if fields.get(k) is None]
    if not missing:
        contract = Contract(**present)
        return contract, check_contract(contract, name), to_plain(contract), []
    data: dict[str, Any] = {"format": "pilotage-contract/1"}
    data.update({k: to_plain(v) for k, v in present.items() if to_plain(v) not in ([], {})})
    try:
        parse_contract(data, name)
        problems: list[Problem] = []
    except ContractInvalidError as exc:
        problems = [p for p in exc.problems if isinstance(p, Problem)]
    hints = {
        "period": "period: {start: YYYY-MM-DD, end: YYYY-MM-DD}",
        "institution": "institution: {code: ..., name: {fr: ...}}",
    }
    return None, problems, data, [hints[m] for m in missing]


def _fact_lines(contract: Contract | None, data: dict[str, Any]) -> dict[str, list[int]]:
    """The lines facts come from; an incomplete draft is located with a stand-in period."""
    if contract is None:
        stand_in = {
            **data,
            "id": data.get("id", "draft"),
            "period": {"start": "2000-01-01", "end": "2000-12-31"},
            "institution": data.get("institution") or {"code": "?", "name": {"fr": "?"}},
        }
        try:
            contract = Contract.model_validate(stand_in)
        except ValueError:  # pydantic's ValidationError: a part that does not validate
            return {"objectives": [], "norms": [], "actions": [], "budget_lines": []}
    return fact_lines(contract)


def _counts(
    report: ReviewReport,
    contract: Contract | None,
    data: dict[str, Any],
    outline: Outline,
    structure: Structure,
    placed: Placed,
) -> None:
    facts = _fact_lines(contract, data)
    articles = data.get("articles", [])
    report.counts = {
        "services": len(data.get("services", [])),
        "objectives": len(facts["objectives"]),
        "norms": len(facts["norms"]),
        "articles": len(articles),
        "actions": sum(len(a.get("actions", [])) for a in articles),
        "continuous_missions": len(data.get("continuous_missions", [])),
        "common_commitments": len(data.get("common_commitments", [])),
        "budget_lines": len(facts["budget_lines"]),
        "footnotes": len(outline.footnotes),
        "chapters": len(data.get("chapters", [])),
        "headings": len(structure.headings),
        "sentence_facts_unplaced": len(placed.unplaced),
    }


def read_document(path: str | Path) -> Draft:
    """Read a contract document (.txt, .pdf, .docx) into a draft contract and its review report."""
    return build_draft(load_source(path))
