"""The demonstration budget: INAMI 2014, every operation labelled DEMONSTRATION.

Through the same service functions as the pages and the command line: the statutory part of
the 2014 personnel credits; the commissioner for the Budget's favourable opinion on the 2014
real-estate need; the 2014 re-evaluation (art. 71) with stated coefficients (invented for the
demonstration, said in their source); a carry-over of unused 2013 IT credits (art. 69); two
transfers (art. 68), the first processed by the commissioner, the second awaiting; own revenues
from services at cost (art. 64); and a month-by-month execution file January-September 2014,
written to DIRECTORY and imported, in which the IT investments credit runs out before December.

Idempotent: a second run finds the demonstration operations and does nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User

from pilotage import budget as core
from pilotage.web.budget import models as m
from pilotage.web.budget import services

__all__ = ["DEMO_CONTRACT", "seed_demo_budget"]

DEMO_CONTRACT = "inami-2013-2015"
DEMO = "DEMONSTRATION"
D = Decimal
SOURCE = "DEMONSTRATION: invented values, not the Planning Bureau's"
# (credit, article, share of the month's credit committed per month): the pace of each line
_PACE: list[tuple[str, str, Decimal]] = [
    ("personnel", "8111", D("0.0580")),
    ("personnel", "8112", D("0.0210")),
    ("personnel", "8113", D("0.0030")),
    ("personnel", "8114", D("0.0005")),
    ("operating.ordinary", "", D("0.0790")),
    ("operating.it", "", D("0.0850")),
    ("investments.it", "", D("0.1150")),
    ("investments.movable", "", D("0.0400")),
    ("investments.real_estate", "", D("0.0600")),
]


def _user(name: str) -> User | None:
    return User.objects.filter(username=name, is_active=True).first()


def _p(name: str, year: int, value: str, estimate: str) -> core.Parameter:
    return core.Parameter(
        core.ParameterName(name), year, D(value), core.Estimate(estimate), SOURCE,
        dt.date(2013, 9, 12),
    )  # fmt: skip


def _execution_file(directory: Path, ledger: core.Ledger) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "budget-execution-inami-2014.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["month", "article", "credit", "committed", "paid"])
        for month in range(1, 10):
            for credit, article, pace in _PACE:
                base = ledger.balance(credit, 2014, dt.date(2014, month, 28))
                committed = core.rounded(base * pace)
                paid = core.rounded(committed * D("0.92"))
                out.writerow(
                    [f"2014-{month:02d}", article, "" if article else credit, committed, paid]
                )
    return path


def seed_demo_budget(directory: Path) -> str:
    """Load the demonstration operations and execution of INAMI 2014 (once)."""
    if m.Operation.objects.filter(contract_id=DEMO_CONTRACT, demonstration=True).exists():
        return f"demonstration budget of {DEMO_CONTRACT}: kept as it was"
    manager = _user("demo-contract-manager")
    commissioner = _user("demo-government-commissioner")
    author = manager.get_username() if manager else "the command line"
    common: dict[str, Any] = {"author": author, "demonstration": True, "note": DEMO}
    services.record_statutory(
        DEMO_CONTRACT, 2014, D("83500000"), f"{DEMO}: DG Budget estimate", manager
    )
    opinion = services.record_opinion(
        DEMO_CONTRACT, f"{DEMO}: real-estate need 2014 (renovation Galilée, 4th floor)",
        dt.date(2013, 10, 1), "CB/2013/44", user=commissioner, demonstration=True,
    )  # fmt: skip
    need = core.RealEstateNeed(
        credit="investments.real_estate", amount=D("1250000"),
        opinion=services.opinion_of(DEMO_CONTRACT, opinion.number),
        programme="Programme pluriannuel immobilier 2013-2018",
    )  # fmt: skip
    operations: list[core.Operation] = [
        core.Reevaluation(
            on=dt.date(2013, 10, 15), basis=f"{DEMO} — INAMI art. 71; budget control 2014",
            year=2014,
            liquidation_forecast=_p("liquidation_coefficient", 2014, "1.6734", "forecast"),
            liquidation_actual=_p("liquidation_coefficient", 2013, "1.6406", "actual"),
            health_index_new=_p("health_index", 2014, "119.36", "forecast"),
            health_index_base=_p("health_index", 2013, "118.17", "actual"),
            real_estate=(need,), documents=("notification SPF Budget 2013-10-14",), **common,
        ),
        core.CarryOver(
            on=dt.date(2014, 2, 14), basis=f"{DEMO} — INAMI art. 69; AR 3 April 1997 art. 14 §2",
            year=2013, credit="operating.it", amount=D("350000"), **common,
        ),
        core.Transfer(
            on=dt.date(2014, 3, 10), basis=f"{DEMO} — INAMI art. 68; AR 3 April 1997 art. 14 §1",
            year=2014, source="operating.ordinary", target="operating.it", amount=D("250000"),
            documents=("note DG 2014/12",), **common,
        ),
        core.OwnRevenue(
            on=dt.date(2014, 5, 20), basis=f"{DEMO} — INAMI art. 64 al. 1 (cost recovery)",
            year=2014, credit="operating.ordinary", case=core.RevenueCase.COST_RECOVERY,
            amount=D("120000"), documents=("invoice 2014/118",), **common,
        ),
        core.Transfer(
            on=dt.date(2014, 9, 5), basis=f"{DEMO} — INAMI art. 68; AR 3 April 1997 art. 14 §1",
            year=2014, source="investments.movable", target="investments.it",
            amount=D("80000"), documents=("note DG 2014/31",), **common,
        ),
    ]  # fmt: skip
    numbers = [services.record_operation(DEMO_CONTRACT, op, manager).number for op in operations]
    services.process_transfer(
        DEMO_CONTRACT, numbers[2], dt.date(2014, 3, 14), "CB/2014/9", user=commissioner
    )
    ledger = services.ledger_of(DEMO_CONTRACT, with_execution=False)
    path = _execution_file(directory, ledger)
    report = services.import_execution(DEMO_CONTRACT, path, manager, demonstration=True)
    if not report.ok:  # the demonstration's own file: a fault here is the code's
        raise AssertionError("\n".join(map(str, report.rejections)))
    return (
        f"demonstration budget of {DEMO_CONTRACT}: {len(numbers)} operations, "
        f"execution January-September 2014 from {path}"
    )
