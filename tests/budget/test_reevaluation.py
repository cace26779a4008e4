"""The annual re-evaluation (art. 71) against a hand computation, and its refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pilotage.budget import (
    Ledger,
    OpeningTable,
    Opinion,
    RealEstateNeed,
    Reevaluation,
    Saving,
    read_parameters,
)
from pilotage.errors import BudgetError, BudgetRuleError
from tests.budget.conftest import parameter

D = Decimal
DAY = dt.date


def reevaluation(year: int = 2014, **kw: object) -> Reevaluation:
    args: dict[str, object] = {
        "on": DAY(2013, 10, 15),
        "author": "alice",
        "basis": "INAMI art. 71",
        "year": year,
        "liquidation_forecast": parameter("liquidation_coefficient", year, "1.6734", "forecast"),
        "liquidation_actual": parameter("liquidation_coefficient", year - 1, "1.6406"),
        "health_index_new": parameter("health_index", year, "119.36", "forecast"),
        "health_index_base": parameter("health_index", year - 1, "118.17"),
    }
    args.update(kw)
    return Reevaluation(**args)  # type: ignore[arg-type]


def test_the_2014_reevaluation_reproduces_the_hand_computation(inami_table: OpeningTable) -> None:
    # By hand: 91 879 005 x 1,6734 = 153 750 326,967; / 1,6406 = 93 715 913,06
    #          15 070 764 x 119,36 / 118,17 = 15 222 530,18 (ordinary operating)
    #          16 103 000 x 119,36 / 118,17 = 16 265 161,04 (IT operating)
    #             475 000 x 119,36 / 118,17 =    479 783,36 (IT investments)
    #             501 500 x 119,36 / 118,17 =    506 550,22 (movable investments)
    #   real estate: the established need, 1 250 000,00, with the favourable opinion
    #   statutory part: 83 500 000 x 1,6734 = 139 728 900; / 1,6406 = 85 169 389,25
    ledger = Ledger(inami_table, statutory_personnel={2014: D("83500000")})
    opinion = Opinion("commissioner for the Budget", DAY(2013, 10, 1), "avis CB/2013/44")
    need = RealEstateNeed(
        credit="investments.real_estate",
        amount=D("1250000"),
        opinion=opinion,
        programme="PPI 2013-2018",
    )
    entry = ledger.record(reevaluation(real_estate=(need,)))
    expected = {
        "personnel": "93715913.06",
        "operating.ordinary": "15222530.18",
        "operating.it": "16265161.04",
        "investments.it": "479783.36",
        "investments.movable": "506550.22",
        "investments.real_estate": "1250000.00",
    }
    for code, amount in expected.items():
        assert ledger.balance(code, 2014) == D(amount), code
    assert ledger.balance(code, 2014, on=DAY(2013, 10, 14)) == D("1100000.00")
    assert ledger.statutory(2014) == D("85169389.25")
    assert ledger.balance("total", 2013) == D("126699028.00")  # other years untouched
    working = {line.credit: line.working for line in entry.working}
    assert working["personnel"] == (
        "91.879.005,00 EUR x 1.6734 (2014 forecast) / 1.6406 (2013 actual) = 93.715.913,06 EUR "
        "(factor 1.019993)"
    )
    assert working["investments.real_estate"].startswith("established need 1.250.000,00 EUR")


def test_the_reevaluation_starts_from_the_credits_after_the_savings(
    inami_table: OpeningTable,
) -> None:
    ledger = Ledger(inami_table)
    ledger.record(
        Saving(
            on=DAY(2013, 10, 1),
            author="a",
            basis="Council of Ministers 2013-10-01",
            year=2014,
            credit="operating.it",
            amount=D("103000"),
        )
    )
    entry = ledger.record(reevaluation())
    line = next(x for x in entry.working if x.credit == "operating.it")
    assert line.before == D("16000000.00")
    # 16 000 000 x 119,36 / 118,17 = 16 161 123,80
    assert ledger.balance("operating.it", 2014) == D("16161123.80")
    assert (
        next(x for x in entry.working if x.credit == "investments.real_estate").rule == "unchanged"
    )


def test_a_2015_column_in_2013_prices_is_reevaluated_from_2013(inami_table: OpeningTable) -> None:
    ledger = Ledger(inami_table)
    with pytest.raises(
        BudgetError, match=r"expected the liquidation_coefficient of 2013 \(actual\)"
    ):
        ledger.record(reevaluation(2015))
    base = parameter("liquidation_coefficient", 2013, "1.6406")
    index = parameter("health_index", 2013, "118.17")
    ledger.record(reevaluation(2015, liquidation_actual=base, health_index_base=index))


def test_the_reevaluation_refusals(inami_table: OpeningTable) -> None:
    ledger = Ledger(inami_table, statutory_personnel={2014: D("84000000")})
    with pytest.raises(
        BudgetRuleError,
        match=r"the statutory personnel credits of 2014 would be 85\.679\.385,59 EUR .* above the "
        r"cap fixed by the contract, 85\.355\.596,00 EUR",
    ):
        ledger.record(reevaluation())
    with pytest.raises(BudgetRuleError, match=r"2013 is fixed by the contract"):
        ledger.record(reevaluation(2013))
    without = RealEstateNeed(
        credit="investments.real_estate", amount=D(1), opinion=None, programme="p"
    )
    with pytest.raises(
        BudgetRuleError,
        match=r"art. 71 c: the real-estate credit investments.real_estate of 2014 is set by "
        r"established need only with the favourable opinion",
    ):
        Ledger(inami_table).record(reevaluation(real_estate=(without,)))
    wrong = RealEstateNeed(credit="investments.it", amount=D(1), opinion=None, programme="p")
    with pytest.raises(
        BudgetError, match=r"'investments.it' is not a real-estate investment credit"
    ):
        Ledger(inami_table).record(reevaluation(real_estate=(wrong,)))
    again = Ledger(inami_table)
    again.record(reevaluation())
    with pytest.raises(
        BudgetRuleError, match=r"2014 was re-evaluated by operation no. 1: counter it"
    ):
        again.record(reevaluation())
    with pytest.raises(BudgetError, match=r"expected the health_index of 2014"):
        Ledger(inami_table).record(
            reevaluation(health_index_new=parameter("health_index", 2015, "1"))
        )


def test_parameters_are_read_with_their_source_and_date(tmp_path: Path) -> None:
    good = tmp_path / "p.csv"
    good.write_text(
        "name,year,value,estimate,source,published_on\n"
        "liquidation_coefficient,2014,1.6734,forecast,Bureau du Plan BE 2013-09,2013-09-12\n"
        'health_index,2013,"118,17",actual,SPF Economie,2014-01-02\n',
        encoding="utf-8",
    )
    first, second = read_parameters(good)
    assert first.value == D("1.6734")
    assert second.value == D("118.17")
    assert str(second) == "health_index 2013 (actual) = 118.17 [SPF Economie, 2014-01-02]"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,year,value,estimate,source,published_on\nindex,2014,1,actual,s,2014-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(
        BudgetError, match=r"row 2: name 'index' is not one of liquidation_coefficient, health_"
    ):
        read_parameters(bad)
    bad.write_text(
        "name,year,value,estimate,source,published_on\nhealth_index,2014,x,actual,s,2014-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(BudgetError, match=r"row 2: year .* value .* expected"):
        read_parameters(bad)
    bad.write_text("name,year\n", encoding="utf-8")
    with pytest.raises(BudgetError, match=r"columns missing: value, estimate, source, published_"):
        read_parameters(bad)
    with pytest.raises(BudgetError, match=r"say where the value comes from"):
        parameter("health_index", 2014, "1").__class__(
            first.name, 2014, D(1), first.estimate, " ", first.published_on
        )


def test_the_working_shown_in_the_docs_is_the_computations(inami_table: OpeningTable) -> None:
    from tests.docsessions import DOCS

    entry = Ledger(inami_table).record(reevaluation())
    line = next(x for x in entry.working if x.credit == "personnel")
    assert f"    personnel: {line.working}\n" in (DOCS / "budget.md").read_text(encoding="utf-8")
