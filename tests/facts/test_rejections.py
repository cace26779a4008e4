"""Every reason a row is rejected, with its exact record: file, row, field, value, reason."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pilotage.contract import Contract
from pilotage.facts import DuckDBFactStore, Rejection, import_cases

from .factories import AT, ORG_UNITS, SECRET, case, write_csv


def rejected(
    store: DuckDBFactStore, contract: Contract, path: Path, rows: list[dict[str, object]]
) -> list[tuple[int, str, str, str]]:
    """Import a file of `rows` (the first is valid) and give (row, field, value, reason)."""
    write_csv(path, rows)
    report = import_cases(
        store, [path], contract, secret=SECRET, org_units=ORG_UNITS, imported_at=AT
    )
    assert all(r.file == str(path) for r in report.rejections)
    return [(r.row, r.field, r.value, r.reason) for r in report.rejections]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"objective": "VOB 9-99"},
            ("objective", "VOB 9-99", "unknown objective for contract inasti-2019-2020"),
        ),
        ({"office": "XYZ"}, ("office", "XYZ", "unknown office: not in the org units")),
        ({"start_date": "2019-02-30"}, ("start_date", "2019-02-30", "impossible date")),
        ({"end_date": "2019-04-31"}, ("end_date", "2019-04-31", "impossible date")),
        (
            {"start_date": "01/03/2019"},
            ("start_date", "01/03/2019", "not a date: expected YYYY-MM-DD"),
        ),
        (
            {"end_date": "2019-02-01"},
            ("end_date", "2019-02-01", "end before start (start_date 2019-03-01)"),
        ),
        ({"case_id": " "}, ("case_id", "", "missing required value")),
        ({"office": ""}, ("office", "", "missing required value")),
        ({"case_id": "X" * 65}, ("case_id", "X" * 65, "longer than 64 characters")),
        (
            {"start_date": "0001-01-01"},
            ("start_date", "0001-01-01", "implausible year: expected 1900 to 2100"),
        ),
        (
            {"end_date": "9999-12-31"},
            ("end_date", "9999-12-31", "implausible year: expected 1900 to 2100"),
        ),
        (
            {"category": "Bureau " * 200},
            ("category", ("Bureau " * 200)[:40] + "...", "longer than 1000 characters"),
        ),
        (
            {"amount_due": "12,50"},
            ("amount_due", "12,50", "malformed number: expected a decimal such as 1234.56"),
        ),
        (
            {"amount_collected": "1e3"},
            ("amount_collected", "1e3", "malformed number: expected a decimal such as 1234.56"),
        ),
        (
            {"amount_due": "1" * 17},
            (
                "amount_due",
                "1" * 17,
                "number out of range: at most 16 digits before the decimal point",
            ),
        ),
        (
            {"planned": "peut-être"},
            (
                "planned",
                "peut-être",
                "not a yes/no value: expected true/false, 1/0, oui/non, ja/nee",
            ),
        ),
        ({"niss": "8507300332"}, ("niss", "(withheld: 10 characters)", "NISS is not 11 digits")),
        (
            {"niss": "85.07.30-033.2X"},
            ("niss", "(withheld: 15 characters)", "NISS is not 11 digits"),
        ),
        (
            {"suspensions": "2019-03-05/2019-03-09"},
            (
                "suspensions",
                "2019-03-05/2019-03-09",
                "malformed suspension: expected YYYY-MM-DD..YYYY-MM-DD, several separated by ;",
            ),
        ),
        (
            {"suspensions": "2019-03-05..2019-02-31"},
            (
                "suspensions",
                "2019-03-05..2019-02-31",
                "malformed suspension: expected YYYY-MM-DD..YYYY-MM-DD, several separated by ;",
            ),
        ),
        (
            {"suspensions": "2019-03-09..2019-03-05"},
            ("suspensions", "2019-03-09..2019-03-05", "suspension ends before it starts"),
        ),
    ],
)
def test_each_reason_names_the_row_field_value_and_reason(
    store: DuckDBFactStore,
    inasti: Contract,
    tmp_path: Path,
    values: dict[str, object],
    expected: tuple[str, str, str],
) -> None:
    good = case(
        "C-1", niss="", amount_due="", amount_collected="", planned="", suspensions="", category=""
    )
    bad = {**case("C-2"), **{k: "" for k in good if k not in case()}, **values}
    problems = rejected(store, inasti, tmp_path / "cases.csv", [good, bad])
    assert problems == [(3, *expected)]  # the header is row 1: the bad case is row 3
    assert store.cases().count().to_pyarrow().as_py() == 1  # the good row landed


def test_a_duplicate_case_rejects_every_copy_and_names_them(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    rows = [case("C-1"), case("C-2"), case("C-1", end_date=""), case("C-1", objective="VOB 1-01")]
    problems = rejected(store, inasti, tmp_path / "cases.csv", rows)
    reason = "duplicate case_id within objective VOB 2-01 in this file (rows 2, 4)"
    assert problems == [(2, "case_id", "C-1", reason), (4, "case_id", "C-1", reason)]
    keys = store.cases().select("objective", "case_id").to_pyarrow().to_pylist()
    assert sorted((k["objective"], k["case_id"]) for k in keys) == [
        ("VOB 1-01", "C-1"),  # the same id under another objective is another case
        ("VOB 2-01", "C-2"),
    ]


def test_a_row_with_too_many_or_too_few_fields(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "case_id,objective,office,start_date\n"
        "C-1,VOB 2-01,BRU,2019-01-02\n"
        "C-2,VOB 2-01\n"
        "C-3,VOB 2-01,BRU,2019-01-02,extra\n"
        "C-4,VOB 2-01,BRU,2019-01-02\n",
        encoding="utf-8",
    )
    report = import_cases(store, [path], inasti, secret=None, imported_at=AT)
    assert report.rejections == (
        Rejection(str(path), 3, "(row)", "", "2 field(s) where the header has 4"),
        Rejection(str(path), 4, "(row)", "", "5 field(s) where the header has 4"),
    )
    assert (report.sources[0].inserted, report.sources[0].rejected) == (2, 2)
    ids = store.cases().case_id.to_pyarrow().to_pylist()
    assert sorted(ids) == ["C-1", "C-4"]


def test_several_problems_of_one_row_are_each_reported_once_it_is_rejected(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    rows = [case("C-1", amount_due="x", planned="?"), case("C-2", amount_due="", planned="")]
    path = write_csv(tmp_path / "cases.csv", rows)
    report = import_cases(store, [path], inasti, secret=None, imported_at=AT)
    assert [(r.row, r.field) for r in report.rejections] == [(2, "amount_due"), (2, "planned")]
    assert report.sources[0].rejected == 1
    assert str(report.rejections[0]) == (
        f"{path}: row 2: amount_due 'x': malformed number: expected a decimal such as 1234.56"
    )


def test_the_rejects_file_lists_every_problem(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    rows = [case("C-1", objective="NOPE"), case("C-2", end_date="2019-01-01")]
    path = write_csv(tmp_path / "cases.csv", rows)
    rejects = tmp_path / "out" / "rejects.csv"
    report = import_cases(store, [path], inasti, secret=None, rejects=rejects, imported_at=AT)
    assert report.rejects_path == rejects
    with rejects.open(encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    assert lines == [
        ["file", "row", "field", "value", "reason"],
        [str(path), "2", "objective", "NOPE", "unknown objective for contract inasti-2019-2020"],
        [str(path), "3", "end_date", "2019-01-01", "end before start (start_date 2019-03-01)"],
    ]


def test_without_a_contract_or_org_units_those_are_not_checked(
    store: DuckDBFactStore, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cases.csv", [case("C-1", objective="ANY 1-01", office="ANY")])
    report = import_cases(store, [path], None, secret=None, imported_at=AT)
    assert report.rejections == ()
    assert report.contract_id is None
    assert report.inserted == 1


def test_a_contract_without_objectives_rejects_every_objective(
    store: DuckDBFactStore, tmp_path: Path
) -> None:
    from pilotage.contract import load_contract, seed_path

    inami = load_contract(seed_path("inami-2013-2015"))
    path = write_csv(tmp_path / "cases.csv", [case("C-1")])
    report = import_cases(store, [path], inami, secret=None, imported_at=AT)
    assert [r.reason for r in report.rejections] == [
        "unknown objective for contract inami-2013-2015"
    ]


def test_nul_bytes_and_oversized_attributes_are_rejected(
    store: DuckDBFactStore, inasti: Contract
) -> None:
    """A NUL byte is never text, in a known column or an extra attribute; the value is shown
    with \\0 for it, and cut at 40 characters."""
    from pilotage.facts import rows_source

    header = ["case_id", "objective", "office", "start_date", "attr.note"]
    rows = [
        ("C-1", "VOB 2-01", "BRU", "2019-03-01", "ok"),
        ("C-2", "VOB 2-01", "BR\x00U", "2019-03-01", "ok"),
        ("C-3", "VOB 2-01", "BRU", "2019-03-01", "a\x00b"),
        ("C-4", "VOB 2-01", "BRU", "2019-03-01", "n" * 1001),
    ]
    report = import_cases(store, [rows_source("form", header, rows)], inasti, secret=None)
    assert [(r.row, r.field, r.value, r.reason) for r in report.rejections] == [
        (2, "office", "BR\\0U", "holds a NUL byte: not text"),
        (3, "attr.note", "a\\0b", "holds a NUL byte: not text"),
        (4, "attr.note", "n" * 40 + "...", "longer than 1000 characters"),
    ]
    assert report.inserted == 1


def test_a_numeric_niss_too_short_to_have_lost_only_zeros_is_not_padded(
    store: DuckDBFactStore, inasti: Contract, tmp_path: Path
) -> None:
    """A NISS read from a number loses at most three leading zeros; 12345 is not one."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["case_id", "objective", "office", "start_date", "niss"])
    sheet.append(["C-1", "VOB 2-01", "BRU", "2019-03-01", 1010112345])  # 01010112345: 10 digits
    sheet.append(["C-2", "VOB 2-01", "BRU", "2019-03-01", 12345])
    book.save(tmp_path / "cases.xlsx")
    report = import_cases(store, [tmp_path / "cases.xlsx"], inasti, secret=SECRET)
    assert [(r.row, r.field, r.reason) for r in report.rejections] == [
        (3, "niss", "NISS is not 11 digits")
    ]
