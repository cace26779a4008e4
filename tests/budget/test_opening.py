"""Every printed budget table of both seeds reconciles with the ledger's opening balances."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pilotage.budget import OpeningTable, cents, format_eur, opening_table, parse_amount
from pilotage.contract import load_contract, seed_path
from pilotage.errors import BudgetError
from tests.conftest import INAMI_TEXT, INASTI_TEXT, needs_shared

D = Decimal

# The tables as printed, transcribed from the signed texts (INAMI art. 70, lines 5222-5262;
# INASTI 7.3.10, lines 2655-2705): line code -> the printed cells per year ("" = blank).
INAMI_PRINTED = {
    "personnel": ("91.779.005", "91.879.005", "91.879.005"),
    "operating": ("33.023.600", "31.173.764", "31.173.764"),
    "operating.ordinary": ("16.640.600", "15.070.764", "14.820.764"),
    "operating.it": ("16.383.000", "16.103.000", "16.353.000"),
    "investments": ("1.896.423", "2.076.500", ""),
    "investments.it": ("475.000", "475.000", "475.000"),
    "investments.movable": ("501.500", "501.500", "501.500"),
    "investments.real_estate": ("919.923", "1.100.000", "1.280.077"),
    "total": ("126.699.028", "125.129.269", "125.309.346"),
}
INASTI_PRINTED = {
    "personnel": ("55.603.297", "55.603.297"),
    "operating": ("18.535.395", "18.535.395"),
    "operating.ordinary": ("4.853.334", "4.853.334"),
    "operating.it": ("13.682.061", "13.682.061"),
    "investments": ("10.230.936", "7.483.727"),
    "investments.movable": ("262.492", "262.492"),
    "investments.it": ("8.856.444", "7.221.235"),
    "investments.real_estate": ("1.112.000", "0"),
    "non_limitative": ("77.193", "77.193"),
    "total": ("84.446.821", "81.699.612"),
}
CASES = [
    ("inami-2013-2015", INAMI_PRINTED, INAMI_TEXT),
    ("inasti-2019-2020", INASTI_PRINTED, INASTI_TEXT),
]


@pytest.mark.parametrize(("seed", "printed", "text"), CASES, ids=["inami", "inasti"])
def test_every_printed_cell_is_the_opening_balance_to_the_cent(
    seed: str, printed: dict[str, tuple[str, ...]], text: object
) -> None:
    table = opening_table(load_contract(seed_path(seed)))
    assert set(printed) == {*table.codes(), *table.groups}
    for code, cells in printed.items():
        for year, cell in zip(table.years, cells, strict=True):
            if cell:
                assert table.opening(code, year) == parse_amount(cell), (code, year)
            else:  # blank in the print: derived from its sub-lines, and said
                assert table.derived[(code, year)] == table.opening(code, year)


@needs_shared(INAMI_TEXT, INASTI_TEXT)
@pytest.mark.parametrize(("seed", "printed", "text"), CASES, ids=["inami", "inasti"])
def test_the_transcription_is_what_the_document_prints(
    seed: str, printed: dict[str, tuple[str, ...]], text: object
) -> None:
    document = INAMI_TEXT if seed.startswith("inami") else INASTI_TEXT
    words = set(document.read_text(encoding="utf-8").split())
    assert {cell for cells in printed.values() for cell in cells if cell} <= words


def test_the_inami_2015_investments_blank_in_the_print_is_derived(
    inami_table: OpeningTable,
) -> None:
    assert inami_table.derived == {("investments", 2015): D("2256577.00")}
    assert inami_table.opening("investments", 2015) == D("2256577.00")


def test_credits_keep_the_annex_articles_the_prices_year_and_the_caps(
    inami_table: OpeningTable, inasti_table: OpeningTable
) -> None:
    personnel = inami_table.credit("personnel", 2014)
    assert personnel.article_codes == ("8111", "8112", "8113", "8114")
    assert personnel.prices_of == 2013
    assert inami_table.credit("personnel", 2013).prices_of == 2013
    assert inami_table.credit_for_article("8142", 2013).code == "operating.it"
    assert inami_table.statutory_personnel_cap[2015] == D("85814991.00")
    assert inasti_table.credit("non_limitative", 2019).limitative is False
    assert inasti_table.credit("investments.it", 2020).prices_of == 2019
    assert inasti_table.codes() == [
        "personnel",
        "operating.ordinary",
        "operating.it",
        "investments.movable",
        "investments.it",
        "investments.real_estate",
        "non_limitative",
    ]


def test_an_unknown_credit_a_sum_or_a_year_outside_the_budget_is_named(
    inami_table: OpeningTable,
) -> None:
    with pytest.raises(BudgetError, match=r"no credit 'canteen'.*credits: personnel, operating"):
        inami_table.credit("canteen", 2013)
    with pytest.raises(
        BudgetError, match=r"'operating' is the sum of the credits operating.ordinary"
    ):
        inami_table.credit("operating", 2013)
    with pytest.raises(
        BudgetError, match=r"year 2016 is not a year of the budget.*2013, 2014, 2015"
    ):
        inami_table.credit("personnel", 2016)
    with pytest.raises(BudgetError, match=r"listed under several credits"):
        inami_table.credit_for_article("8721", 2013)  # movable and real estate, as printed
    with pytest.raises(BudgetError, match=r"budget article '9999' is in no credit"):
        inami_table.credit_for_article("9999", 2013)


def test_amounts_are_exact_cents_never_floats() -> None:
    assert parse_amount("1.234.567,89") == D("1234567.89")
    assert parse_amount("1234,5") == D("1234.50")
    assert parse_amount("-12") == D("-12.00")
    assert cents(5) == D("5.00")
    assert format_eur(D("-1234567.8")) == "-1.234.567,80 EUR"
    with pytest.raises(BudgetError, match=r"never a float"):
        cents(1.5)  # type: ignore[arg-type]
    with pytest.raises(BudgetError, match=r"at most two decimals"):
        cents(D("1.005"))
    with pytest.raises(BudgetError, match=r"'12,345.6' is not an amount in euros"):
        parse_amount("12,345.6")
