"""The budget's jobs as stored: roles, audit trail, replay, execution imports, and the CLI."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User

from pilotage.budget import CarryOver, Counter, OwnRevenue, RevenueCase, Saving, Transfer
from pilotage.cli import main
from pilotage.errors import BudgetError, BudgetRoleError, BudgetRuleError
from pilotage.web.accounts.models import Role
from pilotage.web.audit.models import AuditEntry
from pilotage.web.budget import models as m
from pilotage.web.budget import services
from tests.web.conftest import make_user

D = Decimal
CONTRACT = "inami-2013-2015"


@pytest.fixture
def people(seeded: None) -> dict[str, User]:
    return {
        "manager": make_user("mia", Role.CONTRACT_MANAGER, "INAMI"),
        "commissioner": make_user("cas", Role.GOVERNMENT_COMMISSIONER, "INAMI"),
        "viewer": make_user("vic", Role.VIEWER, "INAMI"),
        "other": make_user("oto", Role.CONTRACT_MANAGER, "INASTI"),
    }


def _transfer(amount: str = "250000", **kw: object) -> Transfer:
    args: dict[str, object] = {
        "on": dt.date(2014, 3, 10), "author": "x", "basis": "art. 68", "year": 2014,
        "source": "operating.ordinary", "target": "operating.it", "amount": D(amount),
    }  # fmt: skip
    args.update(kw)
    return Transfer(**args)  # type: ignore[arg-type]


def test_the_manager_records_the_commissioner_processes_and_all_is_audited(
    people: dict[str, User],
) -> None:
    entry = services.record_operation(CONTRACT, _transfer(), people["manager"])
    assert entry.number == 1
    stored = m.Operation.objects.get()
    assert stored.author == "mia"  # the acting user, whatever the operation said
    with pytest.raises(
        BudgetRoleError, match=r"mia \(contract manager\) may not process a transfer"
    ):
        services.process_transfer(
            CONTRACT, 1, dt.date(2014, 3, 12), "CB/14/3", user=people["manager"]
        )
    services.process_transfer(
        CONTRACT, 1, dt.date(2014, 3, 12), "CB/14/3", user=people["commissioner"]
    )
    ledger = services.ledger_of(CONTRACT)
    assert ledger.balance("operating.it", 2014) == D("16353000.00")
    assert ledger.processing_of(1) is not None
    assert ledger.processing_of(1).by == "cas"  # type: ignore[union-attr]
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["budget.operation", "budget.processing"]
    audited = AuditEntry.objects.get(action="budget.operation")
    assert audited.after is not None
    assert audited.after["movements"][1] == {
        "year": 2014,
        "credit": "operating.it",
        "amount": "250000.00",
    }
    assert audited.who == people["manager"]
    assert audited.institution is not None
    assert audited.institution.code == "INAMI"


@pytest.mark.parametrize("who", ["commissioner", "viewer", "other"])
def test_others_may_not_record_an_operation(people: dict[str, User], who: str) -> None:
    with pytest.raises(
        BudgetRoleError,
        match=r"may not record a budget operation: the institution's contract manager does",
    ):
        services.record_operation(CONTRACT, _transfer(), people[who])
    assert not m.Operation.objects.exists()


def test_a_refused_operation_stores_nothing_and_a_stored_one_is_never_changed(
    people: dict[str, User],
) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(BudgetRuleError, match=r"art. 69"):
        services.record_operation(
            CONTRACT,
            CarryOver(
                on=dt.date(2016, 1, 5),
                author="x",
                basis="art. 69",
                year=2015,
                credit="personnel",
                amount=D(1),
            ),
            people["manager"],
        )
    assert not m.Operation.objects.exists()
    assert AuditEntry.objects.count() == before
    services.record_operation(CONTRACT, _transfer(), people["manager"])
    row = m.Operation.objects.get()
    row.basis = "changed"
    with pytest.raises(ValueError, match=r"is kept as recorded"):
        row.save()
    with pytest.raises(ValueError, match=r"record a counter-operation"):
        row.delete()
    services.record_operation(
        CONTRACT,
        Counter(on=dt.date(2014, 4, 1), author="x", basis="wrong credit", of=1),
        people["manager"],
    )
    assert services.ledger_of(CONTRACT).balance("operating.it", 2014) == D("16103000.00")


def test_opinions_are_the_commissioners_and_operations_cite_them(people: dict[str, User]) -> None:
    with pytest.raises(BudgetRoleError, match=r"may not give an opinion"):
        services.record_opinion(
            CONTRACT, "rent", dt.date(2014, 5, 1), "CB/1", user=people["manager"]
        )
    services.record_opinion(
        CONTRACT, "rent of floor 3", dt.date(2014, 5, 1), "CB/1", user=people["commissioner"]
    )
    services.record_opinion(
        CONTRACT,
        "other",
        dt.date(2014, 5, 1),
        "CB/2",
        favourable=False,
        user=people["commissioner"],
    )
    with pytest.raises(BudgetError, match=r"opinion no. 2 of 2014-05-01 is unfavourable"):
        services.opinion_of(CONTRACT, 2)
    with pytest.raises(BudgetError, match=r"no opinion no. 3"):
        services.opinion_of(CONTRACT, 3)
    op = OwnRevenue(
        on=dt.date(2014, 5, 2),
        author="x",
        basis="art. 64",
        year=2014,
        credit="operating.ordinary",
        case=RevenueCase.RENT_MARKET,
        amount=D("90000"),
        opinion=services.opinion_of(CONTRACT, 1),
    )
    services.record_operation(CONTRACT, op, people["manager"])
    assert services.ledger_of(CONTRACT).balance("operating.ordinary", 2015) == D("14865764.00")


def test_the_statutory_part_is_recorded_once_before_the_year_and_under_the_cap(
    people: dict[str, User],
) -> None:
    with pytest.raises(BudgetRuleError, match=r"above the statutory cap"):
        services.record_statutory(CONTRACT, 2014, D("85355596.01"), "DG Budget", people["manager"])
    services.record_statutory(CONTRACT, 2014, D("83500000"), "DG Budget", people["manager"])
    with pytest.raises(BudgetError, match=r"recorded already; it is kept"):
        services.record_statutory(CONTRACT, 2014, D("83500000"), "DG Budget", people["manager"])
    saving = Saving(
        on=dt.date(2014, 11, 5),
        author="x",
        basis="Council of Ministers",
        year=2015,
        credit="operating.it",
        amount=D(1000),
    )
    services.record_operation(CONTRACT, saving, people["manager"])
    with pytest.raises(BudgetError, match=r"operations of 2015 are recorded already"):
        services.record_statutory(CONTRACT, 2015, D("80000000"), "DG Budget", people["manager"])
    assert services.ledger_of(CONTRACT).statutory(2014) == D("83500000.00")
    assert services.ledger_of(CONTRACT).statutory(2015) is None


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_execution_imports_store_all_or_nothing(people: dict[str, User], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "month,article,credit,committed,paid\n2014-01,8111,,1,1\n2014-02,9999,,1,1\n",
        encoding="utf-8",
    )
    report = services.import_execution(CONTRACT, bad, people["manager"])
    assert [r.row for r in report.rejections] == [3]
    assert not m.ExecutionImport.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text(
        "month,article,credit,committed,paid\n2014-01,8111,,7000000,6900000\n2014-02,,operating.it,100,50\n",
        encoding="utf-8",
    )
    assert services.import_execution(CONTRACT, good, people["manager"]).ok
    newer = tmp_path / "newer.csv"
    newer.write_text(
        "month,article,credit,committed,paid\n2014-01,8111,,7100000,6900000\n", encoding="utf-8"
    )
    services.import_execution(CONTRACT, newer, people["manager"])
    execution = services.execution_of(CONTRACT)
    assert execution.committed(2014, "personnel") == D("7100000.00")  # the latest import holds 2014
    assert execution.committed(2014, "operating.it") == D("0.00")
    assert m.ExecutionImport.objects.count() == 2  # the first is kept
    with pytest.raises(BudgetRoleError, match=r"may not import the execution"):
        services.import_execution(CONTRACT, good, people["viewer"])


def test_the_command_line_records_and_refuses_with_the_rule(
    people: dict[str, User], tmp_path: Path
) -> None:
    code, out = _run(
        "budget",
        "transfer",
        CONTRACT,
        "--year",
        "2014",
        "--from",
        "operating.ordinary",
        "--to",
        "operating.it",
        "--amount",
        "250.000,00",
        "--on",
        "2014-03-10",
        "--basis",
        "art. 68",
        "--document",
        "note DG 2014/12",
        "--as",
        "mia",
    )
    assert code == 0, out
    assert "no. 1 recorded: transfer of 2014-03-10" in out
    assert "2014 operating.it: +250.000,00 EUR" in out
    code, out = _run(
        "budget",
        "transfer",
        CONTRACT,
        "--year",
        "2014",
        "--from",
        "investments.it",
        "--to",
        "operating.it",
        "--amount",
        "500000",
        "--on",
        "2014-03-10",
        "--basis",
        "art. 68",
        "--as",
        "mia",
    )
    assert code == 1
    assert "art. 67: the credit investments.it of 2014 is limitative" in out
    code, out = _run(
        "budget",
        "process",
        CONTRACT,
        "1",
        "--on",
        "2014-03-12",
        "--reference",
        "CB/14/3",
        "--as",
        "cas",
    )
    assert code == 0, out
    code, out = _run("budget", "ledger", CONTRACT)
    assert "processed by cas on 2014-03-12 (CB/14/3)" in out
    code, out = _run("budget", "balance", CONTRACT, "2014")
    assert "operating.it" in out
    assert "16.353.000,00 EUR  (+250.000,00 EUR)" in out
    params = tmp_path / "params.csv"
    params.write_text(
        "name,year,value,estimate,source,published_on\n"
        "liquidation_coefficient,2014,1.6734,forecast,Bureau du Plan,2013-09-12\n"
        "liquidation_coefficient,2013,1.6406,actual,SPF BOSA,2013-09-30\n"
        "health_index,2014,119.36,forecast,Bureau du Plan,2013-09-12\n"
        "health_index,2013,118.17,actual,SPF Economie,2013-09-30\n",
        encoding="utf-8",
    )
    code, out = _run(
        "budget",
        "reevaluate",
        CONTRACT,
        "2014",
        "--parameters",
        str(params),
        "--on",
        "2014-04-01",
        "--basis",
        "art. 71",
        "--dry-run",
        "--as",
        "mia",
    )
    assert code == 0, out
    assert "personnel: 91.879.005,00 EUR x 1.6734 (2014 forecast) / 1.6406 (2013 actual)" in out
    assert "(dry run: nothing recorded)" in out
    assert m.Operation.objects.count() == 1
    code, out = _run(
        "budget",
        "revenue",
        CONTRACT,
        "--year",
        "2014",
        "--credit",
        "operating.ordinary",
        "--case",
        "rent_market",
        "--amount",
        "1000",
        "--on",
        "2014-05-01",
        "--basis",
        "art. 64",
        "--as",
        "mia",
    )
    assert code == 1
    assert "favourable opinion" in out
    code, out = _run(
        "budget", "counter", CONTRACT, "1", "--on", "2014-03-20", "--reason", "wrong", "--as", "vic"
    )
    assert code == 1
    assert "vic (viewer) may not record a budget operation" in out


def test_two_writers_numbering_the_same_operation_the_second_is_told(
    people: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import IntegrityError

    def taken(**_: object) -> None:
        raise IntegrityError("UNIQUE constraint failed: one_budget_number")

    monkeypatch.setattr(m.Operation.objects, "create", taken)
    with pytest.raises(
        BudgetRuleError, match=r"changed while this was recorded: nothing was written"
    ):
        services.record_operation(CONTRACT, _transfer(), people["manager"])
    assert not AuditEntry.objects.filter(action="budget.operation").exists()


def test_the_command_line_gives_the_art_72_authorisation(people: dict[str, User]) -> None:
    args = [
        "budget",
        "add-credit",
        CONTRACT,
        "--year",
        "2014",
        "--credit",
        "investments.real_estate",
        "--amount",
        "6000000",
        "--on",
        "2014-06-02",
        "--basis",
        "art. 65",
        "--as",
        "mia",
    ]
    code, out = _run(*args)
    assert code == 1
    assert "art. 72: additional_credit no. 1 raises the real-estate credit" in out
    code, out = _run(*args, "--authorisation", "2014-06-01")
    assert code == 2
    assert "write REFERENCE@YYYY-MM-DD" in out
    code, out = _run(*args, "--authorisation", "AM 2014/3@2014-06-01")
    assert code == 0, out
    stored = m.Operation.objects.get()
    assert stored.content["authorisation"] == {"on": "2014-06-01", "reference": "AM 2014/3"}
