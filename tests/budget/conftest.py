"""The seeds' budgets, opened; parameters and helpers for the budget tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pilotage.budget import Estimate, Ledger, OpeningTable, Parameter, ParameterName, opening_table
from pilotage.contract import load_contract, seed_path

D = Decimal


@pytest.fixture(scope="session")
def inami_table() -> OpeningTable:
    return opening_table(load_contract(seed_path("inami-2013-2015")))


@pytest.fixture(scope="session")
def inasti_table() -> OpeningTable:
    return opening_table(load_contract(seed_path("inasti-2019-2020")))


@pytest.fixture
def inami(inami_table: OpeningTable) -> Ledger:
    return Ledger(inami_table)


def parameter(name: str, year: int, value: str, estimate: str = "actual") -> Parameter:
    return Parameter(
        ParameterName(name),
        year,
        D(value),
        Estimate(estimate),
        "Bureau fédéral du Plan, budget économique (test)",
        dt.date(2013, 9, 12),
    )
