"""Articles (projects) with their action-commitments and deadlines, continuous missions and
strategic projects."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from pilotage.contract._base import Code, Element, LocalText
from pilotage.contract._lineage import LineageRemark
from pilotage.contract._norms import Indicator
from pilotage.legaltime import Deadline, DeadlineForm, Offset, Recurrence

__all__ = [
    "Action",
    "Article",
    "ContinuousMission",
    "Deadline",
    "DeadlineForm",
    "ExternalFactor",
    "Offset",
    "Recurrence",
    "ReportingRhythm",
    "StrategicProject",
]


class Action(Element):
    """An action-commitment ("action-engagement") of an article, numbered as printed."""

    number: str
    text: LocalText
    deadline: Deadline | None = None
    deliverable: LocalText | None = None


class ExternalFactor(Element):
    """A factor outside the institution's control ("facteurs externes")."""

    text: LocalText
    measure: LocalText | None = Field(None, description="How it is measured, where possible.")


class Article(Element):
    """An INAMI-style article: one project with its action-commitments."""

    number: Code
    title: LocalText
    parent: Code | None = Field(None, description='The article it is part of ("29" for "29.1").')
    domain: Code | None = Field(None, description="Code of a strategic domain.")
    origin: list[LineageRemark] = Field(default_factory=list)
    intitule: LocalText | None = Field(None, description="Intitulé: the project's object.")
    cadre: list[Code] = Field(default_factory=list, description="Mission category codes.")
    cadre_printed: str | None = Field(None, description='The "Cadre" line as printed.')
    axes: list[Code] = Field(default_factory=list, description="Axis codes.")
    axes_printed: list[str] = Field(default_factory=list, description="The axes as printed.")
    context: LocalText | None = None
    actions: list[Action] = Field(default_factory=list)
    expected_effects: list[LocalText] = Field(default_factory=list)
    external_factors: list[ExternalFactor] = Field(default_factory=list)
    result_indicators: list[Indicator] = Field(default_factory=list)


class ContinuousMission(Element):
    """A continuous mission followed without being a commitment (INAMI art. 36)."""

    code: Code
    title: LocalText
    origin: list[LineageRemark] = Field(default_factory=list)
    origin_printed: str | None = None
    deadline: Deadline | None = None
    service: str | None = None


class ReportingRhythm(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMESTRIAL = "semestrial"
    YEARLY = "yearly"


class StrategicProject(Element):
    """A strategic project (INASTI chapter 6), with or without IT support."""

    code: Code
    title: LocalText
    description: LocalText | None = None
    it_support: bool
    reporting: ReportingRhythm
    reports_to: LocalText | None = None
    method: str | None = Field(None, description='e.g. "PLC", "PLC Light".')
    lineage: list[LineageRemark] = Field(default_factory=list)
    budget: Decimal | None = None
