"""A norm in the reader's language: "dans les 120 jours calendrier (jours écoulés) : ≥ 90 %".

The contract's own printed cells ("120 | 90%") stay as printed; this is the description pilotage
adds beside them, written from the norm's data (delays, target, trend, period), so that a
French or Dutch page never shows an English phrase for it. Every word comes from the catalogue
of `pilotage.reports._words`.
"""

from __future__ import annotations

from decimal import Decimal

from pilotage.contract import (
    Convention,
    Delay,
    DelayUnit,
    Norm,
    Operator,
    PeriodKind,
    TargetUnit,
)
from pilotage.reports._locale import day_month_text, decimal_text, percent_text
from pilotage.reports._words import say

__all__ = ["delay_words", "norm_words"]

# unit -> (message for one, message for several)
_WITHIN = {
    DelayUnit.CALENDAR_DAYS: ("within 1 calendar day", "within %(n)s calendar days"),
    DelayUnit.WORKING_DAYS_MON_SAT: (
        "within 1 working day (Monday to Saturday)",
        "within %(n)s working days (Monday to Saturday)",
    ),
    DelayUnit.WORKING_DAYS_MON_FRI: (
        "within 1 working day (Monday to Friday)",
        "within %(n)s working days (Monday to Friday)",
    ),
    DelayUnit.MONTHS: ("within 1 month", "within %(n)s months"),
}
_CONVENTION = {
    Convention.ELAPSED: "(days elapsed)",
    Convention.JUDICIAL: "(Judicial Code)",
}
_PERIOD_END = {
    PeriodKind.MONTH: "by the end of the month",
    PeriodKind.QUARTER: "by the end of the quarter",
    PeriodKind.SEMESTER: "by the end of the semester",
    PeriodKind.YEAR: "by the end of the year",
}
_TREND = {
    "increase": "trend: increasing",
    "decrease": "trend: decreasing",
    "stable": "trend: stable",
}
_PER = {
    PeriodKind.MONTH: "per month",
    PeriodKind.QUARTER: "per quarter",
    PeriodKind.SEMESTER: "per semester",
    PeriodKind.YEAR: "per year",
    PeriodKind.CONTRACT: "over the contract",
}
_OPERATORS = {Operator.GE: "≥", Operator.LE: "≤", Operator.EQ: "="}
_UNITS = {
    TargetUnit.DAYS: "days",
    TargetUnit.COUNT: "",
    TargetUnit.AMOUNT: "",
    TargetUnit.NUMBER: "",
}


def delay_words(delay: Delay, language: str) -> str:
    """One delay: "within 30 working days (Monday to Friday) (Judicial Code)" and the like."""
    if delay.unit is DelayUnit.FIXED_DATE:
        assert delay.month is not None
        assert delay.day is not None
        day = day_month_text(delay.month, delay.day, language)
        text = say("by %(date)s each year", language, date=day)
    elif delay.unit is DelayUnit.PERIOD_END:
        assert delay.period is not None
        text = say(_PERIOD_END[delay.period], language)
    else:
        one, several = _WITHIN[delay.unit]
        if delay.value == 1:
            text = say(one, language)
        else:
            n = decimal_text(Decimal(delay.value or 0), language)
            text = say(several, language, n=n)
        text += " " + say(_CONVENTION[delay.convention], language)
    if delay.rolls_forward:
        text += " " + say("(moved to the next working day)", language)
    if delay.category:
        text += " " + say("for %(category)s", language, category=delay.category)
    if delay.start_event:
        text += " " + say("from %(event)s", language, event=delay.start_event)
    return text


def norm_words(norm: Norm, language: str) -> str:
    """The norm's delays, target, trend and period in `language`."""
    parts = []
    if norm.target is not None:
        t = norm.target
        value = t.value.normalize()
        if t.unit is TargetUnit.PERCENT:
            shown = percent_text(value, language)
        else:
            shown = decimal_text(value, language)
            if _UNITS.get(t.unit):
                shown += " " + say(_UNITS[t.unit], language)
        parts.append(f"{_OPERATORS.get(t.operator, t.operator.value)} {shown}")
    if norm.trend is not None:
        parts.append(say(_TREND[norm.trend.value], language))
    if norm.per is not None:
        parts.append(say(_PER[norm.per], language))
    what = ", ".join(parts)
    if not norm.delays:
        return what
    delays = " / ".join(delay_words(d, language) for d in norm.delays)
    return f"{delays}{say(': ', language)}{what}" if what else delays
