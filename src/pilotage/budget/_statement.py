"""The periodic statement of management revenues and expenses (art. 74) as an XLSX workbook,
in French or Dutch: numbers stay numbers (with euro and percent formats), so a finance cell can
sum and chart them; every figure traces to the ledger's operations, listed on the second sheet.

Sheets: the statement per credit (opening, the changes by kind, the credit now, committed,
paid, rate, projected year end), the operations, and the execution month by month.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from pilotage.budget._credits import OpeningTable
from pilotage.budget._execution import Execution
from pilotage.budget._follow import follow
from pilotage.budget._ledger import Ledger
from pilotage.budget._operations import Counter, OperationKind
from pilotage.contract import BudgetCategory
from pilotage.errors import BudgetError

__all__ = ["LANGUAGES", "line_label", "statement_xlsx"]

LANGUAGES = ("fr", "nl")
EUR = '#,##0.00 "€";-#,##0.00 "€"'
PCT = "0.0%"
ZERO = Decimal("0.00")

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "État des recettes et des dépenses de gestion (art. 74)",
        "sheet": "État",
        "operations": "Opérations",
        "months": "Exécution mensuelle",
        "demo": "DÉMONSTRATION : opérations et exécution fictives",
        "as_of": "Situation au",
        "year": "Exercice",
        "prices": "en prix de",
        "article": "Articles budgétaires",
        "line": "Crédit",
        "opening": "Crédit initial",
        "now": "Crédit ajusté",
        "committed": "Engagé",
        "paid": "Liquidé",
        "rate": "Taux d'engagement",
        "projected": "Projection fin d'année",
        "projection_note": "Projection : rythme des mois enregistrés prolongé jusqu'en décembre.",
        "alert": "Alerte",
        "number": "N°",
        "date": "Date",
        "kind": "Nature",
        "author": "Auteur",
        "basis": "Base légale",
        "documents": "Documents",
        "movements": "Mouvements",
        "processing": "Traitement (art. 68)",
        "month": "Mois",
        "awaiting": "en attente du commissaire au Budget",
        "not_agreed": "désaccord du commissaire : à annuler par une contre-opération",
        "countered": "annulée par l'opération n°",
        "counter": "Contre-opération de l'opération n°",
        "statutory": "Personnel statutaire",
        "cap": "plafond",
        OperationKind.TRANSFER: "Transferts (art. 68)",
        OperationKind.CARRY_OVER: "Reports (art. 69)",
        OperationKind.REEVALUATION: "Réévaluation (art. 71)",
        OperationKind.OWN_REVENUE: "Recettes propres (art. 64)",
        OperationKind.ADDITIONAL_CREDIT: "Crédits complémentaires (art. 65)",
        OperationKind.SAVING: "Économies",
        BudgetCategory.PERSONNEL: "Dépenses de personnel",
        BudgetCategory.OPERATING: "Dépenses de fonctionnement",
        BudgetCategory.OPERATING_ORDINARY: "Fonctionnement ordinaire",
        BudgetCategory.OPERATING_IT: "Fonctionnement informatique",
        BudgetCategory.INVESTMENTS: "Investissements",
        BudgetCategory.INVESTMENTS_MOVABLE: "Investissements mobiliers",
        BudgetCategory.INVESTMENTS_IT: "Investissements informatiques",
        BudgetCategory.INVESTMENTS_REAL_ESTATE: "Investissements immobiliers",
        BudgetCategory.NON_LIMITATIVE: "Dépenses de fonctionnement non limitatives",
        BudgetCategory.OTHER: "Autres",
        "total": "Total",
    },
    "nl": {
        "title": "Staat van de beheersontvangsten en -uitgaven (art. 74)",
        "sheet": "Staat",
        "operations": "Verrichtingen",
        "months": "Maandelijkse uitvoering",
        "demo": "DEMONSTRATIE: fictieve verrichtingen en uitvoering",
        "as_of": "Toestand op",
        "year": "Boekjaar",
        "prices": "in prijzen van",
        "article": "Begrotingsartikelen",
        "line": "Krediet",
        "opening": "Initieel krediet",
        "now": "Aangepast krediet",
        "committed": "Vastgelegd",
        "paid": "Vereffend",
        "rate": "Vastleggingsgraad",
        "projected": "Projectie jaareinde",
        "projection_note": (
            "Projectie: het tempo van de geboekte maanden doorgetrokken tot december."
        ),
        "alert": "Waarschuwing",
        "number": "Nr.",
        "date": "Datum",
        "kind": "Aard",
        "author": "Auteur",
        "basis": "Rechtsgrond",
        "documents": "Documenten",
        "movements": "Bewegingen",
        "processing": "Behandeling (art. 68)",
        "month": "Maand",
        "awaiting": "wacht op de regeringscommissaris van Begroting",
        "not_agreed": "niet akkoord van de commissaris: tegen te boeken",
        "countered": "tenietgedaan door verrichting nr.",
        "counter": "Tegenboeking van verrichting nr.",
        "statutory": "Statutair personeel",
        "cap": "plafond",
        OperationKind.TRANSFER: "Herverdelingen (art. 68)",
        OperationKind.CARRY_OVER: "Overdrachten (art. 69)",
        OperationKind.REEVALUATION: "Herraming (art. 71)",
        OperationKind.OWN_REVENUE: "Eigen ontvangsten (art. 64)",
        OperationKind.ADDITIONAL_CREDIT: "Bijkomende kredieten (art. 65)",
        OperationKind.SAVING: "Besparingen",
        BudgetCategory.PERSONNEL: "Personeelsuitgaven",
        BudgetCategory.OPERATING: "Werkingsuitgaven",
        BudgetCategory.OPERATING_ORDINARY: "Gewone werking",
        BudgetCategory.OPERATING_IT: "Informaticawerking",
        BudgetCategory.INVESTMENTS: "Investeringen",
        BudgetCategory.INVESTMENTS_MOVABLE: "Roerende investeringen",
        BudgetCategory.INVESTMENTS_IT: "Informatica-investeringen",
        BudgetCategory.INVESTMENTS_REAL_ESTATE: "Vastgoedinvesteringen",
        BudgetCategory.NON_LIMITATIVE: "Niet-limitatieve werkingsuitgaven",
        BudgetCategory.OTHER: "Andere",
        "total": "Totaal",
    },
}
_KINDS = [k for k in OperationKind if k is not OperationKind.COUNTER]


def words(language: str) -> dict[str, str]:
    if language not in _WORDS:
        raise BudgetError(f"language {language!r}: the statement is made in {', '.join(LANGUAGES)}")
    return _WORDS[language]


_ENGLISH = {
    BudgetCategory.PERSONNEL: "Personnel expenses",
    BudgetCategory.OPERATING: "Operating expenses",
    BudgetCategory.OPERATING_ORDINARY: "Ordinary operating",
    BudgetCategory.OPERATING_IT: "IT operating",
    BudgetCategory.INVESTMENTS: "Investments",
    BudgetCategory.INVESTMENTS_MOVABLE: "Movable investments",
    BudgetCategory.INVESTMENTS_IT: "IT investments",
    BudgetCategory.INVESTMENTS_REAL_ESTATE: "Real-estate investments",
    BudgetCategory.NON_LIMITATIVE: "Non-limitative operating expenses",
    BudgetCategory.OTHER: "Other",
}


def line_label(table: OpeningTable, code: str, year: int, language: str) -> str:
    """A credit's or line's name in `language` (fr, nl, en): the contract's own words where it
    gives them in that language, else the name of its category."""
    if code == "total":
        return {"fr": "Total", "nl": "Totaal"}.get(language, "Total")
    item = table.groups.get(code)
    category = item.category if item else table.credit(code, year).category
    label = item.label if item else table.credit(code, year).label
    own = getattr(label, language, None)
    if own:
        return str(own)
    if category is None:
        return code
    return _ENGLISH[category] if language == "en" else words(language)[str(category)]


def _by_kind(ledger: Ledger, code: str, year: int, on: dt.date | None) -> dict[str, Decimal]:
    """The change of `code` in `year` by kind of operation; a counter counts with the kind it
    undoes, so the columns say what the credit became and why."""
    members = set(ledger.table.members(code))
    found = dict.fromkeys(map(str, _KINDS), ZERO)
    for e in ledger.entries:
        if on is not None and e.on > on:
            continue
        op = e.operation
        kind = ledger.entry(op.of).operation.kind if isinstance(op, Counter) else op.kind
        found[str(kind)] += sum(
            (m.amount for m in e.movements if m.year == year and m.credit in members), ZERO
        )
    return found


def _cells(sheet: Any, row: int, values: list[Any], formats: dict[int, str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=col, value=value)
        if col in formats and value is not None:
            cell.number_format = formats[col]


def statement_xlsx(
    ledger: Ledger,
    year: int,
    language: str = "fr",
    *,
    on: dt.date | None = None,
    execution: Execution | None = None,
) -> bytes:
    """The statement of `year` as it stands on `on` (default: everything recorded)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    w = words(language)
    t = ledger.table
    t.credit(t.codes()[0], year)  # a year of the budget, or BudgetError
    execution = execution or ledger.execution or Execution()
    book = Workbook()
    sheet = book.active
    sheet.title = w["sheet"]
    bold = Font(bold=True)
    demo = execution.demonstration or any(e.operation.demonstration for e in ledger.entries)
    sheet["A1"] = f"{w['title']} — {t.institution} — {t.contract_id}"
    sheet["A1"].font = Font(bold=True, size=13)
    prices = t.credit(t.codes()[0], year).prices_of
    sheet["A2"] = f"{w['year']} {year}" + (f" ({w['prices']} {prices})" if prices != year else "")
    sheet["A3"] = w["as_of"]
    sheet["B3"] = on or max((e.on for e in ledger.entries), default=dt.date(year, 1, 1))
    sheet["B3"].number_format = "yyyy-mm-dd"
    if demo:
        sheet["A4"] = w["demo"]
        sheet["A4"].font = Font(bold=True, color="C00000")
    header = [w["article"], w["line"], w["opening"], *(w[k] for k in _KINDS)]
    header += [w["now"], w["committed"], w["paid"], w["rate"], w["projected"], w["alert"]]
    _cells(sheet, 6, header, {})
    for cell in sheet[6]:
        cell.font = bold
    money = dict.fromkeys(range(3, len(header)), EUR)
    rate_col = 4 + len(_KINDS) + 3
    money[rate_col] = PCT
    codes = [*t.codes(), *t.groups]
    follow_ups = {f.code: f for f in follow(ledger, execution, year, codes)}
    row = 7
    for code in codes:
        f = follow_ups[code]
        articles = ", ".join(t.credit(code, year).article_codes) if code in t.codes() else ""
        changes = _by_kind(ledger, code, year, on)
        values: list[Any] = [articles, line_label(t, code, year, language)]
        values += [t.opening(code, year), *(changes[str(k)] for k in _KINDS)]
        values += [ledger.balance(code, year, on), f.committed, f.paid]
        values += [f.rate, f.projected, f.alert.text if f.alert else None]
        _cells(sheet, row, values, money)
        if code in t.groups:
            for cell in sheet[row]:
                cell.font = bold
        row += 1
    sheet.cell(row=row + 1, column=1, value=w["projection_note"])
    statutory, cap = ledger.statutory(year, on), t.statutory_personnel_cap.get(year)
    if statutory is not None:
        _cells(sheet, row + 2, [w["statutory"], None, statutory, w["cap"], cap], {3: EUR, 5: EUR})
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 40
    for letter in "CDEFGHIJKLMN":
        sheet.column_dimensions[letter].width = 18
    _operations(book.create_sheet(w["operations"]), ledger, year, w, bold)
    _months(book.create_sheet(w["months"]), ledger, execution, year, w, bold, language)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _operations(sheet: Any, ledger: Ledger, year: int, w: dict[str, str], bold: Any) -> None:
    header = [w["number"], w["date"], w["kind"], w["author"], w["basis"], w["documents"]]
    header += [w["movements"], w["processing"]]
    _cells(sheet, 1, header, {})
    for cell in sheet[1]:
        cell.font = bold
    row = 2
    for e in ledger.entries:
        moves = [m for m in e.movements if m.year == year]
        if not moves:
            continue
        op = e.operation
        kind = w.get(str(op.kind), str(op.kind))
        if isinstance(op, Counter):
            kind = f"{w['counter']} {op.of}"
        step = ledger.processing_of(e.number)
        refused = f" — {w['not_agreed']}" if step and not step.agreed else ""
        processing = (
            f"{step.on.isoformat()} {step.by} ({step.reference}){refused}"
            if step
            else w["awaiting"]
            if e in ledger.awaiting_processing()
            else ""
        )
        countered = ledger.countered(e.number)
        if countered is not None:
            processing = f"{processing} — {w['countered']} {countered.number}".strip(" —")
        moved = "; ".join(f"{m.credit} {m.amount:+,.2f}" for m in moves)
        basis = ("DEMONSTRATION — " if op.demonstration else "") + op.basis
        values = [e.number, op.on, kind, op.author, basis, "; ".join(op.documents), moved]
        _cells(sheet, row, [*values, processing], {2: "yyyy-mm-dd"})
        row += 1
    for letter, width in zip("ABCDEFGH", (6, 12, 28, 16, 40, 30, 60, 40), strict=True):
        sheet.column_dimensions[letter].width = width


def _months(
    sheet: Any,
    ledger: Ledger,
    execution: Execution,
    year: int,
    w: dict[str, str],
    bold: Any,
    language: str,
) -> None:
    header = [w["line"], w["month"], w["now"], w["committed"], w["paid"], w["rate"]]
    _cells(sheet, 1, header, {})
    for cell in sheet[1]:
        cell.font = bold
    row = 2
    for f in follow(ledger, execution, year, [*ledger.table.codes(), "total"]):
        label = line_label(ledger.table, f.code, year, language)
        for m in f.months:
            values = [label, f"{year}-{m.month:02d}", m.credit, m.committed, m.paid, m.rate]
            _cells(sheet, row, values, {3: EUR, 4: EUR, 5: EUR, 6: PCT})
            row += 1
    sheet.column_dimensions["A"].width = 40
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 18
