"""What each indicator kind computes, declared as data (DOMAIN "Kinds of indicator").

A kind names two figures of the period (numerator and denominator, or a single count), the date
that places a case in a period (its end, its start, or its plan year), whether its cases have a
deadline, and whether its value is a percentage. The figures themselves are defined once in
`pilotage.engine.figures`; the few odd rules (pro-rata of a yearly count, the forecast of a
timeliness share) are small functions in `status` and `figures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from pilotage.contract import IndicatorKind

__all__ = ["KINDS", "Anchor", "Figure", "KindSpec", "measurable"]


class Figure(StrEnum):
    """A count or a sum over the valid cases of one measure, one unit and one period."""

    ENDED = "ended"  # cases whose end falls in the period
    JUDGED = "judged"  # of those, the ones with a deadline (a delay applies to their category)
    ON_TIME = "on_time"  # of those, the ones that ended on or before their deadline
    STARTED = "started"  # cases whose start falls in the period
    STARTED_ENDED = "started_ended"  # of those, the ones that have an end date by the cut
    AMOUNT_DUE = "amount_due"  # sum of amount_due over the cases started in the period
    AMOUNT_COLLECTED = "amount_collected"  # sum of amount_collected over the same cases
    PLANNED = "planned"  # planned cases started in the calendar year(s) of the period
    PLAN_DONE = "plan_done"  # of those, the ones ended by the end of the period


class Anchor(StrEnum):
    """Which date of a case places it (and its invalid rows) in a period."""

    END = "end"
    START = "start"
    PLAN_YEAR = "plan_year"


@dataclass(frozen=True)
class KindSpec:
    """What one indicator kind computes."""

    kind: IndicatorKind
    numerator: Figure
    denominator: Figure | None  # None: the value is the numerator itself (a count)
    anchor: Anchor
    percent: bool  # value = 100 x numerator / denominator
    deadlines: bool  # cases have a deadline under the norm's delay
    definition: str  # in words, for reports and --help

    @property
    def figures(self) -> tuple[Figure, ...]:
        return (self.numerator,) if self.denominator is None else (self.numerator, self.denominator)


KINDS: MappingProxyType[IndicatorKind, KindSpec] = MappingProxyType(
    {
        IndicatorKind.TIMELINESS: KindSpec(
            IndicatorKind.TIMELINESS,
            numerator=Figure.ON_TIME,
            denominator=Figure.JUDGED,
            anchor=Anchor.END,
            percent=True,
            deadlines=True,
            definition="cases ended in the period on or before their deadline / cases ended "
            "in the period",
        ),
        IndicatorKind.SHARE: KindSpec(
            IndicatorKind.SHARE,
            numerator=Figure.STARTED_ENDED,
            denominator=Figure.STARTED,
            anchor=Anchor.START,
            percent=True,
            deadlines=False,
            definition="cases started in the period that have an end date by the period's "
            "cut / cases started in the period",
        ),
        IndicatorKind.AMOUNT_RATIO: KindSpec(
            IndicatorKind.AMOUNT_RATIO,
            numerator=Figure.AMOUNT_COLLECTED,
            denominator=Figure.AMOUNT_DUE,
            anchor=Anchor.START,
            percent=True,
            deadlines=False,
            definition="sum of amount_collected / sum of amount_due, over the cases started in "
            "the period",
        ),
        IndicatorKind.COUNT: KindSpec(
            IndicatorKind.COUNT,
            numerator=Figure.ENDED,
            denominator=None,
            anchor=Anchor.END,
            percent=False,
            deadlines=False,
            definition="cases ended in the period, against the target pro rata of its 'per' period",
        ),
        IndicatorKind.PLAN_SHARE: KindSpec(
            IndicatorKind.PLAN_SHARE,
            numerator=Figure.PLAN_DONE,
            denominator=Figure.PLANNED,
            anchor=Anchor.PLAN_YEAR,
            percent=True,
            deadlines=False,
            definition="planned cases started in the period's calendar year(s) and ended by the "
            "period end / planned cases started in those year(s)",
        ),
    }
)
"""The kinds measured from case records. `result` and `milestone` are not case counts."""


def measurable(kind: IndicatorKind) -> bool:
    """Whether the engine measures this kind from case records."""
    return kind in KINDS
