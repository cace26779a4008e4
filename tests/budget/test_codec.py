"""Every kind of operation goes to JSON and back unchanged (it is stored and audited so)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from pilotage.budget import (
    AdditionalCredit,
    Authorisation,
    CarryOver,
    Counter,
    Operation,
    Opinion,
    OwnRevenue,
    RealEstateNeed,
    Reevaluation,
    RevenueCase,
    Saving,
    Transfer,
    operation_from_json,
    operation_to_json,
)
from pilotage.errors import BudgetError
from tests.budget.conftest import parameter

D = Decimal
DAY = dt.date(2014, 3, 1)
COMMON: dict[str, Any] = {
    "on": DAY,
    "author": "a",
    "basis": "b",
    "documents": ("d1", "d2"),
    "note": "n",
}
OPINION = Opinion("cb", DAY, "CB/1")
OPERATIONS: list[Operation] = [
    Transfer(year=2014, source="a", target="b", amount=D("1.50"), statutory=D("0.50"), **COMMON),
    CarryOver(year=2013, credit="a", amount=D(3), authorisation=Authorisation(DAY, "AM"), **COMMON),
    Reevaluation(
        year=2014,
        liquidation_forecast=parameter("liquidation_coefficient", 2014, "1.6734", "forecast"),
        liquidation_actual=parameter("liquidation_coefficient", 2013, "1.6406"),
        health_index_new=parameter("health_index", 2014, "119.36", "forecast"),
        health_index_base=parameter("health_index", 2013, "118.17"),
        real_estate=(RealEstateNeed(credit="r", amount=D(9), opinion=OPINION, programme="p"),),
        **COMMON,
    ),
    OwnRevenue(
        year=2014,
        credit="a",
        case=RevenueCase.SERVICES_MARKET,
        amount=D(10),
        costs=D(4),
        opinion=OPINION,
        **COMMON,
    ),
    AdditionalCredit(year=2014, credit="a", amount=D(5), demonstration=True, **COMMON),
    Saving(year=2014, credit="a", amount=D(5), **COMMON),
    Counter(of=1, **COMMON),
]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: str(op.kind))
def test_round_trip(op: Operation) -> None:
    stored = json.loads(json.dumps(operation_to_json(op)))
    assert operation_from_json(stored) == op


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(BudgetError, match="not a stored budget operation: kind 'gift'"):
        operation_from_json({"kind": "gift"})
