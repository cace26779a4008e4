"""Articles (projects) with their action-commitments and deadlines, continuous missions and
strategic projects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from pilotage.contract.base import Code, Element, LocalText, Strict
from pilotage.contract.lineage import LineageRemark
from pilotage.contract.norms import DelayUnit, Indicator

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


class DeadlineForm(StrEnum):
    """The structured form of a deadline as printed, or why there is none."""

    DATE = "date"  # "Date limite : 30 juin 2013"
    DATES = "dates"  # "Dates limites : 31 décembre 2013 ; 31 décembre 2014 ; ..."
    PERIOD = "period"  # "1er trimestre de 2013": due by the period's last day
    RELATIVE = "relative"  # "X + 6 mois (X étant la date de publication de l'arrêté royal)"
    RECURRING = "recurring"  # "Semestriel", "Annuel", "Tous les 5 ans", "chaque année ..."
    CONTINUOUS = "continuous"  # "permanent", "en continu": followed without a due date
    INVALID = "invalid"  # "31/04/2013": a date that does not exist, reported not guessed
    UNSTRUCTURED = "unstructured"  # text we keep but cannot reduce to dates; `diagnosis` says why


class Offset(Strict):
    value: int = Field(ge=0)
    unit: DelayUnit

    @model_validator(mode="after")
    def _no_fixed(self) -> Offset:
        if self.unit is DelayUnit.FIXED_DATE:
            raise ValueError("an offset is counted in days, working days or months")
        return self


class Recurrence(Strict):
    """A recurring due date: every `every` `unit`s, due `due` after each cycle opens.

    "Pour la fin du premier trimestre de chaque année civile": every 1 year, period quarter,
    index 1 -> 31 March of each year. "chaque année dans le courant du 4e trimestre de l'année
    X-1": every 1 year, quarter 4, year_offset -1.
    """

    every: int = Field(1, ge=1)
    unit: str = Field(pattern="^(month|quarter|semester|year)$")
    period: str | None = Field(None, pattern="^(month|quarter|semester|year)$")
    index: int | None = Field(None, ge=1, le=12, description="Which period of the cycle.")
    year_offset: int = 0
    first: dt.date | None = Field(None, description="First due date, when the text gives it.")


class Deadline(Strict):
    """A deadline kept exactly as printed, beside its structured form (or why it has none)."""

    printed: str
    form: DeadlineForm
    dates: list[dt.date] = Field(default_factory=list)
    periods: list[str] = Field(default_factory=list, description='e.g. ["2013-Q1"].')
    event: LocalText | None = Field(None, description="The event X a relative deadline waits for.")
    offset: Offset | None = None
    recurrence: Recurrence | None = None
    diagnosis: str | None = Field(None, description="Why the printed text has no usable form.")

    @model_validator(mode="after")
    def _shape(self) -> Deadline:
        f = self.form
        if f is DeadlineForm.DATE and len(self.dates) != 1:
            raise ValueError("a 'date' deadline has exactly one date")
        if f is DeadlineForm.DATES and len(self.dates) < 2:
            raise ValueError("a 'dates' deadline has two dates or more")
        if f is DeadlineForm.PERIOD and (not self.periods or len(self.dates) != len(self.periods)):
            raise ValueError("a 'period' deadline gives each period and its last day in dates")
        if f is DeadlineForm.RELATIVE and (self.event is None or self.offset is None):
            raise ValueError("a 'relative' deadline names its event and its offset")
        if f is DeadlineForm.RECURRING and self.recurrence is None:
            raise ValueError("a 'recurring' deadline gives its recurrence")
        if f in (DeadlineForm.INVALID, DeadlineForm.UNSTRUCTURED) and not self.diagnosis:
            raise ValueError(f"an '{f.value}' deadline says why in diagnosis")
        if self.dates != sorted(self.dates):
            raise ValueError("deadline dates are listed in order")
        return self


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
