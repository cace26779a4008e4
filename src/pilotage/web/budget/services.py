"""The jobs on the management budget: the one place the command line, the pages and the
demonstration data go through. Each job checks who may do it, runs the core's rules
(`pilotage.budget`), writes in one transaction and audits it.

Who does what: the contract manager (or an administrator) records operations, the statutory
part of the personnel credits and execution imports; the government commissioner (for the
Budget) records the processing of transfers (art. 68) and opinions (art. 64, 71 c); others read.
The command line's own jobs (the demonstration) act as nobody (`user` None).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from pilotage import budget as core
from pilotage.errors import BudgetError, BudgetRoleError, BudgetRuleError
from pilotage.web.accounts.access import Account, User, acting, grant_for
from pilotage.web.accounts.models import Grant, Role
from pilotage.web.audit.record import record
from pilotage.web.budget import models as m
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.progress.recording import contract_of, version_of

__all__ = [
    "BudgetActor",
    "execution_of",
    "follow_up",
    "import_execution",
    "ledger_of",
    "opinion_of",
    "process_transfer",
    "record_operation",
    "record_opinion",
    "record_statutory",
    "statement",
]

_MANAGERS = {Role.ADMINISTRATOR.value, Role.CONTRACT_MANAGER.value}
_COMMISSIONER = {Role.GOVERNMENT_COMMISSIONER.value}


@dataclass(frozen=True)
class BudgetActor:
    """Who does a budget job: their account (None: the command line's own jobs) and grant."""

    user: Account | None
    grant: Grant | None

    @classmethod
    def of(cls, user: User | None, contract_id: str) -> BudgetActor:
        account = acting(user)
        version = version_of(contract_id)
        return cls(account, grant_for(account, version.institution) if account else None)

    @property
    def name(self) -> str:
        return self.user.get_username() if self.user else "the command line"

    def require(self, roles: set[str], what: str, who: str) -> None:
        if self.user is None:
            return
        role = self.grant.role if self.grant else None
        if role not in roles:
            shown = role.replace("_", " ") if role else "no grant"
            raise BudgetRoleError(f"{self.name} ({shown}) may not {what}: {who} does")


@contextmanager
def _writing(contract_id: str) -> Iterator[None]:
    """One transaction; two writers that numbered the same operation: the second is told."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise BudgetRuleError(
            f"the ledger of {contract_id} changed while this was recorded: nothing was written, "
            "look at the ledger again (pilotage budget ledger) and record it again"
        ) from None


def _version(contract_id: str) -> ContractVersion:
    return version_of(contract_id)


def _scope(contract_id: str) -> dict[str, Any]:
    version = _version(contract_id)
    return {"institution": version.institution, "contract_id": contract_id}


def execution_of(contract_id: str) -> core.Execution:
    """The execution of each year, from the latest import that holds it."""
    lines: list[core.ExecutionLine] = []
    taken: set[int] = set()
    demonstration = False
    for batch in m.ExecutionImport.objects.filter(**_scope(contract_id)).order_by("-pk"):
        years = {int(y) for y in batch.years} - taken
        for r in batch.rows.filter(year__in=years):
            lines.append(
                core.ExecutionLine(
                    r.year,
                    r.month,
                    r.credit,
                    Decimal(r.committed),
                    Decimal(r.paid),
                    r.article,
                    r.row,
                )
            )
        demonstration |= bool(years) and batch.demonstration
        taken |= years
    return core.Execution(tuple(lines), "stored imports", demonstration)


def ledger_of(contract_id: str, *, with_execution: bool = True) -> core.Ledger:
    """The ledger of `contract_id` as stored: its operations replayed in their order."""
    scope = _scope(contract_id)
    table = core.opening_table(contract_of(_version(contract_id)))
    parts = {s.year: Decimal(s.amount) for s in m.StatutoryPart.objects.filter(**scope)}
    ledger = core.Ledger(table, statutory_personnel=parts)
    for row in m.Operation.objects.filter(**scope).order_by("number"):
        ledger.record(core.operation_from_json(row.content))
        step = m.Processing.objects.filter(operation=row).first()
        if step is not None:
            ledger.process(row.number, step.on, step.by, step.reference, step.agreed)
    if with_execution:
        ledger.execution = execution_of(contract_id)
    return ledger


def record_operation(contract_id: str, op: core.Operation, user: User | None = None) -> core.Entry:
    """Check `op` against the ledger and store it, with its author the acting user."""
    actor = BudgetActor.of(user, contract_id)
    actor.require(_MANAGERS, "record a budget operation", "the institution's contract manager")
    if actor.user is not None:
        op = replace(op, author=actor.name)
    with _writing(contract_id):
        ledger = ledger_of(contract_id)
        entry = ledger.preview(op)
        content = core.operation_to_json(op)
        row = m.Operation.objects.create(
            **_scope(contract_id),
            number=entry.number,
            kind=str(op.kind),
            on=op.on,
            author=op.author,
            basis=op.basis,
            content=content,
            demonstration=op.demonstration,
            recorded_by=actor.user,
        )
        record("budget.operation", row, who=actor.user, after=_audited(entry))
    return entry


def _audited(entry: core.Entry) -> dict[str, Any]:
    return {
        "number": entry.number,
        "operation": core.operation_to_json(entry.operation),
        "movements": [
            {"year": x.year, "credit": x.credit, "amount": format(x.amount, "f")}
            for x in entry.movements
        ],
        "working": [line.working for line in entry.working],
    }


def process_transfer(
    contract_id: str,
    number: int,
    on: dt.date,
    reference: str,
    *,
    agreed: bool = True,
    user: User | None = None,
) -> core.Processing:
    """The commissioner for the Budget's processing of transfer `number` (art. 68)."""
    actor = BudgetActor.of(user, contract_id)
    actor.require(_COMMISSIONER, "process a transfer", "the government commissioner for the Budget")
    with _writing(contract_id):
        ledger = ledger_of(contract_id)
        step = ledger.process(number, on, actor.name, reference, agreed)
        row = m.Operation.objects.get(**_scope(contract_id), number=number)
        kept = m.Processing.objects.create(
            operation=row, on=on, by=actor.name, reference=reference, agreed=agreed,
            recorded_by=actor.user,
        )  # fmt: skip
        after = {"on": on.isoformat(), "reference": reference, "agreed": agreed}
        record("budget.processing", kept, who=actor.user, after=after)
    return step


def record_opinion(
    contract_id: str,
    subject: str,
    on: dt.date,
    reference: str,
    *,
    favourable: bool = True,
    user: User | None = None,
    demonstration: bool = False,
) -> m.Opinion:
    """An opinion of the commissioner for the Budget, numbered; operations cite its number."""
    actor = BudgetActor.of(user, contract_id)
    actor.require(_COMMISSIONER, "give an opinion", "the government commissioner for the Budget")
    if not subject.strip() or not reference.strip():
        raise BudgetError("an opinion says its subject and its reference (the letter, the minutes)")
    with _writing(contract_id):
        scope = _scope(contract_id)
        number = m.Opinion.objects.filter(**scope).count() + 1
        row = m.Opinion.objects.create(
            **scope, number=number, subject=subject, on=on, by=actor.name, reference=reference,
            favourable=favourable, recorded_by=actor.user, demonstration=demonstration,
        )  # fmt: skip
        after = {"subject": subject, "on": on.isoformat(), "favourable": favourable}
        record("budget.opinion", row, who=actor.user, after=after)
    return row


def opinion_of(contract_id: str, number: int) -> core.Opinion:
    """Opinion `number` as the core cites it; BudgetError when unknown or unfavourable."""
    row = m.Opinion.objects.filter(**_scope(contract_id), number=number).first()
    if row is None:
        raise BudgetError(f"no opinion no. {number} for {contract_id} (pilotage budget ledger)")
    if not row.favourable:
        raise BudgetError(
            f"opinion no. {number} of {row.on} is unfavourable: an operation needs a favourable one"
        )
    return core.Opinion(f"{row.by} (commissioner for the Budget)", row.on, row.reference)


def record_statutory(
    contract_id: str, year: int, amount: Decimal, source: str, user: User | None = None
) -> m.StatutoryPart:
    """The statutory part of the personnel credits of `year`, once, before any operation."""
    actor = BudgetActor.of(user, contract_id)
    actor.require(_MANAGERS, "record the statutory part", "the institution's contract manager")
    scope = _scope(contract_id)
    with transaction.atomic():
        if m.StatutoryPart.objects.filter(**scope, year=year).exists():
            raise BudgetError(f"the statutory part of {year} is recorded already; it is kept")
        ledger = ledger_of(contract_id)
        core.Ledger(ledger.table, statutory_personnel={year: amount})  # checks the cap
        if any(x.year == year for e in ledger.entries for x in e.movements):
            raise BudgetError(
                f"operations of {year} are recorded already: the statutory part is recorded "
                "before the first operation of its year"
            )
        row = m.StatutoryPart.objects.create(
            **scope, year=year, amount=core.cents(amount), source=source, recorded_by=actor.user
        )
        after = {"year": year, "amount": format(amount, "f"), "source": source}
        record("budget.statutory", row, who=actor.user, after=after)
    return row


def import_execution(
    contract_id: str, path: Path, user: User | None = None, *, demonstration: bool = False
) -> core.ExecutionReport:
    """Read and store an execution file; any rejected row stores nothing (the report says why)."""
    actor = BudgetActor.of(user, contract_id)
    actor.require(_MANAGERS, "import the execution", "the institution's contract manager")
    table = core.opening_table(contract_of(_version(contract_id)))
    report = core.read_execution(path, table)
    if report.execution is None:
        return report
    lines = report.execution.lines
    with transaction.atomic():
        batch = m.ExecutionImport.objects.create(
            **_scope(contract_id), source=str(path), sha256=_sha256(path),
            years=sorted({x.year for x in lines}), recorded_by=actor.user,
            demonstration=demonstration,
        )  # fmt: skip
        m.ExecutionRow.objects.bulk_create(
            m.ExecutionRow(
                batch=batch,
                year=x.year,
                month=x.month,
                credit=x.credit,
                article=x.article,
                committed=x.committed,
                paid=x.paid,
                row=x.row,
            )
            for x in lines
        )
        after = {"source": str(path), "rows": len(lines), "years": batch.years}
        record("budget.execution", batch, who=actor.user, after=after)
    return report


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def follow_up(contract_id: str, year: int) -> list[core.CreditFollowUp]:
    """Credits against execution, per credit then per line and the total."""
    ledger = ledger_of(contract_id)
    codes = [*ledger.table.codes(), *ledger.table.groups]
    assert ledger.execution is not None
    return core.follow(ledger, ledger.execution, year, codes)


def statement(contract_id: str, year: int, language: str, on: dt.date | None = None) -> bytes:
    """The art. 74 statement of `year` as XLSX, in `language` (fr, nl), as it stands on `on`."""
    return core.statement_xlsx(ledger_of(contract_id), year, language, on=on)
