"""The cost of the main activities (art. 73): payments shared out by allocation keys."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pilotage.budget import (
    AllocationKey,
    Execution,
    ExecutionLine,
    Ledger,
    activity_costs,
    read_allocation_keys,
)
from pilotage.errors import BudgetError

D = Decimal


def _execution() -> Execution:
    return Execution(
        (
            ExecutionLine(2014, 1, "personnel", D("5000000"), D("4000000")),
            ExecutionLine(2014, 2, "personnel", D("5000000"), D("4000000.01")),
            ExecutionLine(2014, 1, "operating.it", D("900000"), D("600000")),
        )
    )


def test_costs_per_key_task_and_per_case_with_the_overhead_shown(inami: Ledger) -> None:
    keys = [
        AllocationKey("personnel", "KT1 indemnities", D("0.6"), "time survey 2014"),
        AllocationKey("personnel", "KT2 medical control", D("0.3"), "time survey 2014"),
        AllocationKey("operating.it", "KT1 indemnities", D("0.5"), "servers by application"),
    ]
    found = {
        c.key_task: c
        for c in activity_costs(inami, _execution(), 2014, keys, {"KT1 indemnities": 120000})
    }
    # by hand: personnel paid 8 000 000,01; x 0,6 = 4 800 000,01 (rounded); + IT 600 000 x 0,5
    kt1 = found["KT1 indemnities"]
    assert kt1.cost == D("5100000.01")
    assert kt1.cases == 120000
    assert kt1.per_case == D("42.50")  # 5 100 000,01 / 120 000 = 42,500000083
    assert (
        kt1.working[0] == "personnel: 8.000.000,01 EUR x 0.6 (time survey 2014) = 4.800.000,01 EUR"
    )
    kt2 = found["KT2 medical control"]
    assert kt2.cost == D("2400000.00")
    assert kt2.per_case is None  # no volume given: no cost per case made up
    # not allocated: personnel 8 000 000,01 - 4 800 000,01 - 2 400 000,00; IT 300 000
    assert found["overhead"].cost == D("1100000.00")


def test_keys_that_share_out_more_than_a_credit_or_name_no_credit_are_refused(
    inami: Ledger,
) -> None:
    keys = [
        AllocationKey("personnel", "a", D("0.7"), "s"),
        AllocationKey("personnel", "b", D("0.4"), "s"),
    ]
    with pytest.raises(BudgetError, match=r"share out more than the whole of personnel \(1\.1\)"):
        activity_costs(inami, _execution(), 2014, keys, {})
    with pytest.raises(BudgetError, match=r"no credit 'canteen'"):
        activity_costs(inami, _execution(), 2014, [AllocationKey("canteen", "a", D("1"), "s")], {})


def test_allocation_keys_are_read_with_their_source(tmp_path: Path) -> None:
    path = tmp_path / "keys.csv"
    path.write_text(
        'credit,key_task,share,source\npersonnel,KT1,"0,25",time survey\n', encoding="utf-8"
    )
    assert read_allocation_keys(path) == [
        AllocationKey("personnel", "KT1", D("0.25"), "time survey")
    ]
    path.write_text(
        "credit,key_task,share,source\npersonnel,KT1,1.5,time survey\n", encoding="utf-8"
    )
    with pytest.raises(BudgetError, match=r"row 2: share 1.5 must be above 0 and at most 1"):
        read_allocation_keys(path)
    path.write_text("credit,key_task,share,source\npersonnel,KT1,0.5, \n", encoding="utf-8")
    with pytest.raises(BudgetError, match=r"row 2: say where the key comes from"):
        read_allocation_keys(path)
    path.write_text("credit,share\n", encoding="utf-8")
    with pytest.raises(BudgetError, match=r"columns missing: key_task, source"):
        read_allocation_keys(path)
