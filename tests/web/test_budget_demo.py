"""The demonstration budget as pilotage start loads it: visible, labelled, exportable."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook  # type: ignore[import-untyped]

from pilotage.budget import AlertKind, OperationKind
from pilotage.cli import main
from pilotage.web.audit.models import AuditEntry
from pilotage.web.budget import models as m
from pilotage.web.budget import services
from pilotage.web.budget.demo import DEMO_CONTRACT, seed_demo_budget

D = Decimal


def test_the_demonstration_budget(demo: object, tmp_path: Path) -> None:
    # after the demonstration evaluation, as pilotage start runs them: the budget reads the
    # contract's latest version (amended by the evaluation's adaptation request)
    said = seed_demo_budget(tmp_path)
    assert "5 operations" in said
    assert seed_demo_budget(tmp_path).endswith("kept as it was")
    ledger = services.ledger_of(DEMO_CONTRACT)
    kinds = [e.operation.kind for e in ledger.entries]
    assert kinds.count(OperationKind.TRANSFER) == 2
    assert {OperationKind.REEVALUATION, OperationKind.CARRY_OVER, OperationKind.OWN_REVENUE} <= set(
        kinds
    )
    assert all(e.operation.demonstration for e in ledger.entries)
    assert all(e.operation.author == "demo-contract-manager" for e in ledger.entries)
    assert [e.number for e in ledger.awaiting_processing()] == [5]
    # re-evaluated (93 715 913,06), the statutory part follows and stays under the cap
    assert ledger.balance("personnel", 2014) == D("93715913.06")
    assert ledger.statutory(2014) == D("85169389.25")
    # 16 103 000 re-evaluated to 16 265 161,04, + 350 000 carried over, + 250 000 transferred
    assert ledger.balance("operating.it", 2014) == D("16865161.04")
    assert ledger.balance("operating.it", 2013) == D("16033000.00")
    follow = {f.code: f for f in services.follow_up(DEMO_CONTRACT, 2014)}
    assert [x.month for x in follow["personnel"].months] == list(range(1, 10))
    alert = follow["investments.it"].alert
    assert alert is not None
    assert alert.kind is AlertKind.RUNS_OUT
    # statutory part, opinion, 5 operations, processing, execution import
    assert AuditEntry.objects.filter(action__startswith="budget.").count() == 9
    assert m.ExecutionImport.objects.get().demonstration
    for language, sheet, label in (
        ("fr", "État", "DÉMONSTRATION"),
        ("nl", "Staat", "DEMONSTRATIE"),
    ):
        out = tmp_path / f"statement-{language}.xlsx"
        result = CliRunner().invoke(
            main,
            ["budget", "statement", DEMO_CONTRACT, "2014", "--language", language, "-o", str(out)],
        )
        assert result.exit_code == 0, result.output
        book = load_workbook(io.BytesIO(out.read_bytes()))
        assert book.sheetnames[0] == sheet
        assert str(book[sheet]["A4"].value).startswith(label)
