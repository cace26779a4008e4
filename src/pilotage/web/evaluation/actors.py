"""Who does an evaluation job, and what every job reads first: the day, the evaluation, its
legal calendar and clocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pilotage import followup
from pilotage.errors import EvaluationError, EvaluationPartyError
from pilotage.evaluation import (
    AgreedCalendar,
    Clock,
    LegalCalendar,
    Party,
    Step,
    evaluation_clocks,
)
from pilotage.web.accounts.access import Account, User, acting, grant_for, party_of
from pilotage.web.accounts.models import Grant, Role
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.evaluation import models as m
from pilotage.web.progress.recording import contract_of, version_of

__all__ = [
    "PARTY_FIELD",
    "Actor",
    "clocks_of",
    "evaluation_of",
    "legal_calendar",
    "steps_of",
    "today",
]

PARTY_FIELD = {Party.INSTITUTION: "institution", Party.STATE: "commissioners"}


@dataclass(frozen=True)
class Actor:
    """Who does a job: their account (None from the command line's own jobs) and grant."""

    user: Account | None
    grant: Grant | None

    @classmethod
    def of(cls, user: User | None, version: ContractVersion) -> Actor:
        account = acting(user)
        return cls(account, grant_for(account, version.institution) if account else None)

    @property
    def name(self) -> str:
        return self.user.get_username() if self.user else "the command line"

    @property
    def role(self) -> str:
        return Role(self.grant.role).value.replace("_", " ") if self.grant else "no grant"

    @property
    def party(self) -> Party | None:
        found = party_of(self.grant)
        return Party(found) if found else None

    def require_manager(self, what: str) -> None:
        if self.user is None:
            return  # the command line's own jobs (settling, demonstration data)
        if self.party is not Party.INSTITUTION:
            raise EvaluationPartyError(
                f"{self.name} ({self.role}) may not {what}: the institution's contract manager does"
            )


def today() -> dt.date:
    return followup.today()


def legal_calendar(evaluation: m.Evaluation, contract: Any = None) -> LegalCalendar:
    contract = contract or contract_of(version_of(evaluation.contract_id))
    agreed = None
    if evaluation.agreed_calendar:
        a = evaluation.agreed_calendar
        agreed = AgreedCalendar(
            dt.date.fromisoformat(a["draft_due"]),
            int(a["meeting_within"]),
            int(a["report_within"]),
            dt.date.fromisoformat(a["agreed_on"]),
            a.get("note", ""),
        )
    return LegalCalendar.of(contract, evaluation.calendar, agreed)


def steps_of(evaluation: m.Evaluation) -> dict[Step, dt.date]:
    return {Step(s.step): s.on for s in evaluation.steps.all()}


def clocks_of(evaluation: m.Evaluation, on: dt.date | None = None) -> list[Clock]:
    return evaluation_clocks(
        legal_calendar(evaluation), evaluation.year, steps_of(evaluation), on or today()
    )


def evaluation_of(contract_id: str, year: int) -> m.Evaluation:
    version = version_of(contract_id)
    found = m.Evaluation.objects.filter(
        contract_id=contract_id, institution=version.institution, year=year
    ).first()
    if found is None:
        raise EvaluationError(
            f"no evaluation of {year} for {contract_id}; the contract manager opens it: "
            f"pilotage evaluation open {contract_id} {year} --as USERNAME"
        )
    return found
