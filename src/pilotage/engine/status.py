"""A figure against its norm: the result row, its status and the caveats shown beside it.

Status, in this order of precedence:

- `no_norm`: no norm of the indicator is in force in the period; the value is shown.
- `no_target`: the norm in force states an expected trend, not a target.
- `caveat_applies`: a footnote announces that the norm is not reachable over the whole of this
  period as it is looked at (VOB 1-01 in the second half of 2019, for 2019-Q3); the figure and
  whether it meets the target are still given, with the caveat's text.
- a period only partly covered by such caveats (the year 2019 for VOB 1-01) keeps a status:
  it is judged on the part not neutralised (`basis_numerator` / `basis_denominator` /
  `basis_value`: the same indicator measured over those days, `pilotage.engine.caveats`), and
  the neutralised part is named beside it (`neutralised_from` .. `neutralised_to`, within the
  period). A caveat ending the day before the period starts, or starting the day after its
  cut, covers none of it.
- `no_data`: nothing to divide by (no case in the denominator).
- `met` / `not_met`: the value against the target, compared exactly (fractions, no rounding).

A norm is in force in a period when its validity overlaps the period; a caveat applies when its
period overlaps the period (a caveat without a period always applies). Every applying caveat,
of any kind, is listed beside the figure. A count target "per year" (ECL 1-01: 600 a year) is
compared pro rata on a shorter or longer period (a quarter: 3/12 of it), and marked so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from pilotage.contract import CaveatKind, Norm, Operator, PeriodKind, TargetUnit, Validity
from pilotage.engine.figures import Delays, PeriodFigures
from pilotage.engine.kinds import Anchor
from pilotage.engine.plan import Measure, Plan
from pilotage.legaltime import MONTHS_IN, Period, rule_from_delay

__all__ = [
    "RESULT_SCHEMA",
    "CaveatNote",
    "IndicatorResult",
    "RowHead",
    "Status",
    "pro_rata",
    "result_row",
    "row_head",
]


class Status(StrEnum):
    """Where a figure stands against its norm (see the module docstring for the order)."""

    MET = "met"
    NOT_MET = "not_met"
    NO_NORM = "no_norm"
    NO_TARGET = "no_target"
    CAVEAT_APPLIES = "caveat_applies"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class CaveatNote:
    """A caveat shown beside a figure."""

    footnote: str | None
    kind: str
    text: str


_AMOUNT = pa.decimal128(38, 2)
_TARGET = pa.decimal128(38, 6)


def _m(kind: pa.DataType, doc: str) -> dict[str, Any]:
    """A result field's metadata: its stored type (Arrow, from which the DuckDB column, the web
    copy's check and the API's type are derived) and what it means (the API's description)."""
    return {"arrow": kind, "doc": doc}


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator, against one norm (or none), for one unit and one period.

    The one declaration of a result row: `RESULT_SCHEMA` (the stored columns) and the API's
    figure schema are derived from these fields; the web copy's model is checked against it.
    """

    objective: str = field(
        metadata=_m(pa.string(), 'Objective (or common commitment) code, "VOB 2-01".')
    )
    indicator: str = field(metadata=_m(pa.string(), "Indicator code."))
    kind: str = field(
        metadata=_m(pa.string(), "Kind of indicator (share within a delay, count...).")
    )
    period: str = field(metadata=_m(pa.string(), 'The period, "2019-Q3".'))
    period_first: dt.date = field(metadata=_m(pa.date32(), "First day of the period."))
    period_last: dt.date = field(metadata=_m(pa.date32(), "Last day of the period."))
    as_of: dt.date = field(metadata=_m(pa.date32(), "The day the period is looked at (its cut)."))
    level: str = field(metadata=_m(pa.string(), "institution, region or office."))
    unit: str = field(
        metadata=_m(pa.string(), "Org unit code; the institution code at institution level.")
    )
    unit_name: str | None = field(metadata=_m(pa.string(), "Org unit name."))
    norm_index: int | None = field(
        metadata=_m(pa.int32(), "Which norm of the indicator; null for none.")
    )
    norm_label: str | None = field(metadata=_m(pa.string(), "The norm's label."))
    norm_printed: str | None = field(
        metadata=_m(pa.string(), "The norm as printed in the contract.")
    )
    norm_valid_from: dt.date | None = field(
        metadata=_m(pa.date32(), "First day the norm is in force.")
    )
    norm_valid_to: dt.date | None = field(
        metadata=_m(pa.date32(), "Last day the norm is in force.")
    )
    rule: str | None = field(metadata=_m(pa.string(), "The deadline rule(s) in words."))
    day_kind: str | None = field(
        metadata=_m(pa.string(), "How delays are counted (calendar, working days).")
    )
    target_operator: str | None = field(metadata=_m(pa.string(), ">=, <= or =."))
    target: Decimal | None = field(metadata=_m(_TARGET, "The norm's target."))
    target_unit: str | None = field(metadata=_m(pa.string(), "percent, count, amount, days."))
    target_per: str | None = field(metadata=_m(pa.string(), "The period a count target is per."))
    target_in_period: Decimal | None = field(
        metadata=_m(_TARGET, "The target compared (pro rata).")
    )
    pro_rata: bool = field(
        metadata=_m(pa.bool_(), "Whether the target is pro rata of its per period.")
    )
    numerator: Decimal = field(metadata=_m(_AMOUNT, "Numerator (cases on time, for a delay norm)."))
    denominator: Decimal | None = field(metadata=_m(_AMOUNT, "Denominator; null for a count."))
    value: float | None = field(
        metadata=_m(pa.float64(), "The measured value: a percentage, or the count.")
    )
    invalid: int = field(metadata=_m(pa.int64(), "Rows with an end before their start: excluded."))
    unclassified: int = field(
        metadata=_m(pa.int64(), "Cases of no category the norm's delays name.")
    )
    median_delay: int | None = field(
        metadata=_m(pa.int32(), "Median delay, in the norm's kind of day.")
    )
    p90_delay: int | None = field(metadata=_m(pa.int32(), "90th percentile delay."))
    backlog: int | None = field(metadata=_m(pa.int64(), "Cases open at the cut."))
    overdue: int | None = field(
        metadata=_m(pa.int64(), "Open at the cut, deadline on or before it.")
    )
    forecast_lost: int | None = field(
        metadata=_m(pa.int64(), "Ended late + open overdue, deadline in it.")
    )
    forecast_open: int | None = field(
        metadata=_m(pa.int64(), "Open, not yet overdue, deadline in it.")
    )
    forecast_best: float | None = field(
        metadata=_m(pa.float64(), "Share if every open one ends on time.")
    )
    forecast_worst: float | None = field(metadata=_m(pa.float64(), "Share if none of them does."))
    status: Status = field(
        metadata=_m(pa.string(), "Status against the norm (met, not met, no norm...).")
    )
    meets_target: bool | None = field(
        metadata=_m(pa.bool_(), "Whether the value meets the target.")
    )
    caveats: tuple[CaveatNote, ...] = field(
        metadata=_m(pa.string(), "Announced caveats shown beside the figure.")
    )  # stored as JSON
    # A caveat over part of the period (none: null), last so that a row made without them
    # (an older stored row, a test's) is complete.
    neutralised_from: dt.date | None = field(
        default=None,
        metadata=_m(
            pa.date32(), "First day of the period a not-reachable caveat covers; null: none."
        ),
    )
    neutralised_to: dt.date | None = field(
        default=None, metadata=_m(pa.date32(), "Last day the caveat covers.")
    )
    basis_numerator: Decimal | None = field(
        default=None,
        metadata=_m(
            _AMOUNT, "Numerator over the days not neutralised, that the status is judged on."
        ),
    )
    basis_denominator: Decimal | None = field(
        default=None, metadata=_m(_AMOUNT, "Denominator over those days.")
    )
    basis_value: float | None = field(
        default=None, metadata=_m(pa.float64(), "The value over those days.")
    )


RESULT_SCHEMA = pa.schema(
    [
        pa.field(f.name, f.metadata["arrow"], nullable="None" in str(f.type))
        for f in fields(IndicatorResult)
    ]
)
"""The stored columns of a result row, derived from `IndicatorResult` (caveats as JSON)."""


def _months(period: Period) -> Fraction:
    if period.kind is not PeriodKind.CONTRACT:
        return Fraction(MONTHS_IN[period.kind])
    nxt = period.last + dt.timedelta(days=1)
    if period.first.day == 1 and nxt.day == 1:
        return Fraction((nxt.year - period.first.year) * 12 + nxt.month - period.first.month)
    return Fraction(period.days * 12, 365)


def pro_rata(norm: Norm, period: Period) -> Fraction:
    """The share of a count target "per" month/quarter/semester/year that a period carries.

    Whole months are counted as months (a quarter is 3/12 of a year); a contract period that
    does not run over whole months counts its days over 365.
    """
    if norm.per is None or norm.per is PeriodKind.CONTRACT:
        return Fraction(1)
    return _months(period) / MONTHS_IN[norm.per]


def _compare(value: Fraction | int, operator: Operator, target: Fraction | int) -> bool:
    if operator is Operator.GE:
        return value >= target
    if operator is Operator.LE:
        return value <= target
    return value == target


def _rule_text(measure: Measure, plan: Plan) -> tuple[str | None, str | None]:
    if not measure.spec.deadlines:
        return None, None
    if measure.norm is None:
        return None, plan.slots[0].describe()
    parts = []
    for delay in measure.norm.delays:
        rule = rule_from_delay(delay)
        text = f"{rule.describe()}, {rule.convention.value}"
        if rule.rolls:
            text += ", rolls forward"
        if delay.suspensions:
            text += ", suspensions stop the clock"
        parts.append(f"{delay.category}: {text}" if delay.category else text)
    slots = {plan.rules[measure.rule].slot} if measure.rule else set()
    slots |= {plan.rules[key].slot for _, key in measure.category_rules}
    kinds = "; ".join(plan.slots[s].describe() for s in sorted(slots)) or None
    return "; ".join(parts), kinds


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100 * part / whole  # int / int: correctly rounded


@dataclass(frozen=True)
class RowHead:
    """What the rows of one measure and one period share, whatever the unit."""

    measure: Measure
    fields: dict[str, object]  # the IndicatorResult fields that do not depend on the unit
    target: Fraction | None  # the target compared in this period (pro rata)
    unreachable: bool  # not-reachable caveats cover the whole period up to its cut


def row_head(
    measure: Measure, plan: Plan, period: Period, cut: dt.date, level: str, language: str
) -> RowHead:
    """The unit-independent part of the rows of `measure` for `period`."""
    spec, norm = measure.spec, measure.norm
    target = norm.target if norm else None
    scaled = target is not None and target.unit in (TargetUnit.COUNT, TargetUnit.AMOUNT)
    factor = pro_rata(norm, period) if scaled and norm is not None else Fraction(1)
    in_period = Fraction(target.value) * factor if target else None
    here = Validity(start=period.first, end=period.last)
    applying = [c for c in measure.caveats if c.period is None or c.period.overlaps(here)]
    covered = neutralised_days(measure, period)
    rule, day_kind = _rule_text(measure, plan)
    fields: dict[str, object] = {
        "objective": measure.objective,
        "indicator": measure.indicator.code,
        "kind": spec.kind.value,
        "period": str(period),
        "period_first": period.first,
        "period_last": period.last,
        "as_of": cut,
        "level": level,
        "norm_index": measure.norm_index,
        "norm_label": norm.label.text(language) if norm and norm.label else None,
        "norm_printed": norm.printed if norm else None,
        "norm_valid_from": norm.valid.start if norm else None,
        "norm_valid_to": norm.valid.end if norm else None,
        "rule": rule,
        "day_kind": day_kind,
        "target_operator": target.operator.value if target else None,
        "target": target.value if target else None,
        "target_unit": target.unit.value if target else None,
        "target_per": norm.per.value if norm and norm.per else None,
        "target_in_period": _decimal(in_period) if in_period is not None else None,
        "pro_rata": factor != 1,
        "caveats": tuple(
            CaveatNote(c.footnote, c.kind.value, c.text.text(language)) for c in applying
        ),
        "neutralised_from": covered[0] if covered else None,
        "neutralised_to": covered[1] if covered else None,
        "basis_numerator": None,
        "basis_denominator": None,
        "basis_value": None,
    }
    unreachable = not clean_parts(measure, period, cut)
    return RowHead(measure, fields, in_period, unreachable)


def _unreachable(measure: Measure) -> list[tuple[dt.date, dt.date]]:
    """The days of the measure's not-reachable caveats (a caveat without period: all days)."""
    out = []
    for c in measure.caveats:
        if c.kind is CaveatKind.NOT_REACHABLE:
            first = c.period.start if c.period else dt.date.min
            last = c.period.end if c.period and c.period.end else dt.date.max
            out.append((first, last))
    return sorted(out)


def neutralised_days(measure: Measure, period: Period) -> tuple[dt.date, dt.date] | None:
    """The first and last day of `period` that a not-reachable caveat covers, if any."""
    days = [
        (max(a, period.first), min(b, period.last))
        for a, b in _unreachable(measure)
        if a <= period.last and period.first <= b
    ]
    if not days:
        return None
    return min(a for a, _ in days), max(b for _, b in days)


def clean_parts(
    measure: Measure, period: Period, cut: dt.date
) -> tuple[tuple[dt.date, dt.date], ...]:
    """The runs of days of `period`, up to its cut, that no not-reachable caveat covers."""
    parts = [(period.first, cut)]
    for a, b in _unreachable(measure):
        kept = []
        for first, last in parts:
            if b < first or last < a:
                kept.append((first, last))
                continue
            if first < a:
                kept.append((first, a - dt.timedelta(days=1)))
            if b < last:
                kept.append((b + dt.timedelta(days=1), last))
        parts = kept
    return tuple(parts)


def result_row(
    head: RowHead,
    unit: str,
    unit_name: str | None,
    figures: PeriodFigures,
    delays: Delays | None,
) -> IndicatorResult:
    """The result row of one measure and period (its head) for one unit."""
    measure = head.measure
    spec, norm = measure.spec, measure.norm
    numerator = getattr(figures, spec.numerator.value)
    denominator = None if spec.denominator is None else getattr(figures, spec.denominator.value)
    if spec.deadlines and norm is None:  # no deadline, so no share: the cases ended, no value
        numerator, denominator = figures.ended, None
    value: float | None
    exact: Fraction | None = None
    scale = 100 if spec.percent else 1
    if spec.deadlines and norm is None:
        value = None
    elif denominator is None:
        value, exact = float(numerator), Fraction(numerator)
    elif denominator == 0:
        value = None  # nothing to divide by
    else:
        if isinstance(numerator, int) and isinstance(denominator, int):
            value = scale * numerator / denominator  # int / int: correctly rounded
        else:
            exact = Fraction(numerator) * scale / Fraction(denominator)
            value = float(exact)
    meets = None
    if value is not None and head.target is not None and norm is not None and norm.target:
        t = head.target
        if exact is None:  # integers: compare cross-multiplied, exactly
            assert isinstance(denominator, int)
            left: Fraction | int = scale * numerator * t.denominator
            right: Fraction | int = t.numerator * denominator
        else:
            left, right = exact, t
        meets = _compare(left, norm.target.operator, right)
    if norm is None:
        status = Status.NO_NORM
    elif norm.target is None:
        status = Status.NO_TARGET
    elif head.unreachable:
        status = Status.CAVEAT_APPLIES
    elif meets is None:
        status = Status.NO_DATA
    else:
        status = Status.MET if meets else Status.NOT_MET
    timed = spec.deadlines
    deadlines = timed and norm is not None
    final = figures.judged + figures.lost_open + figures.winnable
    values = dict(head.fields)
    values.update(
        unit=unit,
        unit_name=unit_name,
        numerator=Decimal(numerator),
        denominator=None if denominator is None else Decimal(denominator),
        value=value,
        invalid=figures.invalid_end if spec.anchor is Anchor.END else figures.invalid_start,
        unclassified=figures.unclassified if deadlines else 0,
        median_delay=delays.median if timed and delays else None,
        p90_delay=delays.p90 if timed and delays else None,
        backlog=figures.backlog if timed else None,
        overdue=figures.overdue if deadlines else None,
        forecast_lost=figures.late + figures.lost_open if deadlines else None,
        forecast_open=figures.winnable if deadlines else None,
        forecast_best=_share(figures.on_time + figures.winnable, final) if deadlines else None,
        forecast_worst=_share(figures.on_time, final) if deadlines else None,
        status=status,
        meets_target=meets,
    )
    return _build(values)


def _build(values: dict[str, object]) -> IndicatorResult:
    """An IndicatorResult from all its field values, without the generated __init__.

    The frozen dataclass's __init__ only assigns the fields one `object.__setattr__` at a time
    (no check, no conversion); tens of thousands of rows are built per computation, so they
    get their attribute dictionary in one step instead. Every field must be given (a test
    checks that `result_row` gives exactly the fields).
    """
    row: IndicatorResult = object.__new__(IndicatorResult)
    row.__dict__.update(values)
    return row


def _decimal(value: Fraction) -> Decimal:
    """A target for display, to the cent (the comparison itself uses the exact fraction)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
