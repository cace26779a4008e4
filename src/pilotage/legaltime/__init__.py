"""Legal time: Belgian calendars, delays and deadlines, exact and vectorised.

Every norm and deadline of a contract is a statement about time ("120 jours", "15 jours
ouvrables", "4 mois", "31 mai", "1er trimestre de 2013", "X + 6 mois"). This package computes
them exactly, says how (every answer names its convention and explains itself), and does the
same over millions of cases for the indicator engine.

Terms (`Delay`, `DelayUnit`, `Convention`, `PeriodKind`, `Deadline`, `Offset`, `Recurrence`)
    The vocabulary contracts state time in; `pilotage.contract` builds on these types and
    re-exports them. This package imports nothing of pilotage but `pilotage.errors`.

Calendars (`calendars`)
    The ten legal public holidays of the Royal Decree of 18 April 1974 (1 January, Easter
    Monday, 1 May, Ascension, Whit Monday, 21 July, 15 August, 1 November, 11 November,
    25 December), from the `holidays` package without its Easter Sunday and Whit Sunday, then
    corrected by data (`data/legal-corrections.yaml`: 2 May 2008 replaced Ascension, which fell
    on 1 May). Built-in calendars: `be-legal` (the default), `be-federal` (+ 15 November),
    `be-flemish` (+ 11 July), `be-french` (+ 27 September), `be-german` (+ 15 November); an
    institution adds its own closing days with a YAML file (`load_calendars`).

Day kinds (`DayKind`)
    `calendar`: every day. `mon-sat`: Monday to Saturday minus the calendar's holidays, the
    "jours ouvrables" / "werkdagen" of social security law. `mon-fri`: Monday to Friday minus
    holidays, the "jours ouvrés" of Civil Code art. 1.7.

Convention `judicial` (Judicial Code art. 52-54; the default for a deadline asked on its own)
    The start day is not counted, the last day is; a deadline on a Saturday, Sunday or holiday
    of the calendar moves to the next Monday-Friday working day. Months run "de quantième à
    veille de quantième": counting starts the day after the event and ends the day before the
    same day number N months later; when that month has no such day number, on its last day.

    - 15 days from Friday 5 July 2019: the count ends Saturday 20 July; Sunday 21 July is a
      Sunday and the national holiday, so the deadline is Monday 22 July 2019.
    - 1 month from 30 June 2019: counted from 1 July, the day before 1 August: 31 July 2019
      (not 30 July).
    - 1 month from 31 January 2019: from 1 February to the day before 1 March: 28 February 2019.
      From 30 January 2019 too: counted from 31 January, and February has no 31st, so the
      month's last day, 28 February (European Convention on the Calculation of Time-Limits,
      Basel 1972, art. 4; EU Regulation 1182/71 art. 3(2)(c)).
    - 15 jours ouvrables (mon-sat) from Wednesday 3 July 2019: the 15th working day is
      Saturday 20 July; it moves past Sunday 21 July (national holiday) to Monday 22 July 2019.

Convention `elapsed` (plain count; what internal norms such as "90% within 120 days" use unless
the contract says otherwise)
    The same count (the start day not counted), no roll-forward; N months is the same day
    number N months later, clipped to the month's end.

    - 120 days from Friday 11 January 2019: Saturday 11 May 2019 (judicial: Monday 13 May).
    - 15 jours ouvrables from Wednesday 3 July 2019: Saturday 20 July 2019.
    - 1 month from 30 June 2019: 30 July 2019; from 31 January 2019: 28 February 2019.

Fixed days and period ends
    "31 mai": the first 31 May on or after the start; "fin du trimestre": the last day of the
    quarter holding the start. They do not move to a working day unless the rule says
    `rolls_forward=True` (a setting, under either convention). 29 February is 28 February in a
    common year.

On time
    A case is on time when its end is not after the deadline from its start under the rule
    (`on_time`); an end before the start is invalid data (IntervalError), never on time.
    `elapsed(start, end, kind)` counts days of `kind` after the start up to the end.

Periods, schedules, printed deadlines, vectorised form
    `Period` (`2019-03`, `2019-Q3`, `2019-S2`, `2019`, `2019-01-01..2020-12-31`); `Schedule`
    for "Semestriel", "Tous les 5 ans", "Pour la fin du premier trimestre de chaque année
    civile"; `parse_rule` and `parse_deadline` for French and Dutch printed forms, and
    `to_contract_deadline` for the contract model; `calendar_table`, `deadlines` and
    `vectorised.elapsed` for the engine (see `pilotage.legaltime.vectorised`).
"""

from __future__ import annotations

from pilotage.legaltime import vectorised
from pilotage.legaltime._calendars import (
    DEFAULT_CALENDAR,
    Calendar,
    DayKind,
    Holiday,
    calendar_names,
    get_calendar,
    legal_holidays,
    load_calendars,
)
from pilotage.legaltime._counting import (
    DeadlineAnswer,
    Rule,
    deadline,
    elapsed,
    fixed_day_in,
    on_time,
    rule_from_delay,
)
from pilotage.legaltime._parse import (
    ParsedDeadline,
    parse_date,
    parse_deadline,
    parse_rule,
    to_contract_deadline,
)
from pilotage.legaltime._periods import (
    MONTHS_IN,
    Period,
    months_from,
    nth_year,
    period_of,
    periods_between,
)
from pilotage.legaltime._schedules import Occurrence, Schedule
from pilotage.legaltime._terms import (
    Convention,
    Deadline,
    DeadlineForm,
    Delay,
    DelayUnit,
    Language,
    LocalText,
    NonWorkingEnd,
    Offset,
    PeriodKind,
    Recurrence,
    Strict,
)
from pilotage.legaltime.vectorised import calendar_table, deadlines, with_deadlines

__all__ = [
    "DEFAULT_CALENDAR",
    "MONTHS_IN",
    "Calendar",
    "Convention",
    "DayKind",
    "Deadline",
    "DeadlineAnswer",
    "DeadlineForm",
    "Delay",
    "DelayUnit",
    "Holiday",
    "Language",
    "LocalText",
    "NonWorkingEnd",
    "Occurrence",
    "Offset",
    "ParsedDeadline",
    "Period",
    "PeriodKind",
    "Recurrence",
    "Rule",
    "Schedule",
    "Strict",
    "calendar_names",
    "calendar_table",
    "deadline",
    "deadlines",
    "elapsed",
    "fixed_day_in",
    "get_calendar",
    "legal_holidays",
    "load_calendars",
    "months_from",
    "nth_year",
    "on_time",
    "parse_date",
    "parse_deadline",
    "parse_rule",
    "period_of",
    "periods_between",
    "rule_from_delay",
    "to_contract_deadline",
    "vectorised",
    "with_deadlines",
]
