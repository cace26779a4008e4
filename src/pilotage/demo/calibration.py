"""What the demonstration data aims at: for each norm, met or missed, by a little or by a lot.

The outcomes are planned before any case is drawn, so that the demonstration shows a contract
with roughly half its norms met and half missed in the calibration year (the contract's first
year). Objectives whose footnotes announce that a norm will not be reached in that year
(caveats of kind `not_reachable`, on the objective or on its service) are planned as missed; the
others are shuffled with the seed and share out the remaining outcomes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import pairwise

import numpy as np

from pilotage.contract import (
    CaveatKind,
    Contract,
    DelayUnit,
    IndicatorKind,
    Norm,
    Operator,
    TargetUnit,
    Validity,
)

__all__ = [
    "MEASURED_KINDS",
    "NormAim",
    "Outcome",
    "aimed_value",
    "calibration_norms",
    "norm_span",
    "plan_aims",
]

MEASURED_KINDS = (
    IndicatorKind.TIMELINESS,
    IndicatorKind.SHARE,
    IndicatorKind.AMOUNT_RATIO,
    IndicatorKind.COUNT,
    IndicatorKind.PLAN_SHARE,
)


class Outcome(StrEnum):
    MET_WIDELY = "met_widely"
    MET_NARROWLY = "met_narrowly"
    MISSED_NARROWLY = "missed_narrowly"
    MISSED_WIDELY = "missed_widely"

    @property
    def met(self) -> bool:
        return self in (Outcome.MET_WIDELY, Outcome.MET_NARROWLY)


@dataclass(frozen=True)
class NormAim:
    """The value a norm's indicator is given in the calibration year, and what that means."""

    objective: str
    kind: IndicatorKind
    norm_index: int  # position among the objective's calibrated norms
    label: str
    norm: Norm
    target: float
    outcome: Outcome
    aimed: float  # percent, or a count per year for count indicators
    not_reachable: tuple[Validity, ...]  # periods announced as not reachable


def _direction(norm: Norm) -> int:
    assert norm.target is not None
    return -1 if norm.target.operator is Operator.LE else 1


def aimed_value(norm: Norm, outcome: Outcome) -> float:
    """The value that meets or misses `norm` as `outcome` says (percent or count)."""
    assert norm.target is not None
    target = float(norm.target.value)
    sign = _direction(norm)
    if norm.target.unit is TargetUnit.PERCENT:
        room = 100.0 - target if sign > 0 else target
        margin = {
            Outcome.MET_WIDELY: max(0.6 * room, min(room, 3.0)),
            Outcome.MET_NARROWLY: min(2.0, room / 2),
            Outcome.MISSED_NARROWLY: -3.0,
            Outcome.MISSED_WIDELY: -max(12.0, 0.25 * target),
        }[outcome]
        return float(np.clip(target + sign * margin, 0.0, 100.0))
    factor = {
        Outcome.MET_WIDELY: 0.15,
        Outcome.MET_NARROWLY: 0.03,
        Outcome.MISSED_NARROWLY: -0.04,
        Outcome.MISSED_WIDELY: -0.15,
    }[outcome]
    return max(0.0, round(target * (1 + sign * factor)))


def _outcome_of(norm: Norm, aimed: float) -> Outcome:
    assert norm.target is not None
    gap = (aimed - float(norm.target.value)) * _direction(norm)
    wide = 5.0 if norm.target.unit is TargetUnit.PERCENT else 0.1 * float(norm.target.value)
    if gap >= 0:
        return Outcome.MET_WIDELY if gap > wide else Outcome.MET_NARROWLY
    return Outcome.MISSED_WIDELY if -gap > wide else Outcome.MISSED_NARROWLY


def _label(norm: Norm, index: int) -> str:
    if norm.label is not None:
        return norm.label.text()
    return norm.printed or f"norm {index + 1}"


def calibration_norms(
    contract: Contract, code: str, day: dt.date
) -> tuple[IndicatorKind, list[Norm]]:
    """The measured kind of objective `code` and its norms with a target in force on `day`."""
    objective = contract.objective(code)
    for indicator in objective.indicators:
        if indicator.kind in MEASURED_KINDS:
            norms = indicator.norms_in_force(day) or indicator.norms[:1]
            return indicator.kind, [n for n in norms if n.target is not None]
    raise KeyError(code)


def _not_reachable(contract: Contract, code: str) -> tuple[Validity, ...]:
    for service, _, objective in contract.objectives():
        if objective.code == code:
            caveats = [*objective.caveats, *service.caveats]
            return tuple(
                c.period for c in caveats if c.kind is CaveatKind.NOT_REACHABLE and c.period
            )
    return ()


def plan_aims(contract: Contract, rng: np.random.Generator, day: dt.date) -> list[NormAim]:
    """An outcome and an aimed value for every norm of every measured objective on `day`.

    Within each family of kinds (timeliness; the others) about half the norms are met and half
    missed, alternating narrow and wide margins.
    """
    year = Validity(start=dt.date(day.year, 1, 1), end=dt.date(day.year, 12, 31))
    slots: list[tuple[str, IndicatorKind, int, Norm, tuple[Validity, ...]]] = []
    for _, _, objective in contract.objectives():
        try:
            kind, norms = calibration_norms(contract, objective.code, day)
        except KeyError:
            continue
        windows = _not_reachable(contract, objective.code)
        slots.extend((objective.code, kind, i, n, windows) for i, n in enumerate(norms))
    outcomes: dict[int, Outcome] = {}
    for timeliness in (True, False):
        family = [
            i for i, s in enumerate(slots) if (s[1] is IndicatorKind.TIMELINESS) == timeliness
        ]
        forced = [i for i in family if any(w.overlaps(year) for w in slots[i][4])]
        free = [family[j] for j in rng.permutation(len(family)) if family[j] not in forced]
        met_wanted = min(len(free), round(len(family) / 2))
        met, missed = free[:met_wanted], free[met_wanted:]
        for n, i in enumerate(met):
            outcomes[i] = Outcome.MET_NARROWLY if n % 2 == 0 else Outcome.MET_WIDELY
        for n, i in enumerate(missed):
            outcomes[i] = Outcome.MISSED_NARROWLY if n % 2 == 0 else Outcome.MISSED_WIDELY
        for i in forced:  # a footnote announces it: clearly missed, whatever way one counts
            outcomes[i] = Outcome.MISSED_WIDELY
    aims = [
        NormAim(
            code,
            kind,
            index,
            _label(norm, index),
            norm,
            float(norm.target.value),  # type: ignore[union-attr]
            outcomes[i],
            aimed_value(norm, outcomes[i]),
            windows,
        )
        for i, (code, kind, index, norm, windows) in enumerate(slots)
    ]
    return _monotone(aims)


def _monotone(aims: list[NormAim]) -> list[NormAim]:
    """Two delays on one objective (ECL 5-01: 90 and 180 days): the longer one catches more."""
    out = list(aims)
    by_objective: dict[str, list[int]] = {}
    for i, aim in enumerate(aims):
        if aim.kind is IndicatorKind.TIMELINESS:
            by_objective.setdefault(aim.objective, []).append(i)
    for indexes in by_objective.values():
        ordered = sorted(indexes, key=lambda i: norm_span(aims[i].norm))
        for shorter, longer in pairwise(ordered):
            floor = min(100.0, out[shorter].aimed + 5)
            if out[longer].aimed < floor:
                norm = out[longer].norm
                out[longer] = replace(out[longer], aimed=floor, outcome=_outcome_of(norm, floor))
    return out


def norm_span(norm: Norm) -> int:
    """A rough length of a norm's first delay in days, to order two norms of one objective."""
    delay = norm.delays[0] if norm.delays else None
    if delay is None or delay.value is None:
        return 0
    return delay.value * (30 if delay.unit == DelayUnit.MONTHS else 1)
