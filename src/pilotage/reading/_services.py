"""Services, key tasks, objectives, indicators and norms from key-task blocks and norm tables.

The conventions for what a printed cell means are the seed's:

| cells            | indicator kind                     | norm                              |
|------------------|------------------------------------|-----------------------------------|
| "120 | 90%"      | timeliness                         | 120 calendar days, elapsed; >= 90%|
| "31 mai | 95%"   | timeliness                         | fixed date 31/5                   |
| "Année X | 600"  | count (Nombre column)              | >= 600 per year                   |
| "Année X | 100%" | plan_share ("plan d'audit")        | per year                          |
| "- | 80%"        | amount_ratio ("taux d'encaissement"), else share                       |
| "- 7 | 90%"      | timeliness when footnote 7 gives the delays in months                  |
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from pilotage.contract import (
    Caveat,
    CaveatKind,
    Convention,
    Delay,
    DelayUnit,
    Indicator,
    IndicatorKind,
    KeyTask,
    LocalText,
    Norm,
    Objective,
    Operator,
    PeriodKind,
    Population,
    Service,
    Target,
    TargetUnit,
    Transfer,
    Validity,
)
from pilotage.reading._keytasks import KeyTaskBlock
from pilotage.reading._norms import MONTHS, NormRow, NormTable
from pilotage.reading._outline import Footnote, Outline
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import provenance as source_of

__all__ = ["build_services"]


def _text(value: str, language: str = "fr") -> LocalText:
    return LocalText.model_validate({language: value or "?"})


@dataclass
class _Objective:
    code: str
    rows: list[tuple[NormRow, NormTable]] = field(default_factory=list)
    block: KeyTaskBlock | None = None


_MONTH_DELAY = re.compile(
    r"dans les (\d+) mois (?:de la|suivant la) (.+?)(?= de | /|\.|$)", re.IGNORECASE
)


# The events that start a per-category delay, named as the contract vocabulary names them.
_START_EVENTS = {
    "réception tardive": "late_receipt",
    "date d'échéance": "due_date",
    "date d’échéance": "due_date",
}


def _delays_from_note(note: Footnote | None) -> list[Delay]:
    if note is None:
        return []
    found = _MONTH_DELAY.findall(note.text)
    if not found:
        return []
    return [
        Delay(
            unit=DelayUnit.MONTHS,
            value=int(n),
            category=what.strip() if len(found) > 1 else None,
            start_event=_START_EVENTS.get(what.strip().lower()) if len(found) > 1 else None,
        )
        for n, what in found
    ]


_FROM = re.compile(r"qu[’']à partir du (\d{1,2})(?:er)? (\w+) (\d{4})", re.IGNORECASE)
_EXCEPT = re.compile(r"à l[’']exception des missions [\"«]\s*([^\"»]+?)\s*[\"»]", re.IGNORECASE)


def _population(notes: list[Footnote]) -> Population | None:
    """The cases a norm counts, when a footnote says so ("ne s'appliqueront aux demandes qu'à
    partir du 1er janvier 2019"; "à l'exception des missions "revenu manquant"")."""
    started: dt.date | None = None
    excluded: list[str] = []
    for note in notes:
        match = _FROM.search(note.text)
        if match and match.group(2).lower() in MONTHS:
            started = dt.date(
                int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1))
            )
        for category in _EXCEPT.findall(note.text):
            if category not in excluded:
                excluded.append(category)
    if started is None and not excluded:
        return None
    return Population(started_from=started, exclude_categories=excluded)


def _label(row: NormRow, outline: Outline) -> str:
    """Tells apart two norms of one objective in the words of their footnote: "50% des missions
    dans les 90 jours", "80% des missions dans les 180 jours (norme de base)"."""
    notes = " ".join(outline.footnotes[r].text for r in row.refs if r in outline.footnotes)
    noun = re.search(r"de toutes les (\w+)", notes)
    label = f"{row.value} des {noun.group(1) if noun else 'cas'} dans les {row.delay} jours"
    value = re.escape(row.value.replace("%", "").strip())
    base = (
        rf"norme de base consiste à traiter {value}\s*%[^.]*dans les {re.escape(row.delay)} jours"
    )
    return label + (" (norme de base)" if re.search(base, notes) else "")


def _target(value: str) -> Target:
    operator = Operator.GE
    if value.startswith(("≤", "<=")):
        operator = Operator.LE
    number = re.search(r"\d+(?:[.,]\d+)?", value)
    amount = Decimal(number.group(0).replace(",", ".")) if number else Decimal(0)
    unit = TargetUnit.PERCENT if "%" in value else TargetUnit.COUNT
    return Target(operator=operator, value=amount, unit=unit)


def _events(name: str) -> tuple[str, str]:
    low = name.lower()
    if re.search(r"information|informatie", low):
        return "request_received", "answer_sent"
    if re.search(r"paiement|betaling", low):
        return "request_received", "payment_made"
    if re.search(r"rappel|herinnering", low):
        return "contribution_due", "reminder_sent"
    return "request_received", "decision_sent"


def _norm(
    row: NormRow,
    table: NormTable,
    period: Validity,
    indicator_name: str,
    outline: Outline,
    label: str | None,
    language: str = "fr",
) -> tuple[Norm, IndicatorKind]:
    valid = period
    if table.years:
        valid = Validity(start=dt.date(table.years[0], 1, 1), end=dt.date(table.years[1], 12, 31))
    target = _target(row.value)
    low = indicator_name.lower()
    delays: list[Delay] = []
    per: PeriodKind | None = None
    kind = IndicatorKind.SHARE
    cell = row.delay
    if cell.isdigit():
        delays = [
            Delay(unit=DelayUnit.CALENDAR_DAYS, value=int(cell), convention=Convention.ELAPSED)
        ]
        kind = IndicatorKind.TIMELINESS
    elif cell.split()[-1] in MONTHS:
        day, month = cell.split()
        delays = [Delay(unit=DelayUnit.FIXED_DATE, month=MONTHS[month], day=int(day))]
        kind = IndicatorKind.TIMELINESS
    elif cell.startswith(("Année", "Jaar")):
        per = PeriodKind.YEAR
        if target.unit is TargetUnit.COUNT:
            kind = IndicatorKind.COUNT
        elif re.search(r"plan d['’]audit|auditplan", low):
            kind = IndicatorKind.PLAN_SHARE
    else:
        note = outline.footnotes.get(row.delay_ref) if row.delay_ref else None
        delays = _delays_from_note(note)
        if delays:
            kind = IndicatorKind.TIMELINESS
        elif re.search(r"encaissement|inningsgraad|inning", low):
            kind = IndicatorKind.AMOUNT_RATIO
            per = PeriodKind.YEAR
        if "annuel" in low:
            per = PeriodKind.YEAR
    norm = Norm(
        valid=valid,
        label=_text(label, language) if label else None,
        printed=row.printed,
        delays=delays,
        target=target,
        per=per,
        footnotes=row.refs,
        source=source_of(row.line, row.chapter),
    )
    return norm, kind


def _caveat(note: Footnote, language: str) -> Caveat:
    return Caveat(
        footnote=note.number,
        kind=CaveatKind.CONTEXT,
        text=_text(note.text, note.language),
        source=source_of(note.line),
    )


def build_services(
    outline: Outline,
    tables: list[NormTable],
    blocks: list[KeyTaskBlock],
    period: Validity,
    report: ReviewReport,
    language: str = "fr",
) -> list[Service]:
    objectives: dict[str, _Objective] = {}
    order: list[tuple[str, str, str]] = []  # (service, key task, objective)
    task_rows: dict[str, NormRow] = {}
    for table in tables:
        for row in table.rows:
            if row.objective not in objectives:
                objectives[row.objective] = _Objective(row.objective)
                order.append((row.service, row.key_task, row.objective))
            objectives[row.objective].rows.append((row, table))
            task_rows.setdefault(row.key_task, row)
    for kt in blocks:
        if kt.objective not in objectives:
            objectives[kt.objective] = _Objective(kt.objective)
            order.append((kt.key_task.split()[0], kt.key_task, kt.objective))
        objectives[kt.objective].block = kt
        first = task_rows.get(kt.key_task)
        if first and first.description != kt.key_task_name:
            report.add(
                FindingKind.NAME_MISMATCH,
                f"key task {kt.key_task} is named {kt.key_task_name!r} in its block and "
                f"{first.description!r} in the norm table; the table's name is kept",
                kt.line.number,
                kt.line.page,
            )
    for note in outline.footnotes.values():
        if note.language != language:
            report.add(
                FindingKind.FOOTNOTE_LANGUAGE,
                f"footnote {note.number} is in {note.language!r}, the text in {language!r}",
                note.line.number,
                note.line.page,
                note.text[:80],
            )

    services: dict[str, Service] = {}
    tasks: dict[str, KeyTask] = {}
    built: dict[str, list[Objective]] = {}
    for service_code, task_code, code in order:
        item = objectives[code]
        block = item.block
        row0 = item.rows[0][0] if item.rows else None
        chapter = (
            outline.chapter_of.get(block.line.number) if block else row0.chapter if row0 else None
        )
        name = block.objective_name if block else row0.description if row0 else code
        indicator_name = block.indicator_name if block else name
        indicator_line = block.indicator_line if block else row0.line if row0 else None
        norms: list[Norm] = []
        kinds: list[IndicatorKind] = []
        for row, table in item.rows:
            label = _label(row, outline) if len(item.rows) > 1 else None
            norm, kind = _norm(row, table, period, indicator_name, outline, label, language)
            norms.append(norm)
            kinds.append(kind)
        task_refs = [r for b in blocks if b.key_task == task_code for r in b.task_refs]
        refs = [r for row, _ in item.rows for r in row.refs] + (block.refs if block else [])
        refs += task_refs
        population = _population([outline.footnotes[r] for r in refs if r in outline.footnotes])
        if population is not None:
            norms = [n.model_copy(update={"population": population}) for n in norms]
        caveats = [
            _caveat(outline.footnotes[r], language)
            for r in dict.fromkeys(refs)
            if r in outline.footnotes
        ]
        kind = kinds[0] if kinds else IndicatorKind.SHARE
        start, end = _events(indicator_name) if kind is IndicatorKind.TIMELINESS else (None, None)
        if not norms:
            report.add(
                FindingKind.NO_NORM,
                f"objective {code} has no row in a norm table",
                block.objective_line.number if block else None,
                block.objective_line.page if block else None,
            )
        indicator = Indicator(
            code=code,
            name=_text(indicator_name, language),
            kind=kind,
            start_event=start,
            end_event=end,
            unit=norms[0].target.unit if norms and norms[0].target else TargetUnit.PERCENT,
            norms=norms,
            no_norm_reason=None if norms else _text("no norm printed in the document", "en"),
            source=source_of(indicator_line),
        )
        objective = Objective(
            code=code,
            name=_text(name, language),
            indicators=[indicator],
            caveats=caveats,
            chapter=chapter,
            source=source_of(block.objective_line if block else row0.line if row0 else None),
        )
        built.setdefault(task_code, []).append(objective)
        if task_code not in tasks:
            task_row = task_rows.get(task_code)
            tasks[task_code] = KeyTask(
                code=task_code,
                name=_text(
                    language=language,
                    value=task_row.description
                    if task_row
                    else block.key_task_name
                    if block
                    else task_code,
                ),
                chapter=chapter,
                source=source_of(block.line if block else task_row.line if task_row else None),
            )
        services.setdefault(service_code, _service(service_code, outline, chapter, language))
    task_order = list(dict.fromkeys((s, t) for s, t, _ in order))
    out: list[Service] = []
    for service_code, service in services.items():
        key_tasks = [
            tasks[t].model_copy(update={"objectives": built[t]})
            for s, t in task_order
            if s == service_code
        ]
        out.append(service.model_copy(update={"key_tasks": key_tasks}))
    return _transfers(outline, _chapter_caveats(outline, out, language))


_TRANSFER = re.compile(
    r"A partir de (\d{4}), cette tâche clé relèvera de la compétence du service (\w+)",
    re.IGNORECASE,
)


def _transfers(outline: Outline, services: list[Service]) -> list[Service]:
    """ "A partir de 2020, cette tâche clé relèvera de la compétence du service Pensions", as a
    footnote of the key task's chapter: the key task moves to the service named so."""
    moves: dict[str, tuple[str, dt.date, Footnote]] = {}  # chapter -> (service word, date, note)
    for h in outline.headings:
        for ref in h.refs:
            note = outline.footnotes.get(ref)
            match = _TRANSFER.search(note.text) if note else None
            if match and note:
                moves[h.number] = (match.group(2), dt.date(int(match.group(1)), 1, 1), note)
    if not moves:
        return services
    out = []
    for service in services:
        tasks = []
        for task in service.key_tasks:
            move = moves.get(task.chapter or "")
            target = next(
                (s.code for s in services if move and move[0].lower() in s.name.text().lower()),
                None,
            )
            if move and target:
                transfer = Transfer(
                    to_service=target,
                    effective=move[1],
                    printed=_text(move[2].text, move[2].language),
                    source=source_of(move[2].line),
                )
                task = task.model_copy(update={"transfers": [transfer]})
            tasks.append(task)
        out.append(service.model_copy(update={"key_tasks": tasks}))
    return out


def _service(code: str, outline: Outline, chapter: str | None, language: str) -> Service:
    """A service named after the chapter that names its code ("... (VOB)"), else its own."""
    heading = None
    for h in outline.headings:
        if re.search(rf"\({re.escape(code)}\)|\b{re.escape(code)}\b", h.title.replace("-", "")):
            heading = h
            break
    if heading is None and chapter:
        parts = chapter.split(".")
        heading = outline.heading(".".join(parts[:2])) or outline.heading(chapter)
    title = re.sub(r"\s*\([^)]*\)\s*$", "", heading.title) if heading else code
    return Service(
        code=code,
        name=_text(title or code, language),
        chapter=heading.number if heading else chapter,
        source=source_of(heading.line if heading else None),
    )


def _chapter_caveats(outline: Outline, services: list[Service], language: str) -> list[Service]:
    """A footnote called from a chapter title applies to the services of that chapter."""
    out = []
    for service in services:
        chapters = {o.chapter for t in service.key_tasks for o in t.objectives if o.chapter}
        chapters |= {service.chapter} if service.chapter else set()
        notes = [
            outline.footnotes[r]
            for h in outline.headings
            for r in h.refs
            if any(c == h.number or c.startswith(h.number + ".") for c in chapters)
            and r in outline.footnotes
        ]
        if notes:
            numbers = dict.fromkeys(n.number for n in notes)
            caveats = [_caveat(outline.footnotes[n], language) for n in numbers]
            service = service.model_copy(update={"caveats": caveats})
        out.append(service)
    return out
