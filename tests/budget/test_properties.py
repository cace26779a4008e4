"""Property: a credit's balance on a day is its opening plus the operations up to that day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pilotage.budget import AdditionalCredit, Ledger, OpeningTable, Operation, Saving, Transfer
from pilotage.errors import BudgetRuleError

CODES = [
    "personnel",
    "operating.ordinary",
    "operating.it",
    "investments.it",
    "investments.real_estate",
]
START = dt.date(2013, 1, 1)

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("3000000"), places=2)
ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "save", "move"]),
        st.sampled_from(CODES),
        st.sampled_from(CODES),
        amounts,
        st.integers(0, 364),
    ),
    max_size=25,
)


def _operation(kind: str, a: str, b: str, amount: Decimal, day: int) -> Operation | None:
    on = START + dt.timedelta(days=day)
    common = {"on": on, "author": "h", "basis": "property", "year": 2013, "amount": amount}
    if kind == "add":
        return AdditionalCredit(credit=a, **common)  # type: ignore[arg-type]
    if kind == "save":
        return Saving(credit=a, **common)  # type: ignore[arg-type]
    return None if a == b else Transfer(source=a, target=b, **common)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(ops, st.integers(0, 364), st.sampled_from(CODES))
def test_balance_is_opening_plus_the_operations_up_to_the_day(
    inami_table: OpeningTable,
    steps: list[tuple[str, str, str, Decimal, int]],
    asked: int,
    code: str,
) -> None:
    ledger = Ledger(inami_table)
    kept: list[Operation] = []
    for step in steps:
        op = _operation(*step)
        if op is None:
            continue
        try:
            ledger.record(op)
        except BudgetRuleError:
            continue  # refused: nothing of it is kept
        kept.append(op)
    day = START + dt.timedelta(days=asked)
    expected = inami_table.opening(code, 2013)
    for op in kept:
        if op.on > day:
            continue
        if isinstance(op, AdditionalCredit) and op.credit == code:
            expected += op.amount
        elif isinstance(op, Saving) and op.credit == code:
            expected -= op.amount
        elif isinstance(op, Transfer):
            expected += op.amount * ((op.target == code) - (op.source == code))
    assert ledger.balance(code, 2013, on=day) == expected
    assert len(ledger.entries) == len(kept)
    # no limitative credit is below zero on any day
    for other in CODES:
        for e in ledger.entries:
            assert ledger.balance(other, 2013, on=e.on) >= 0
