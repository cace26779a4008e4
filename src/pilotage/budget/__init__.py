"""The management budget as a living ledger (INAMI art. 63-74, INASTI 7.3.10-11).

Plain Python (no Django). `opening_table` reads a contract's budget table into credits;
a `Ledger` holds them with the dated operations that move them (transfers, carry-over,
re-evaluation, own revenues, additional credits, savings, counter-operations) and refuses what
the rules forbid; `balance` gives any credit on any day. Amounts are exact decimals in cents.
"""

from __future__ import annotations

from pilotage.budget._credits import Credit, Group, OpeningTable, opening_table
from pilotage.budget._ledger import REAL_ESTATE_THRESHOLD, Entry, Ledger, Movement, Processing
from pilotage.budget._money import CENT, cents, format_eur, parse_amount, rounded
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
    RevenueCase,
    Saving,
    Transfer,
)
from pilotage.budget._parameters import Estimate, Parameter, ParameterName, read_parameters
from pilotage.budget._reevaluation import ReevaluationLine, base_year

__all__ = [
    "CENT",
    "REAL_ESTATE_THRESHOLD",
    "AdditionalCredit",
    "Authorisation",
    "CarryOver",
    "Counter",
    "Credit",
    "Entry",
    "Estimate",
    "Group",
    "Ledger",
    "Movement",
    "OpeningTable",
    "Operation",
    "OperationKind",
    "Opinion",
    "OwnRevenue",
    "Parameter",
    "ParameterName",
    "Processing",
    "RealEstateNeed",
    "Reevaluation",
    "ReevaluationLine",
    "RevenueCase",
    "Saving",
    "Transfer",
    "base_year",
    "cents",
    "format_eur",
    "opening_table",
    "parse_amount",
    "read_parameters",
    "rounded",
]
