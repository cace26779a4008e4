"""The management budget as a living ledger (INAMI art. 63-74, INASTI 7.3.10-11).

Plain Python (no Django). `opening_table` reads a contract's budget table into credits;
a `Ledger` holds them with the dated operations that move them (transfers, carry-over,
re-evaluation, own revenues, additional credits, savings, counter-operations) and refuses what
the rules forbid; `balance` gives any credit on any day. `read_execution` imports commitments
and payments per month (CSV/XLSX); `follow` sets them against the credits: execution rate,
projected year end, alerts. Amounts are exact decimals in cents.
"""

from __future__ import annotations

from pilotage.budget._codec import operation_from_json, operation_to_json
from pilotage.budget._costs import (
    ActivityCost,
    AllocationKey,
    activity_costs,
    read_allocation_keys,
)
from pilotage.budget._credits import Credit, Group, OpeningTable, opening_table
from pilotage.budget._execution import (
    COLUMNS,
    Execution,
    ExecutionLine,
    ExecutionReport,
    read_execution,
)
from pilotage.budget._follow import Alert, AlertKind, CreditFollowUp, MonthFigures, follow
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
from pilotage.budget._statement import LANGUAGES, line_label, statement_xlsx

__all__ = [
    "CENT",
    "COLUMNS",
    "LANGUAGES",
    "REAL_ESTATE_THRESHOLD",
    "ActivityCost",
    "AdditionalCredit",
    "Alert",
    "AlertKind",
    "AllocationKey",
    "Authorisation",
    "CarryOver",
    "Counter",
    "Credit",
    "CreditFollowUp",
    "Entry",
    "Estimate",
    "Execution",
    "ExecutionLine",
    "ExecutionReport",
    "Group",
    "Ledger",
    "MonthFigures",
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
    "activity_costs",
    "base_year",
    "cents",
    "follow",
    "format_eur",
    "line_label",
    "opening_table",
    "operation_from_json",
    "operation_to_json",
    "parse_amount",
    "read_allocation_keys",
    "read_execution",
    "read_parameters",
    "rounded",
    "statement_xlsx",
]
