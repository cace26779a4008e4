"""Execution files, read as strictly as case records; rates, projection, alerts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]

from pilotage.budget import (
    AlertKind,
    Execution,
    ExecutionLine,
    Ledger,
    OpeningTable,
    Transfer,
    follow,
    read_execution,
)
from pilotage.errors import BudgetRuleError, ImportFileError

D = Decimal
HEADER = "month,article,credit,committed,paid\n"


def write(tmp_path: Path, body: str, name: str = "execution.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_good_file_is_read_by_article_or_by_credit(
    tmp_path: Path, inami_table: OpeningTable
) -> None:
    path = write(
        tmp_path,
        '2014-01,8111,,"7.500.000,00",7400000\n'
        "2014-01,8112,,1000000.5,1000000.5\n"
        '2014-02,,operating.it,"1.200.000,00","900.000,00"\n'
        "2014-02,8721,investments.movable,100,0\n",
    )
    report = read_execution(path, inami_table)
    assert report.ok
    assert report.rows == 4
    execution = report.execution
    assert execution is not None
    assert execution.committed(2014, "personnel") == D("8500000.50")
    assert execution.paid(2014, "operating.it", through=1) == D("0.00")
    assert execution.committed(2014, "investments.movable") == D("100.00")
    assert execution.months(2014) == [1, 2]


def test_every_bad_row_is_named_and_nothing_is_taken(
    tmp_path: Path, inami_table: OpeningTable
) -> None:
    path = write(
        tmp_path,
        "2014-13,8111,,1,1\n"  # row 2
        "2016-01,8111,,1,1\n"  # row 3
        "2014-01,9999,,1,1\n"  # row 4
        "2014-01,8721,,1,1\n"  # row 5: movable and real estate
        "2014-01,,canteen,1,1\n"  # row 6
        "2014-01,8142,personnel,1,1\n"  # row 7
        "2014-01,8111,,1.5.0,\n"  # row 8
        "2014-01,,,1,1\n"  # row 9
        "2014-02,8111,,1,1\n"  # row 10
        "2014-02,8111,,1,1\n",  # row 11: the same as row 10
    )
    report = read_execution(path, inami_table)
    assert report.execution is None
    shown = [str(r).removeprefix(f"{path}: ") for r in report.rejections]
    assert shown == [
        "row 2: month '2014-13': expected a month as YYYY-MM (2014-03)",
        "row 3: month '2016-01': 2016 is not a year of the budget of inami-2013-2015 "
        "(2013, 2014, 2015)",
        "row 4: article '9999': budget article '9999' is in no credit of inami-2013-2015: the "
        "contract gives article codes for personnel, operating.ordinary, operating.it, "
        "investments.it, investments.movable, investments.real_estate; give the credit's code "
        "instead",
        "row 5: article '8721': budget article '8721' is listed under several credits "
        "(investments.movable, investments.real_estate): give the credit's code with it",
        "row 6: credit 'canteen': no credit 'canteen' in the budget of inami-2013-2015; credits: "
        "personnel, operating.ordinary, operating.it, investments.it, investments.movable, "
        "investments.real_estate",
        "row 7: article '8142': not a budget article of the credit personnel "
        "(8111, 8112, 8113, 8114)",
        "row 8: committed '1.5.0': is not an amount in euros: write 1234.56, 1234,56 or "
        "1.234.567,89 (at most two decimals)",
        "row 8: paid: required: the month's amount in euros (0 when none)",
        "row 9: article: give the budget article (8111 ...) or the credit's code (credit column)",
        "row 11: month '2014-02': the same month and article as row 10: one row per month and "
        "article (or credit)",
    ]


def test_a_file_that_is_not_an_execution_file_is_refused_whole(
    tmp_path: Path, inami_table: OpeningTable
) -> None:
    path = tmp_path / "x.csv"
    path.write_text("month,amount\n2014-01,1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="columns missing: committed, paid"):
        read_execution(path, inami_table)
    path.write_text("month,credit,committed,paid,comment\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="unknown columns: comment"):
        read_execution(path, inami_table)
    with pytest.raises(ImportFileError, match="no such file"):
        read_execution(tmp_path / "missing.csv", inami_table)


def test_an_xlsx_file_is_read_the_same(tmp_path: Path, inami_table: OpeningTable) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["month", "article", "credit", "committed", "paid"])
    sheet.append(["2014-03", "8141", None, 1234.5, 1000])
    path = tmp_path / "execution.xlsx"
    book.save(path)
    report = read_execution(path, inami_table)
    assert report.execution is not None
    assert report.execution.committed(2014, "operating.it") == D("1234.50")


def _lines(code: str, monthly: str, months: int) -> Execution:
    return Execution(
        tuple(ExecutionLine(2014, m, code, D(monthly), D(monthly)) for m in range(1, months + 1))
    )


def test_rates_projection_and_a_credit_that_runs_out(inami: Ledger) -> None:
    # investments.it 2014: 475 000. 50 000 a month for 4 months: 200 000 (42.1%); the pace
    # projects 600 000 by December and runs out in month 10 (9 x 50 000 = 450 000 <= 475 000).
    execution = _lines("investments.it", "50000", 4)
    (f,) = follow(inami, execution, 2014, ["investments.it"])
    assert [m.committed for m in f.months] == [D(50000), D(100000), D(150000), D(200000)]
    assert f.rate == D("0.4211")
    assert f.projected == D("600000.00")
    assert f.alert is not None
    assert f.alert.kind is AlertKind.RUNS_OUT
    assert f.alert.month == 10
    assert "runs out in month 10; projected year end 600.000,00 EUR" in f.alert.text


def test_a_group_sums_its_credits_and_near_and_overdrawn_alerts(inami: Ledger) -> None:
    execution = Execution(
        (
            ExecutionLine(2014, 12, "operating.it", D("15000000"), D(0)),
            ExecutionLine(2014, 12, "operating.ordinary", D("16000000"), D(0)),
        )
    )
    it, ordinary, operating = follow(
        inami, execution, 2014, ["operating.it", "operating.ordinary", "operating"]
    )
    assert it.alert is not None
    assert it.alert.kind is AlertKind.NEAR
    assert it.alert.text == "operating.it 2014: 93.2% of the credit committed by month 12"
    assert ordinary.alert is not None
    assert ordinary.alert.kind is AlertKind.OVERDRAWN
    assert "(a limitative credit: art. 67)" in ordinary.alert.text
    assert operating.committed == D("31000000.00")
    assert operating.credit == D("31173764.00")


def test_a_transfer_may_not_take_what_is_already_committed(inami_table: OpeningTable) -> None:
    ledger = Ledger(inami_table, execution=_lines("investments.it", "50000", 4))
    move = Transfer(
        on=dt.date(2014, 3, 15),
        author="a",
        basis="art. 68",
        year=2014,
        source="investments.it",
        target="operating.it",
        amount=D("330000"),
    )
    with pytest.raises(
        BudgetRuleError,
        match=r"would leave 145\.000,00 EUR on 2014-03-15, less than the 150\.000,00 EUR "
        r"already committed",
    ):
        ledger.record(move)
