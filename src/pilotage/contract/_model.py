"""The contract: the root of a contract file (DOMAIN "What a contract holds")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from pilotage.contract._actions import (
    Action,
    Article,
    ContinuousMission,
    Offset,
    ReportingRhythm,
    StrategicProject,
)
from pilotage.contract._base import Code, Element, Language, LocalText, Strict, Validity
from pilotage.contract._budget import Budget, CommonCommitment
from pilotage.contract._lineage import DocumentRef
from pilotage.contract._norms import DelayUnit, Indicator
from pilotage.contract._structure import Chapter, KeyTask, Objective, Service, Strategy

__all__ = [
    "FORMAT",
    "Contract",
    "ContractKind",
    "EvaluationRules",
    "Institution",
    "Party",
    "PartyRole",
    "Provision",
    "Signatory",
]

FORMAT: Literal["pilotage-contract/1"] = "pilotage-contract/1"


class ContractKind(StrEnum):
    CONTRACT = "contract"  # contrat d'administration / bestuursovereenkomst
    AMENDMENT = "amendment"  # avenant / addendum


class PartyRole(StrEnum):
    STATE = "state"
    INSTITUTION = "institution"


class Signatory(Strict):
    name: str
    function: LocalText


class Party(Element):
    role: PartyRole
    name: LocalText
    signatories: list[Signatory] = Field(default_factory=list)


class Institution(Strict):
    code: Code
    name: LocalText
    acronym: LocalText | None = None
    seat: str | None = None


class Provision(Element):
    """An article or chapter of the evaluation and modification rules, kept as text."""

    number: str
    text: LocalText


def _working_days(n: int) -> Offset:
    return Offset(value=n, unit=DelayUnit.WORKING_DAYS_MON_FRI)


class EvaluationRules(Element):
    """The evaluation cycle (INAMI art. 46-51) and modification rules (art. 38-45)."""

    dashboard_update: ReportingRhythm = ReportingRhythm.QUARTERLY
    draft_due_month: int = Field(3, ge=1, le=12, description="Draft evaluation of N due in N+1.")
    draft_due_day: int = Field(31, ge=1, le=31)
    consultation_within: Offset = Field(default_factory=lambda: _working_days(15))
    report_within: Offset = Field(default_factory=lambda: _working_days(15))
    adaptation_decision_within: Offset = Field(default_factory=lambda: _working_days(30))
    adaptation_deemed_approved: bool = True
    provisions: list[Provision] = Field(default_factory=list)


class Contract(Element):
    """A management contract or an amendment to one."""

    format: Literal["pilotage-contract/1"] = FORMAT
    id: Code
    kind: ContractKind
    title: LocalText
    institution: Institution
    period: Validity
    effective: dt.date | None = Field(None, description="From when it applies; default: period.")
    amends: Code | None = Field(None, description="Id of the contract it amends (a reference).")
    languages: list[Language] = Field(min_length=1)
    legal_basis: list[LocalText] = Field(default_factory=list)
    parties: list[Party] = Field(default_factory=list)
    signed_at: str | None = None
    signed_on: dt.date | None = None
    references: list[DocumentRef] = Field(default_factory=list)
    chapters: list[Chapter] = Field(default_factory=list)
    strategy: Strategy | None = None
    services: list[Service] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    continuous_missions: list[ContinuousMission] = Field(default_factory=list)
    projects: list[StrategicProject] = Field(default_factory=list)
    budget: Budget | None = None
    common_commitments: list[CommonCommitment] = Field(default_factory=list)
    evaluation: EvaluationRules | None = None
    removes: list[Code] = Field(
        default_factory=list,
        description="Amendment only: codes of objectives, key tasks or articles of the base it "
        "removes.",
    )

    @model_validator(mode="after")
    def _shape(self) -> Contract:
        if self.period.end is None:
            raise ValueError("a contract's period has an end")
        if self.kind is ContractKind.AMENDMENT and not self.amends:
            raise ValueError("an amendment names the contract it amends (amends)")
        if self.removes and self.kind is not ContractKind.AMENDMENT:
            raise ValueError("only an amendment removes elements (removes)")
        return self

    @property
    def starts(self) -> dt.date:
        return self.effective or self.period.start

    def key_tasks(self) -> Iterator[tuple[Service, KeyTask]]:
        for service in self.services:
            for task in service.key_tasks:
                yield service, task

    def objectives(self) -> Iterator[tuple[Service, KeyTask, Objective]]:
        for service, task in self.key_tasks():
            for objective in task.objectives:
                yield service, task, objective

    def objective(self, code: str) -> Objective:
        for _, _, objective in self.objectives():
            if objective.code == code:
                return objective
        raise KeyError(code)

    def indicators(self) -> Iterator[tuple[str, Indicator]]:
        """Every indicator with the code of what it measures (objective, article, commitment)."""
        for _, _, objective in self.objectives():
            for indicator in objective.indicators:
                yield objective.code, indicator
        for article in self.articles:
            for indicator in article.result_indicators:
                yield f"art. {article.number}", indicator
        for commitment in self.common_commitments:
            if commitment.indicator is not None:
                yield commitment.code, commitment.indicator

    def actions(self) -> Iterator[tuple[Article, Action]]:
        for article in self.articles:
            for action in article.actions:
                yield article, action
