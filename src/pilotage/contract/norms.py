"""Indicators and their norms (DOMAIN "Kinds of indicator found in the documents").

Regular kinds are data: an indicator says *what* it measures (kind, start and end events,
population); each of its norms says *against what* for a validity period (delay, target).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from pilotage.contract.base import Code, Element, LocalText, Strict, Validity

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


class DelayUnit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS_MON_SAT = "working_days_mon_sat"  # "jours ouvrables" in social security law
    WORKING_DAYS_MON_FRI = "working_days_mon_fri"  # "jours ouvrés", Civil Code art. 1.7
    MONTHS = "months"
    FIXED_DATE = "fixed_date"  # a day of the year: "31 mai"


WORKING_DAY_UNITS = (DelayUnit.WORKING_DAYS_MON_SAT, DelayUnit.WORKING_DAYS_MON_FRI)


class Convention(StrEnum):
    """How a delay is counted; see pilotage.legaltime for the exact rules."""

    ELAPSED = "elapsed"  # plain count, no roll-forward: internal norms "% within 120 days"
    JUDICIAL = "judicial"  # Judicial Code art. 52-54: roll-forward, months quantième à veille


class NonWorkingEnd(StrEnum):
    """Under a working-day delay, the working day a case ended on a non-working day counts as.

    `next` (the default): a decision on a Saturday, Sunday or holiday counts as taken on the
    next working day, so it is on time only when that day is not after the deadline (the
    deadline itself is a working day). `previous`: it counts as taken on the working day before,
    for contracts that treat weekend work as the previous day's output. docs/measuring.md.
    """

    NEXT = "next"
    PREVIOUS = "previous"


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    SEMESTER = "semester"
    YEAR = "year"
    CONTRACT = "contract"


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


class Delay(Strict):
    """The delay a norm allows from a case's start event.

    `value` with a day or month unit, or `month`/`day` for a fixed date of each yearly cycle.
    Several delays on one norm must each name the `category` they apply to (P2P 1-02: 4 months
    from a late receipt, 3 months from the due date otherwise).
    """

    unit: DelayUnit
    value: int | None = Field(None, ge=0)
    month: int | None = Field(None, ge=1, le=12)
    day: int | None = Field(None, ge=1, le=31)
    convention: Convention = Convention.ELAPSED
    rolls_forward: bool = Field(
        False, description="For a fixed date: does a deadline on a non-working day move forward?"
    )
    calendar: str = Field("be-legal", description="Holiday calendar used by working-day units.")
    suspensions: bool = Field(
        False, description="Do a case's suspension intervals stop the clock under this rule?"
    )
    non_working_end: NonWorkingEnd | None = Field(
        None,
        description="Working-day units only: a case ended on a Saturday, Sunday or holiday counts "
        "as ended on the next working day (next, the default) or the previous one (previous).",
    )
    category: str | None = Field(None, description="Case category this delay applies to.")
    start_event: str | None = Field(None, description="Overrides the indicator's start event.")

    @model_validator(mode="after")
    def _shape(self) -> Delay:
        if self.unit is DelayUnit.FIXED_DATE:
            if self.month is None or self.day is None or self.value is not None:
                raise ValueError("a fixed_date delay takes month and day, and no value")
            dt.date(2000, self.month, self.day)  # leap year: 29 February is allowed
        elif self.value is None or self.month is not None or self.day is not None:
            raise ValueError(f"a {self.unit.value} delay takes a value, and no month or day")
        if self.non_working_end is not None and self.unit not in WORKING_DAY_UNITS:
            raise ValueError(
                f"non_working_end applies to working-day delays only, not to {self.unit.value}: "
                "remove it, or count in working_days_mon_fri or working_days_mon_sat"
            )
        return self


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
