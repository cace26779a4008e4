"""A not-reachable caveat that covers part of a period: the figure keeps a status, judged on the
days it does not cover.

VOB 1-01 is announced not reachable in the second half of 2019. Its 2019-Q3 and 2019-Q4 figures
have the status `caveat_applies`; its figure for the year 2019 is still shown for the whole year,
but its status (met / not met / no data) is that of the same indicator measured over 1 January to
30 June 2019, the part not neutralised, whose figure is given beside it (`basis_*`), with the
neutralised part (`neutralised_from` .. `neutralised_to`). Parts on both sides of a caveat are
added up (numerators, denominators, and a count target pro rata of each part).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from pilotage.contract import Operator, PeriodKind
from pilotage.engine.plan import Measure, Plan
from pilotage.engine.span import Span
from pilotage.engine.status import IndicatorResult, Status, clean_parts, pro_rata
from pilotage.legaltime import Period

__all__ = ["judged_on_clean_parts"]

MeasurePart = Callable[[Period, Sequence[str]], Sequence[IndicatorResult]]
_JUDGED = {Status.MET, Status.NOT_MET, Status.NO_DATA}


def _key(r: IndicatorResult) -> tuple[str, str, int | None, str]:
    return r.objective, r.indicator, r.norm_index, r.unit


def _compare(value: Fraction, operator: Operator, target: Fraction) -> bool:
    if operator is Operator.GE:
        return value >= target
    if operator is Operator.LE:
        return value <= target
    return value == target


def _judge(
    row: IndicatorResult, measure: Measure, parts: Sequence[IndicatorResult | None]
) -> IndicatorResult:
    """`row` with its status judged on the sum of its clean `parts` (None: not measured)."""
    norm = measure.norm
    assert norm is not None
    assert norm.target is not None
    found = [p for p in parts if p is not None]
    if len(found) != len(parts) or any(p.status not in _JUDGED for p in found):
        # A part where the norm is not in force, or has no target: nothing to judge on.
        return dataclasses.replace(row, status=Status.CAVEAT_APPLIES, meets_target=None)
    numerator = sum((p.numerator for p in found), Decimal(0))
    value: Fraction | None
    denominator: Decimal | None
    if measure.spec.denominator is None:
        denominator = None
        value = Fraction(numerator)
        target = Fraction(norm.target.value)
        if norm.per is not None:  # "600 a year": each part carries its share of it
            spans = [Period(p.period_first, p.period_last, PeriodKind.CONTRACT) for p in found]
            target = sum((target * pro_rata(norm, x) for x in spans), Fraction(0))
    else:
        denominator = sum((p.denominator or Decimal(0) for p in found), Decimal(0))
        scale = 100 if measure.spec.percent else 1
        value = None if denominator == 0 else scale * Fraction(numerator) / Fraction(denominator)
        target = Fraction(norm.target.value)
    meets = None if value is None else _compare(value, norm.target.operator, target)
    status = Status.NO_DATA if meets is None else (Status.MET if meets else Status.NOT_MET)
    return dataclasses.replace(
        row,
        status=status,
        meets_target=meets,
        basis_numerator=numerator,
        basis_denominator=denominator,
        basis_value=None if value is None else float(value),
    )


def judged_on_clean_parts(
    rows: Sequence[IndicatorResult], plan: Plan, span: Span, measure_part: MeasurePart
) -> tuple[IndicatorResult, ...]:
    """`rows`, where a not-reachable caveat covers part of a row's period, judged on the rest.

    `measure_part(period, objectives)` measures the contract over one run of days (a contract
    period) at the rows' level, from the cases of `objectives` only (the others are not
    needed); it is called once per distinct run.
    """
    periods = {str(p): (p, cut) for p, cut in zip(span.periods, span.cuts, strict=True)}
    by_key = {(m.objective, m.indicator.code, m.norm_index): m for m in plan.measures}
    todo: dict[int, tuple[Measure, tuple[Period, ...]]] = {}
    for i, r in enumerate(rows):
        if r.neutralised_from is None or r.status is Status.CAVEAT_APPLIES:
            continue
        if not r.numerator and not r.denominator:
            continue  # no case at all: none in the part either, the status stays the same
        m = by_key[(r.objective, r.indicator, r.norm_index)]
        if m.norm is None or m.norm.target is None:
            continue
        period, cut = periods[r.period]
        days = clean_parts(m, period, cut)
        if days == ((period.first, cut),):
            continue  # the caveat covers only days after the cut: nothing neutralised yet
        todo[i] = (m, tuple(Period(a, b, PeriodKind.CONTRACT) for a, b in days))
    if not todo:
        return tuple(rows)
    measured: dict[Period, dict[tuple[str, str, int | None, str], IndicatorResult]] = {}
    needed: dict[Period, set[str]] = {}
    for m, runs in todo.values():
        for part in runs:
            needed.setdefault(part, set()).add(m.objective)
    for part, objectives in needed.items():
        measured[part] = {_key(r): r for r in measure_part(part, sorted(objectives))}
    out = list(rows)
    for i, (m, runs) in todo.items():
        out[i] = _judge(rows[i], m, [measured[p].get(_key(rows[i])) for p in runs])
    return tuple(out)
