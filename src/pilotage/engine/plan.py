"""From a contract to the measures to compute: one per indicator and norm in force.

A *measure* is an indicator measured against one norm (ECL 5-01 has two: 90 days and 180
days), or against none when no norm is in force in some period of the span ("no norm"). It
carries the population filter (the indicator's and the norm's, both applied), the deadline rule
of each case category, and the caveats that may be shown beside its figure (the objective's and
its service's).

Rules are numbered once per distinct (rule, suspensions) pair, so that every case's deadline is
one lookup in the table of `pilotage.engine.rules`. Key 0 is "no deadline".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotage.contract import (
    Caveat,
    Contract,
    Indicator,
    IndicatorKind,
    NonWorkingEnd,
    Norm,
    Population,
    Validity,
)
from pilotage.engine.kinds import KINDS, KindSpec
from pilotage.engine.span import Span
from pilotage.legaltime import DayKind, Rule, rule_from_delay

__all__ = ["NO_RULE", "DaySlot", "Measure", "Plan", "RuleEntry", "make_plan"]

NO_RULE = 0


@dataclass(frozen=True)
class DaySlot:
    """A way of counting days for delays: calendar days (slot 0) or working days of a calendar.

    `end` says which working day an end on a non-working day counts as (docs/measuring.md).
    """

    kind: DayKind
    calendar: str
    end: NonWorkingEnd = NonWorkingEnd.NEXT

    def describe(self) -> str:
        if self.kind is DayKind.CALENDAR:
            return "calendar days"
        days = "Monday-Saturday" if self.kind is DayKind.MON_SAT else "Monday-Friday"
        said = f"working days ({days}, calendar {self.calendar}"
        if self.end is NonWorkingEnd.PREVIOUS:
            said += ", an end on a non-working day counts as the previous working day"
        return said + ")"


CALENDAR_SLOT = DaySlot(DayKind.CALENDAR, "")


@dataclass(frozen=True)
class RuleEntry:
    """A numbered deadline rule; `rule` None is key 0, no deadline."""

    key: int
    rule: Rule | None
    suspends: bool
    slot: int  # index in Plan.slots: how its delays are counted


@dataclass(frozen=True)
class Measure:
    """One indicator measured against one norm (or none), for one objective's cases."""

    id: int
    objective: str  # the code cases carry
    indicator: Indicator
    norm: Norm | None
    norm_index: int | None  # position in indicator.norms
    spec: KindSpec
    populations: tuple[Population, ...]
    rule: int  # default rule key: NO_RULE when every delay names a category, or no norm
    category_rules: tuple[tuple[str, int], ...]  # case category -> rule key
    caveats: tuple[Caveat, ...]

    @property
    def timed(self) -> bool:
        """Whether the measure reports delays (timeliness, with or without a norm)."""
        return self.spec.deadlines

    @property
    def has_deadlines(self) -> bool:
        return self.spec.deadlines and self.norm is not None

    def in_force(self, first: dt.date, last: dt.date) -> bool:
        """Whether this measure's norm (or its absence) holds for a period [first, last]."""
        period = Validity(start=first, end=last)
        if self.norm is not None:
            return self.norm.valid.overlaps(period)
        return not any(n.valid.overlaps(period) for n in self.indicator.norms)


@dataclass(frozen=True)
class Plan:
    """Every measure of a contract over a span, with the rules and day slots they use."""

    measures: tuple[Measure, ...]
    rules: tuple[RuleEntry, ...]
    slots: tuple[DaySlot, ...]
    skipped: tuple[tuple[str, str, str], ...] = field(default=())  # objective, indicator, why

    def measure(self, measure_id: int) -> Measure:
        return self.measures[measure_id]

    @property
    def objectives(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.objective for m in self.measures))

    @property
    def suspends(self) -> bool:
        return any(r.suspends for r in self.rules)

    def last_start(self, span: Span) -> dt.date:
        """The last start day read: the cut, or the end of its year for a plan share (a plan
        counts its missions planned later in the year too)."""
        if any(m.spec.kind is IndicatorKind.PLAN_SHARE for m in self.measures):
            return max(span.cut, dt.date(span.last.year, 12, 31))
        return span.cut


def _caveats(contract: Contract) -> dict[str, tuple[Caveat, ...]]:
    """The caveats of each objective: its service's, then its own."""
    out: dict[str, tuple[Caveat, ...]] = {}
    for service, _task, objective in contract.objectives():
        out[objective.code] = (*service.caveats, *objective.caveats)
    return out


class _Rules:
    """Numbers rules and day slots as they are met."""

    def __init__(self) -> None:
        self.entries: list[RuleEntry] = [RuleEntry(NO_RULE, None, False, 0)]
        self.slots: list[DaySlot] = [CALENDAR_SLOT]
        self._keys: dict[tuple[Rule, bool, NonWorkingEnd], int] = {}

    def key(self, rule: Rule, suspends: bool, end: NonWorkingEnd | None = None) -> int:
        end = end or NonWorkingEnd.NEXT
        found = self._keys.get((rule, suspends, end))
        if found is not None:
            return found
        kind = rule.day_kind
        slot = CALENDAR_SLOT
        if kind is not None and kind is not DayKind.CALENDAR:
            slot = DaySlot(kind, rule.calendar_name, end)
        if slot not in self.slots:
            self.slots.append(slot)
        entry = RuleEntry(len(self.entries), rule, suspends, self.slots.index(slot))
        self.entries.append(entry)
        self._keys[(rule, suspends, end)] = entry.key
        return entry.key


def _norm_rules(norm: Norm, rules: _Rules) -> tuple[int, tuple[tuple[str, int], ...]]:
    """The default rule key of a norm, and the rule key of each case category it names.

    A delay that names a category applies to the cases of that category; a case may name it by
    its category ("réception tardive") or by its start event (`late_receipt`). A delay without
    a category applies to every other case; when every delay names one, a case of no named
    category has no deadline ("unclassified", not counted).
    """
    default = NO_RULE
    by_category: dict[str, int] = {}
    for delay in norm.delays:
        key = rules.key(rule_from_delay(delay), delay.suspensions, delay.non_working_end)
        if delay.category is None:
            default = key
            continue
        by_category.setdefault(delay.category, key)
        if delay.start_event:
            by_category.setdefault(delay.start_event, key)
    return default, tuple(by_category.items())


def _populations(indicator: Indicator, norm: Norm | None) -> tuple[Population, ...]:
    """The indicator's and the norm's populations, once each (ECL 5-01 repeats its own)."""
    found = (indicator.population, norm.population if norm else None)
    out: list[Population] = []
    for population in found:
        if population is not None and population not in out:
            out.append(population)
    return tuple(out)


def make_plan(contract: Contract, span: Span) -> Plan:
    """The measures of every case-measured indicator of `contract` over `span`."""
    caveats = _caveats(contract)
    rules = _Rules()
    measures: list[Measure] = []
    skipped: list[tuple[str, str, str]] = []
    for code, indicator in contract.indicators():
        spec = KINDS.get(indicator.kind)
        if spec is None:
            skipped.append(
                (code, indicator.code, f"a {indicator.kind.value} is not measured from cases")
            )
            continue

        whole = Validity(start=span.first, end=span.last)
        chosen: list[tuple[Norm | None, int | None]] = [
            (norm, index)
            for index, norm in enumerate(indicator.norms)
            if norm.valid.overlaps(whole)
        ]
        uncovered = any(
            not any(n.valid.overlaps(Validity(start=p.first, end=p.last)) for n in indicator.norms)
            for p in span.periods
        )
        if uncovered:
            chosen.append((None, None))
        for norm, index in chosen:
            default, by_category = NO_RULE, tuple[tuple[str, int], ...]()
            if norm is not None and spec.deadlines:
                default, by_category = _norm_rules(norm, rules)
            measures.append(
                Measure(
                    id=len(measures),
                    objective=code,
                    indicator=indicator,
                    norm=norm,
                    norm_index=index,
                    spec=spec,
                    populations=_populations(indicator, norm),
                    rule=default,
                    category_rules=by_category,
                    caveats=caveats.get(code, ()),
                )
            )
    return Plan(tuple(measures), tuple(rules.entries), tuple(rules.slots), tuple(skipped))
