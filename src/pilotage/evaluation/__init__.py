"""The evaluation cycle of a management contract (INAMI art. 42-51), in plain Python.

- `calendar`: the states and dated steps of the annual evaluation of year N, and its legal
  calendar (art. 49) computed with `pilotage.legaltime`, or a calendar the parties agreed;
- `draft`: the draft evaluation assembled from the published result sets, the follow-up of
  actions and missions and the registers, and the contradictory report's positions;
- `adaptation`: art. 42 adaptation requests (decision clock, deemed approval, consolidation
  into the contract) and art. 43 new missions by law;
- `registers`: art. 50 measures (with neutralisations) and art. 51 notices (with escalation);
- `reminders`: every clock due within N days or late;
- `document`: one numbered version of the draft or the report, as a document builder reads it.

The web application (`pilotage.web.evaluation`) stores these and calls them; nothing here knows
Django.
"""

from __future__ import annotations

from pilotage.evaluation.adaptation import (
    AdaptationKind,
    AdaptationState,
    RequestClock,
    check_amendment,
    check_decision,
    check_withdrawal,
    consolidated,
    decision_clock,
)
from pilotage.evaluation.calendar import (
    STEPS,
    AgreedCalendar,
    Clock,
    ClockStatus,
    LegalCalendar,
    State,
    Step,
    check_step,
    evaluation_clocks,
    next_step,
    state_after,
)
from pilotage.evaluation.document import (
    DocumentStep,
    EvaluationDocument,
    document_from_json,
    document_to_json,
)
from pilotage.evaluation.draft import (
    Assessment,
    DraftItem,
    Fact,
    FactKind,
    FigureCite,
    ItemKind,
    MilestoneLine,
    Note,
    Position,
    ReportItem,
    ResultSetRef,
    assemble_draft,
    figure_cite,
    year_period,
)
from pilotage.evaluation.registers import (
    Art50Entry,
    Art51Notice,
    Art51Stage,
    MeasureSource,
    Party,
    check_art50,
    check_art51_stage,
    other_party,
)
from pilotage.evaluation.reminders import (
    Reminder,
    ReminderKind,
    clock_reminders,
    followup_reminders,
)

__all__ = [
    "STEPS",
    "AdaptationKind",
    "AdaptationState",
    "AgreedCalendar",
    "Art50Entry",
    "Art51Notice",
    "Art51Stage",
    "Assessment",
    "Clock",
    "ClockStatus",
    "DocumentStep",
    "DraftItem",
    "EvaluationDocument",
    "Fact",
    "FactKind",
    "FigureCite",
    "ItemKind",
    "LegalCalendar",
    "MeasureSource",
    "MilestoneLine",
    "Note",
    "Party",
    "Position",
    "Reminder",
    "ReminderKind",
    "ReportItem",
    "RequestClock",
    "ResultSetRef",
    "State",
    "Step",
    "assemble_draft",
    "check_amendment",
    "check_art50",
    "check_art51_stage",
    "check_decision",
    "check_step",
    "check_withdrawal",
    "clock_reminders",
    "consolidated",
    "decision_clock",
    "document_from_json",
    "document_to_json",
    "evaluation_clocks",
    "figure_cite",
    "followup_reminders",
    "next_step",
    "other_party",
    "state_after",
    "year_period",
]
