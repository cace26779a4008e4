"""The art. 74 statement as XLSX, FR and NL: numbers as numbers, traced to the ledger."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from pilotage.budget import (
    CarryOver,
    Counter,
    Execution,
    ExecutionLine,
    Ledger,
    OpeningTable,
    Saving,
    Transfer,
    statement_xlsx,
)
from pilotage.errors import BudgetError

D = Decimal
DAY = dt.date


@pytest.fixture
def ledger(inami_table: OpeningTable) -> Ledger:
    ledger = Ledger(inami_table)
    common: dict[str, Any] = {"author": "alice", "basis": "art. 68", "year": 2014}
    ledger.record(
        Transfer(
            on=DAY(2014, 3, 1),
            source="operating.ordinary",
            target="operating.it",
            amount=D("250000"),
            documents=("note 12",),
            demonstration=True,
            **common,
        )
    )
    ledger.record(
        CarryOver(
            on=DAY(2014, 2, 1),
            author="alice",
            basis="art. 69",
            year=2013,
            credit="operating.it",
            amount=D("100000.50"),
        )
    )
    ledger.record(
        Saving(
            on=DAY(2014, 4, 1),
            author="alice",
            basis="CM",
            year=2014,
            credit="personnel",
            amount=D("1000"),
        )
    )
    ledger.record(Counter(on=DAY(2014, 5, 1), author="alice", basis="mistake", of=3))
    ledger.process(1, DAY(2014, 3, 5), "bob", "CB/14/3")
    ledger.execution = Execution(
        tuple(ExecutionLine(2014, m, "operating.it", D("1500000"), D("1400000")) for m in (1, 2, 3))
    )
    return ledger


def _sheets(data: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(data))
    return [book[name] for name in book.sheetnames]


def test_the_french_statement_holds_the_figures_as_numbers(ledger: Ledger) -> None:
    statement, operations, months = _sheets(statement_xlsx(ledger, 2014, "fr"))
    assert statement.title == "État"
    rows = {r[1]: r for r in statement.iter_rows(min_row=7, values_only=True) if r[1]}
    it = rows["Informatique"]
    assert it[0] == "8142, 8141"
    assert it[2] == 16103000  # opening
    assert D(str(it[3])) == D("250000")  # transfers
    assert D(str(it[4])) == D("100000.5")  # carry-over from 2013
    assert D(str(it[9])) == D("16453000.5")  # the credit now
    assert it[10] == 4500000  # committed
    assert it[12] == pytest.approx(4500000 / 16453000.5, abs=1e-4)  # the rate, a fraction
    assert it[13] == 18000000  # projected: 4.5 M in 3 months, at that pace to December
    assert "runs out in month 11" in it[14]
    personnel = rows["Dépenses de personnel"]
    assert personnel[8] == 0  # a saving and its counter-operation
    assert rows["Total"][9] == 125129269 + 100000.5
    cell = statement.cell(row=8, column=3)
    assert cell.number_format.startswith("#,##0.00")
    assert statement.cell(row=8, column=13).number_format == "0.0%"
    assert statement["A4"].value == "DÉMONSTRATION : opérations et exécution fictives"
    assert statement["A2"].value == "Exercice 2014 (en prix de 2013)"
    numbers = [r[0] for r in operations.iter_rows(min_row=2, values_only=True)]
    assert numbers == [1, 2, 3, 4]
    first = next(operations.iter_rows(min_row=2, values_only=True))
    assert first[4] == "DEMONSTRATION — art. 68"
    assert first[7] == "2014-03-05 bob (CB/14/3)"
    month_rows = list(months.iter_rows(min_row=2, values_only=True))
    assert month_rows[8][:5] == ("Informatique", "2014-03", 16453000.5, 4500000, 4200000)


def test_the_dutch_statement_says_it_in_dutch(ledger: Ledger) -> None:
    statement, operations, months = _sheets(statement_xlsx(ledger, 2014, "nl"))
    assert [statement.title, operations.title, months.title] == [
        "Staat",
        "Verrichtingen",
        "Maandelijkse uitvoering",
    ]
    labels = [r[1] for r in statement.iter_rows(min_row=7, values_only=True) if r[1]]
    assert labels[:3] == ["Personeelsuitgaven", "Gewone werking", "Informaticawerking"]
    assert labels[-1] == "Totaal"
    assert statement.cell(row=6, column=4).value == "Herverdelingen (art. 68)"
    kinds = [r[2] for r in operations.iter_rows(min_row=2, values_only=True)]
    assert kinds[-1] == "Tegenboeking van verrichting nr. 3"


def test_a_statement_in_another_language_or_year_is_refused(ledger: Ledger) -> None:
    with pytest.raises(BudgetError, match=r"the statement is made in fr, nl"):
        statement_xlsx(ledger, 2014, "de")
    with pytest.raises(BudgetError, match=r"year 2016 is not a year of the budget"):
        statement_xlsx(ledger, 2016, "fr")
