"""Indicators and their norms (DOMAIN "Kinds of indicator found in the documents").

Regular kinds are data: an indicator says *what* it measures (kind, start and end events,
population); each of its norms says *against what* for a validity period (delay, target).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from pilotage.contract._base import Code, Element, LocalText, Strict, Validity
from pilotage.legaltime import Convention, Delay, DelayUnit, NonWorkingEnd, PeriodKind

__all__ = [
    "Caveat",
    "CaveatKind",
    "Convention",
    "Delay",
    "DelayUnit",
    "Indicator",
    "IndicatorKind",
    "NonWorkingEnd",
    "Norm",
    "Operator",
    "PeriodKind",
    "Population",
    "Target",
    "TargetUnit",
    "Trend",
]


class IndicatorKind(StrEnum):
    """What an indicator measures."""

    TIMELINESS = "timeliness"  # share of cases ended within the norm's deadline from their start
    SHARE = "share"  # numerator / denominator with no delay (PEN 1-02, PEN 2-01 call centre)
    AMOUNT_RATIO = "amount_ratio"  # amount collected / amount due (P2P 1-01)
    COUNT = "count"  # events counted per period (ECL 1-01: 600 situations in year X)
    PLAN_SHARE = "plan_share"  # done / planned (EAE 1-01: audit plan missions executed)
    RESULT = "result"  # a result value against yearly targets or a trend (INAMI art. 37 §2)
    MILESTONE = "milestone"  # achievement date against a deadline (INAMI action-commitments)


class Operator(StrEnum):
    GE = ">="
    LE = "<="
    EQ = "="


class TargetUnit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    AMOUNT = "amount"
    DAYS = "days"
    NUMBER = "number"


class Trend(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    STABLE = "stable"


class Population(Strict):
    """Which cases an indicator or a norm counts."""

    include_categories: list[str] = Field(default_factory=list)
    exclude_categories: list[str] = Field(
        default_factory=list, description='e.g. ["revenu manquant"] for ECL 5-01.'
    )
    started_from: dt.date | None = Field(
        None, description="Only cases started on or after this day (DVR: requests from 2019-01-01)."
    )
    attributes: dict[str, str] = Field(
        default_factory=dict, description='Free attribute filters, e.g. {"sample": "30%"}.'
    )
    description: LocalText | None = None


class Target(Strict):
    operator: Operator = Operator.GE
    value: Decimal
    unit: TargetUnit = TargetUnit.PERCENT

    @model_validator(mode="after")
    def _range(self) -> Target:
        if self.unit is TargetUnit.PERCENT and not (0 <= self.value <= 100):
            raise ValueError(f"a percentage target lies between 0 and 100, not {self.value}")
        return self


class Norm(Element):
    """What an indicator must reach during a validity period ("normalisation 2019-2020")."""

    valid: Validity
    label: LocalText | None = None
    printed: str | None = Field(None, description='The table cells as printed: "120 | 90%".')
    delays: list[Delay] = Field(default_factory=list)
    target: Target | None = None
    trend: Trend | None = None
    per: PeriodKind | None = Field(
        None, description='The period the target counts over ("Année X": year).'
    )
    population: Population | None = None
    footnotes: list[str] = Field(default_factory=list, description="Footnote numbers on the row.")

    @model_validator(mode="after")
    def _shape(self) -> Norm:
        if self.target is None and self.trend is None:
            raise ValueError("a norm needs a target or an expected trend")
        categories = [d.category for d in self.delays]
        if len(self.delays) > 1 and (None in categories or len(set(categories)) != len(categories)):
            raise ValueError("several delays on one norm must each name a different category")
        return self


class CaveatKind(StrEnum):
    NOT_REACHABLE = "not_reachable"  # the norm is announced as not met in a period, and why
    SCOPE = "scope"  # the norm applies only to some cases (DVR: requests from 2019-01-01)
    CONTEXT = "context"  # background a reader of the figure must know


class Caveat(Element):
    """A footnote tied to objectives and a period, shown beside the figure."""

    footnote: str | None = Field(None, description="Footnote number in the document.")
    kind: CaveatKind = CaveatKind.CONTEXT
    text: LocalText
    period: Validity | None = Field(None, description="When it applies; none: always.")


class Indicator(Element):
    """How an objective is measured, with its norms over time (possibly none)."""

    code: Code
    name: LocalText
    kind: IndicatorKind
    start_event: str | None = Field(None, description="Case event the delay runs from.")
    end_event: str | None = Field(None, description="Case event that ends the case.")
    numerator: LocalText | None = None
    denominator: LocalText | None = None
    population: Population | None = None
    unit: TargetUnit = TargetUnit.PERCENT
    baseline: Decimal | None = None
    baseline_year: int | None = None
    norms: list[Norm] = Field(default_factory=list)
    no_norm_reason: LocalText | None = Field(
        None, description='Why no norm is set ("Il a été opté de ne pas fixer de norme").'
    )

    @model_validator(mode="after")
    def _shape(self) -> Indicator:
        if self.kind is IndicatorKind.TIMELINESS:
            if not self.start_event or not self.end_event:
                raise ValueError("a timeliness indicator names its start_event and end_event")
            for norm in self.norms:
                if not norm.delays:
                    raise ValueError("every norm of a timeliness indicator gives its delay")
        if not self.norms and self.no_norm_reason is None:
            raise ValueError("an indicator without norms says why (no_norm_reason)")
        labels = [n.label.text() if n.label else None for n in self.norms]
        for i, a in enumerate(self.norms):
            for b, label in zip(self.norms[i + 1 :], labels[i + 1 :], strict=True):
                if a.valid.overlaps(b.valid) and (labels[i] is None or labels[i] == label):
                    raise ValueError(
                        "two norms overlap in time: give them different labels when an objective "
                        "has two norms at once (ECL 5-01), or non-overlapping validity periods"
                    )
        return self

    def norms_in_force(self, day: dt.date) -> list[Norm]:
        return [n for n in self.norms if n.valid.contains(day)]
