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


def test_the_cost_of_the_main_activities_from_the_demonstration(
    demo: object, tmp_path: Path
) -> None:
    from pilotage.budget import format_eur

    seed_demo_budget(tmp_path)
    keys = tmp_path / "keys.csv"
    keys.write_text("credit,key_task,share,source\npersonnel,KT1,0.5,survey\n", encoding="utf-8")
    paid = services.execution_of(DEMO_CONTRACT).paid(2014, "personnel")
    half = (paid / 2).quantize(D("0.01"))
    args = ["budget", "costs", DEMO_CONTRACT, "2014", "--keys", str(keys)]
    result = CliRunner().invoke(main, [*args, "--volume", "KT1=1000"])
    assert result.exit_code == 0, result.output
    per_case = (half / 1000).quantize(D("0.01"))
    assert result.output.splitlines()[0] == (
        f"KT1: {format_eur(half)}, {format_eur(per_case)} per case (1000)"
    )
    assert f"overhead: {format_eur(paid - half + _other_paid())}" in result.output
    bad = CliRunner().invoke(main, [*args, "--volume", "KT1"])
    assert bad.exit_code == 1
    assert "write KEY_TASK=CASES" in bad.output


def _other_paid() -> Decimal:
    execution = services.execution_of(DEMO_CONTRACT)
    codes = {x.credit for x in execution.lines} - {"personnel"}
    return sum((execution.paid(2014, c) for c in codes), D("0.00"))
