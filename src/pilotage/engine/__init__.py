"""The indicator engine: every commitment of a contract, measured from the case records.

`measure(cases, org_units, contract, "2019-Q3", "office")` gives one `IndicatorResult` per
indicator, norm in force, unit and period; `publish` stores it as an immutable, versioned result
set; `late_cases` lists the cases behind a timeliness figure. The computation is written once in
Ibis and runs on DuckDB and on Spark (`pilotage.engine.compute`); what each indicator kind
computes is declared as data (`pilotage.engine.kinds`).

Definitions
-----------
A case belongs to an indicator by its `objective` and to a norm's population when it passes
both the indicator's and the norm's filters: `include_categories` (its category is one of them),
`exclude_categories` (it has none of them; a case without a category is kept),
`started_from` (its start on or after that day), `attributes` (each named attribute has that
value). A row whose end is before its start is invalid data: it is excluded from every figure
and counted in `invalid`, never on time.

timeliness (VOB 2-01: 120 d, 90%)
    denominator: cases that ended in the period; numerator: those whose end is not after their
    deadline. The deadline comes from the start under the norm's delay, rule and convention
    (`pilotage.legaltime`: elapsed or judicial counting, roll-forward, months "de quantième à
    veille de quantième", working days Monday-Saturday or Monday-Friday minus the calendar's
    holidays). 0 days (FIN 1-01) means the same day. A fixed day (SOVCNH 1-01, "31 mai") is
    the first such day on or after the start: a cycle opened in January to May is due that
    year's 31 May, one opened after it the next year's. Several delays on a norm apply by case
    category (P2P 1-02: "réception tardive" 4 months, "date d'échéance" 3 months; the category
    may also be written as the delay's start event, `late_receipt` / `due_date`); a delay
    without category applies to the other cases; a case that no delay applies to is counted in
    `unclassified` and left out. When a delay allows suspensions, the deadline moves later by
    the case's `suspended_days`.
    Also: the exact median and 90th percentile delay of the cases ended in the period, in the
    norm's kind of day (calendar days; working days for a working-day norm), nearest rank
    (the smallest delay d such that at least 50% / 90% of them took d days or less); the
    backlog (cases open at the cut: started on or before it, not ended by it); the overdue
    cases (open at the cut with a deadline on or before it: they can no longer be on time);
    and a forecast for the period end: lost = ended late + open already overdue with a
    deadline in the period; still to win = open, not yet overdue, deadline in the period;
    best = (on time + still to win) / (ended + overdue-in-period + still to win), worst = on
    time / the same denominator.
share (PEN 1-02, PEN 2-01, SOVCNH 2-01)
    denominator: cases started in the period; numerator: those of them that have an end date
    by the period's cut (its last day, or the as-of day). An end after the cut is not known
    at the cut: a published figure for a closed period does not drift as later ends arrive.
amount_ratio (P2P 1-01)
    sum(amount_collected) / sum(amount_due) over the cases started in the period.
count (ECL 1-01)
    cases ended in the period, against the target of its `per` period pro rata (a quarter
    carries 3/12 of a yearly 600), marked `pro_rata`.
plan_share (EAE 1-01)
    denominator: planned cases started in the calendar year(s) of the period; numerator: those
    of them ended by the period end.
no norm
    the value is computed and shown with status `no_norm`.

Periods and the cut: every period is looked at on its last day; with `as_of`, the last period
is looked at on that day and later data is ignored (a later end is an open case, a later start
is not there yet). A norm is in force for a period when its validity overlaps it; a caveat
applies when its period overlaps it (see `pilotage.engine.status`); a not-reachable caveat that
covers only part of a period leaves it a status judged on the other days
(`pilotage.engine.caveats`). `publish` keeps with a result set the late cases each figure
counted (`measured_late_cases`), so the list under a published figure never drifts.
"""

from __future__ import annotations

from pilotage.engine.changes import FigureChange, SetChanges, changes_between
from pilotage.engine.compute import Level
from pilotage.engine.kinds import KINDS, Anchor, Figure, KindSpec, measurable
from pilotage.engine.late import (
    LATE_SCHEMA,
    LateCase,
    LateState,
    late_cases,
    measured_late_cases,
    offices_under,
)
from pilotage.engine.measure import Measurement, contract_version, measure
from pilotage.engine.results import (
    ResultSet,
    discard_set,
    kept_late_cases,
    list_result_sets,
    load_result_set,
    publish,
    publish_set,
)
from pilotage.engine.span import Span
from pilotage.engine.status import RESULT_SCHEMA, CaveatNote, IndicatorResult, Status
from pilotage.errors import MeasureError

__all__ = [
    "KINDS",
    "LATE_SCHEMA",
    "RESULT_SCHEMA",
    "Anchor",
    "CaveatNote",
    "Figure",
    "FigureChange",
    "IndicatorResult",
    "KindSpec",
    "LateCase",
    "LateState",
    "Level",
    "MeasureError",
    "Measurement",
    "ResultSet",
    "SetChanges",
    "Span",
    "Status",
    "changes_between",
    "contract_version",
    "discard_set",
    "kept_late_cases",
    "late_cases",
    "list_result_sets",
    "load_result_set",
    "measurable",
    "measure",
    "measured_late_cases",
    "offices_under",
    "publish",
    "publish_set",
]
