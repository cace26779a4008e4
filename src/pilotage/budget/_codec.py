"""Operations as plain JSON (stored, audited, exported) and back, exactly: amounts as text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from pilotage.budget._operations import (
    AdditionalCredit,
    Authorisation,
    CarryOver,
    Counter,
    Operation,
    OperationKind,
    Opinion,
    OwnRevenue,
    RealEstateNeed,
    Reevaluation,
    Saving,
    Transfer,
)
from pilotage.budget._parameters import Parameter
from pilotage.errors import BudgetError

__all__ = ["operation_from_json", "operation_to_json"]

_KINDS: dict[OperationKind, type[Operation]] = {
    OperationKind.TRANSFER: Transfer,
    OperationKind.CARRY_OVER: CarryOver,
    OperationKind.REEVALUATION: Reevaluation,
    OperationKind.OWN_REVENUE: OwnRevenue,
    OperationKind.ADDITIONAL_CREDIT: AdditionalCredit,
    OperationKind.SAVING: Saving,
    OperationKind.COUNTER: Counter,
}
_NESTED: dict[str, type[Any]] = {
    "opinion": Opinion,
    "authorisation": Authorisation,
    "liquidation_forecast": Parameter,
    "liquidation_actual": Parameter,
    "health_index_new": Parameter,
    "health_index_base": Parameter,
}
_DATES = {"on", "published_on"}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def operation_to_json(op: Operation) -> dict[str, Any]:
    return dict(_plain(op))


def _typed(cls: type[Any], data: dict[str, Any]) -> Any:
    args: dict[str, Any] = {}
    hints = {f.name: f for f in dataclasses.fields(cls) if f.init}
    for name, value in data.items():
        if name not in hints:
            continue
        if value is None:
            args[name] = None
        elif name in _DATES:
            args[name] = dt.date.fromisoformat(value)
        elif name in _NESTED:
            args[name] = _typed(_NESTED[name], value)
        elif name == "real_estate":
            args[name] = tuple(_typed(RealEstateNeed, v) for v in value)
        elif name == "documents":
            args[name] = tuple(value)
        elif name in ("amount", "statutory", "costs", "value"):
            args[name] = Decimal(value)
        else:
            args[name] = value
    return cls(**args)


def operation_from_json(data: dict[str, Any]) -> Operation:
    try:
        cls = _KINDS[OperationKind(data["kind"])]
    except (KeyError, ValueError):
        raise BudgetError(f"not a stored budget operation: kind {data.get('kind')!r}") from None
    op: Operation = _typed(cls, data)
    return op
