"""Operations, balances on a date, counter-operations and every refusal with its message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pilotage.budget import (
    AdditionalCredit,
    Authorisation,
    CarryOver,
    Counter,
    Ledger,
    OpeningTable,
    Opinion,
    OwnRevenue,
    RevenueCase,
    Saving,
    Transfer,
)
from pilotage.errors import BudgetError, BudgetRuleError

D = Decimal
DAY = dt.date
BASIS = "INAMI art. 68; AR 3 April 1997 art. 14 §1"


def transfer(
    amount: str, source: str = "operating.ordinary", target: str = "operating.it", **kw: object
) -> Transfer:
    args: dict[str, object] = {
        "on": DAY(2013, 5, 2),
        "author": "alice",
        "basis": BASIS,
        "year": 2013,
        "source": source,
        "target": target,
        "amount": D(amount),
    }
    args.update(kw)
    return Transfer(**args)  # type: ignore[arg-type]


def test_a_transfer_moves_money_from_its_date_and_keeps_the_total(inami: Ledger) -> None:
    entry = inami.record(transfer("250000.00", documents=("note DG 2013/14",)))
    assert entry.number == 1
    assert inami.balance("operating.ordinary", 2013) == D("16390600.00")
    assert inami.balance("operating.it", 2013) == D("16633000.00")
    assert inami.balance("operating.it", 2013, on=DAY(2013, 5, 1)) == D("16383000.00")
    assert inami.balance("operating", 2013) == D("33023600.00")
    assert inami.balance("total", 2013) == D("126699028.00")
    assert [e.number for e in inami.awaiting_processing()] == [1]
    inami.process(1, DAY(2013, 5, 10), "commissioner for the Budget", "letter CB/2013/31")
    assert inami.awaiting_processing() == []


def test_processing_is_for_a_transfer_once_and_not_before_it(inami: Ledger) -> None:
    inami.record(transfer("1000"))
    inami.record(
        Saving(
            on=DAY(2013, 6, 1),
            author="a",
            basis="Council of Ministers",
            year=2013,
            credit="personnel",
            amount=D(1),
        )
    )
    with pytest.raises(BudgetRuleError, match=r"cannot be processed before, on 2013-05-01"):
        inami.process(1, DAY(2013, 5, 1), "cb", "x")
    with pytest.raises(BudgetError, match=r"only a transfer is processed"):
        inami.process(2, DAY(2013, 6, 2), "cb", "x")
    inami.process(1, DAY(2013, 5, 3), "cb", "x")
    with pytest.raises(
        BudgetRuleError, match=r"processed on 2013-05-03 by cb: a processing is recorded once"
    ):
        inami.process(1, DAY(2013, 5, 4), "cb", "x")


def test_a_transfer_that_overdraws_a_limitative_credit_is_refused(inami: Ledger) -> None:
    with pytest.raises(
        BudgetRuleError,
        match=r"art\. 67: the credit investments\.it of 2013 is limitative: transfer no\. 1 of "
        r"2013-05-02 would leave -25\.000,00 EUR on 2013-05-02 "
        r"\(balance before it 475\.000,00 EUR\)",
    ):
        inami.record(transfer("500000", source="investments.it", target="operating.it"))
    assert inami.entries == []


def test_a_backdated_operation_may_not_overdraw_a_later_day(inami: Ledger) -> None:
    inami.record(
        transfer("400000", source="investments.it", target="operating.it", on=DAY(2013, 6, 1))
    )
    with pytest.raises(BudgetRuleError, match=r"would leave -25.000,00 EUR on 2013-06-01"):
        inami.record(
            transfer("100000", source="investments.it", target="operating.it", on=DAY(2013, 3, 1))
        )


def test_a_transfer_stays_within_its_exercise(inami: Ledger) -> None:
    with pytest.raises(BudgetRuleError, match=r"a transfer of 2013 cannot be dated 2014-01-10"):
        inami.record(transfer("1", on=DAY(2014, 1, 10)))
    with pytest.raises(BudgetError, match=r"moves nothing"):
        transfer("1", target="operating.ordinary")
    with pytest.raises(BudgetError, match=r"give a positive amount"):
        transfer("-5")


def test_a_carry_over_adds_to_the_next_year_and_never_beyond_the_contract(inami: Ledger) -> None:
    inami.record(
        CarryOver(
            on=DAY(2014, 2, 15),
            author="alice",
            basis="art. 69",
            year=2013,
            credit="operating.it",
            amount=D("300000"),
        )
    )
    assert inami.balance("operating.it", 2013) == D("16083000.00")
    assert inami.balance("operating.it", 2014) == D("16403000.00")
    with pytest.raises(
        BudgetRuleError,
        match=r"art\. 69: a carry-over of 2015 goes to 2016, which is not a year of the contract "
        r"inami-2013-2015 \(2013-2015\)",
    ):
        inami.record(
            CarryOver(
                on=DAY(2016, 2, 1),
                author="a",
                basis="art. 69",
                year=2015,
                credit="personnel",
                amount=D(1),
            )
        )


def test_a_counter_operation_undoes_from_its_date_and_only_once(inami: Ledger) -> None:
    inami.record(transfer("1000"))
    inami.record(Counter(on=DAY(2013, 7, 1), author="alice", basis="error in no. 1", of=1))
    assert inami.balance("operating.it", 2013, on=DAY(2013, 6, 30)) == D("16384000.00")
    assert inami.balance("operating.it", 2013) == D("16383000.00")
    assert inami.awaiting_processing() == []
    with pytest.raises(BudgetRuleError, match=r"already countered by no. 2"):
        inami.record(Counter(on=DAY(2013, 7, 2), author="a", basis="b", of=1))
    with pytest.raises(BudgetError, match=r"itself a counter-operation"):
        inami.record(Counter(on=DAY(2013, 7, 2), author="a", basis="b", of=2))
    with pytest.raises(BudgetError, match=r"no operation no. 9"):
        inami.record(Counter(on=DAY(2013, 7, 2), author="a", basis="b", of=9))


def test_a_counter_operation_cannot_precede_nor_overdraw(inami: Ledger) -> None:
    inami.record(
        AdditionalCredit(
            on=DAY(2013, 3, 1),
            author="a",
            basis="art. 65",
            year=2013,
            credit="investments.it",
            amount=D(100),
        )
    )
    with pytest.raises(BudgetRuleError, match=r"cannot be dated before it"):
        inami.record(Counter(on=DAY(2013, 2, 1), author="a", basis="b", of=1))
    inami.record(
        transfer("475100", source="investments.it", target="operating.it", on=DAY(2013, 4, 1))
    )
    with pytest.raises(BudgetRuleError, match=r"art. 67: the credit investments.it of 2013"):
        inami.record(Counter(on=DAY(2013, 5, 1), author="a", basis="b", of=1))


REVENUES = [
    (RevenueCase.COST_RECOVERY, "10000", None, 2013, "10000.00"),
    (RevenueCase.IPSS_REIMBURSEMENT, "10000", None, 2013, "10000.00"),
    (RevenueCase.RENT_PUBLIC, "10000", None, 2014, "10000.00"),
    (RevenueCase.RENT_MARKET, "10000.01", None, 2014, "5000.01"),  # half, rounded half up
    (RevenueCase.SERVICES_MARKET, "10000", "6000", 2014, "8000.00"),  # costs + half the margin
]


@pytest.mark.parametrize(("case", "amount", "costs", "year", "added"), REVENUES)
def test_own_revenues_follow_the_cases_of_art_64(
    inami: Ledger, case: RevenueCase, amount: str, costs: str | None, year: int, added: str
) -> None:
    opinion = Opinion("commissioner for the Budget", DAY(2013, 9, 1), "avis 2013/7")
    op = OwnRevenue(
        on=DAY(2013, 9, 2),
        author="alice",
        basis="art. 64",
        year=2013,
        credit="operating.ordinary",
        case=case,
        amount=D(amount),
        costs=D(costs) if costs else None,
        opinion=opinion,
    )
    entry = inami.record(op)
    assert [(m.year, m.amount) for m in entry.movements] == [(year, D(added))]


def test_own_revenues_needing_an_opinion_are_refused_without_it(inami: Ledger) -> None:
    late = Opinion("commissioner for the Budget", DAY(2013, 9, 3), "avis")
    for opinion in (None, late):
        with pytest.raises(
            BudgetRuleError,
            match=r"art. 64: own revenues of the case rent_market are added only with the "
            r"favourable opinion",
        ):
            inami.record(
                OwnRevenue(
                    on=DAY(2013, 9, 2),
                    author="a",
                    basis="art. 64",
                    year=2013,
                    credit="operating.ordinary",
                    case=RevenueCase.RENT_MARKET,
                    amount=D(100),
                    opinion=opinion,
                )
            )
    with pytest.raises(
        BudgetRuleError, match=r"added to the envelope of 2016, which is not a year of the contract"
    ):
        inami.record(
            OwnRevenue(
                on=DAY(2015, 9, 2),
                author="a",
                basis="art. 64",
                year=2015,
                credit="operating.ordinary",
                case=RevenueCase.RENT_PUBLIC,
                amount=D(100),
                opinion=late,
            )
        )
    with pytest.raises(BudgetError, match=r"give --costs"):
        OwnRevenue(
            on=DAY(2013, 9, 2),
            author="a",
            basis="b",
            year=2013,
            credit="x",
            case=RevenueCase.SERVICES_MARKET,
            amount=D(100),
        )


def test_real_estate_above_five_million_needs_prior_authorisation(inami: Ledger) -> None:
    def more(on: DAY, auth: Authorisation | None) -> AdditionalCredit:
        return AdditionalCredit(
            on=on,
            author="a",
            basis="art. 65",
            year=2014,
            credit="investments.real_estate",
            amount=D("5000000.01"),
            authorisation=auth,
        )

    with pytest.raises(
        BudgetRuleError,
        match=r"art\. 72: additional_credit no\. 1 raises the real-estate credit "
        r"investments\.real_estate of 2014 by 5\.000\.000,01 EUR, above EUR 5 million: it needs "
        r"the prior authorisation",
    ):
        inami.record(more(DAY(2014, 3, 1), None))
    with pytest.raises(BudgetRuleError, match=r"dated on or before 2014-03-01"):
        inami.record(more(DAY(2014, 3, 1), Authorisation(DAY(2014, 3, 2), "AM 2014/3")))
    inami.record(more(DAY(2014, 3, 1), Authorisation(DAY(2014, 2, 20), "AM 2014/3")))
    inami.record(
        AdditionalCredit(
            on=DAY(2014, 3, 1),
            author="a",
            basis="art. 65",
            year=2014,
            credit="investments.real_estate",
            amount=D("5000000.00"),
        )
    )
    assert inami.balance("investments.real_estate", 2014) == D("11100000.01")


def test_the_statutory_personnel_part_never_exceeds_the_cap(inami_table: OpeningTable) -> None:
    with pytest.raises(
        BudgetRuleError,
        match=r"statutory personnel credit of 2013, 84.803.802,00 EUR, is above the statutory "
        r"cap of the contract, 84.803.801,00 EUR",
    ):
        Ledger(inami_table, statutory_personnel={2013: D("84803802")})
    ledger = Ledger(inami_table, statutory_personnel={2013: D("84800000")})
    with pytest.raises(
        BudgetRuleError,
        match=r"the statutory personnel credits of 2013 would be 84\.803\.801,01 EUR on "
        r"2013-04-01, above the cap fixed by the contract, 84\.803\.801,00 EUR",
    ):
        ledger.record(
            AdditionalCredit(
                on=DAY(2013, 4, 1),
                author="a",
                basis="art. 65",
                year=2013,
                credit="personnel",
                amount=D("10000"),
                statutory=D("3801.01"),
            )
        )
    ledger.record(
        AdditionalCredit(
            on=DAY(2013, 4, 1),
            author="a",
            basis="art. 65",
            year=2013,
            credit="personnel",
            amount=D("10000"),
            statutory=D("3801"),
        )
    )
    assert ledger.statutory(2013) == D("84803801.00")
    assert ledger.statutory(2014) is None
    with pytest.raises(
        BudgetError, match=r"does not know the statutory part of the personnel credits of 2014"
    ):
        ledger.record(
            AdditionalCredit(
                on=DAY(2014, 4, 1),
                author="a",
                basis="art. 65",
                year=2014,
                credit="personnel",
                amount=D(1),
                statutory=D(1),
            )
        )
    with pytest.raises(BudgetError, match=r"only for a personnel credit"):
        ledger.record(
            AdditionalCredit(
                on=DAY(2013, 4, 1),
                author="a",
                basis="art. 65",
                year=2013,
                credit="operating.it",
                amount=D(1),
                statutory=D(1),
            )
        )


def test_an_operation_names_its_author_and_basis() -> None:
    with pytest.raises(BudgetError, match=r"name its author"):
        Saving(
            on=DAY(2013, 1, 1), author=" ", basis="x", year=2013, credit="personnel", amount=D(1)
        )
    with pytest.raises(BudgetError, match=r"give its legal basis"):
        Saving(on=DAY(2013, 1, 1), author="a", basis="", year=2013, credit="personnel", amount=D(1))


def test_a_non_limitative_credit_may_go_below_zero(inasti_table: OpeningTable) -> None:
    ledger = Ledger(inasti_table)
    ledger.record(
        Transfer(
            on=DAY(2019, 3, 1),
            author="a",
            basis="b",
            year=2019,
            source="non_limitative",
            target="operating.ordinary",
            amount=D("80000"),
        )
    )
    assert ledger.balance("non_limitative", 2019) == D("-2807.00")


def test_a_transfer_not_agreed_counts_until_countered(inami: Ledger) -> None:
    inami.record(transfer("1000"))
    inami.process(1, DAY(2013, 5, 3), "cb", "CB/13/2", agreed=False)
    assert [e.number for e in inami.not_agreed()] == [1]
    assert inami.awaiting_processing() == []
    assert inami.balance("operating.it", 2013) == D("16384000.00")
    inami.record(Counter(on=DAY(2013, 5, 4), author="alice", basis="not agreed, CB/13/2", of=1))
    assert inami.not_agreed() == []
    assert inami.balance("operating.it", 2013) == D("16383000.00")
