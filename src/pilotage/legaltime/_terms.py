"""The vocabulary of legal time that contracts are written in: delays, deadlines, recurrences.

The contract model (`pilotage.contract`) states its norms and deadlines with these types and
re-exports them; the rest of `pilotage.legaltime` counts them. `LocalText` lives here because a
relative deadline's event ("X étant la date de publication de l'arrêté royal") is printed in the
contract's languages.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "WORKING_DAY_UNITS",
    "Convention",
    "Deadline",
    "DeadlineForm",
    "Delay",
    "DelayUnit",
    "Language",
    "LocalText",
    "NonWorkingEnd",
    "Offset",
    "PeriodKind",
    "Recurrence",
    "Strict",
]


class Strict(BaseModel):
    """Base of every contract model: unknown keys are errors, values are frozen once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Language(StrEnum):
    """A language contracts are printed in."""

    FR = "fr"
    NL = "nl"
    EN = "en"
    DE = "de"


class LocalText(Strict):
    """A text in the contract's languages (fr, nl; en optional). At least one must be given.

    Contracts are signed in French and Dutch; a seed extract may carry only one of them, and a
    footnote may exist only in the other language (INASTI footnote 2 is Dutch in a French text).
    """

    fr: str | None = None
    nl: str | None = None
    en: str | None = None
    de: str | None = None

    @model_validator(mode="after")
    def _one_language(self) -> LocalText:
        if not any((self.fr, self.nl, self.en, self.de)):
            raise ValueError("give the text in at least one language (fr, nl, en or de)")
        return self

    def get(self, language: Language | str) -> tuple[str, Language]:
        """The text in `language`, else in the first language that has it, with that language."""
        wanted = Language(language)
        order = [wanted, *(lang for lang in Language if lang != wanted)]
        for lang in order:
            value = getattr(self, lang.value)
            if value:
                return value, lang
        raise AssertionError("unreachable: validated to hold one language")

    def text(self, language: Language | str = Language.FR) -> str:
        """The text in `language`, marked with the original language when it is missing."""
        value, lang = self.get(language)
        return value if lang == Language(language) else f"[{lang.value}] {value}"

    @property
    def languages(self) -> list[Language]:
        return [lang for lang in Language if getattr(self, lang.value)]


class DelayUnit(StrEnum):
    """What a delay or a rule counts."""

    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS_MON_SAT = "working_days_mon_sat"  # "jours ouvrables" in social security law
    WORKING_DAYS_MON_FRI = "working_days_mon_fri"  # "jours ouvrés", Civil Code art. 1.7
    MONTHS = "months"
    FIXED_DATE = "fixed_date"  # a day of the year: "31 mai"
    PERIOD_END = "period_end"  # "fin du trimestre": the last day of the period holding the start


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
    """The periods results and deadlines are given for."""

    MONTH = "month"
    QUARTER = "quarter"
    SEMESTER = "semester"
    YEAR = "year"
    CONTRACT = "contract"


class Delay(Strict):
    """The delay a norm allows from a case's start event.

    `value` with a day or month unit, `month`/`day` for a fixed date of each yearly cycle, or
    `period` for the end of the period holding the start ("pour la fin du trimestre").
    Several delays on one norm must each name the `category` they apply to (P2P 1-02: 4 months
    from a late receipt, 3 months from the due date otherwise).
    """

    unit: DelayUnit
    value: int | None = Field(None, ge=0)
    month: int | None = Field(None, ge=1, le=12)
    day: int | None = Field(None, ge=1, le=31)
    period: PeriodKind | None = Field(None, description="For period_end: which period ends.")
    convention: Convention = Convention.ELAPSED
    rolls_forward: bool = Field(
        False, description="For a fixed date or a period end: does a deadline on a day off move?"
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
        if self.non_working_end is not None and self.unit not in WORKING_DAY_UNITS:
            raise ValueError(
                f"non_working_end applies to working-day delays only, not to {self.unit.value}: "
                "remove it, or count in working_days_mon_fri or working_days_mon_sat"
            )
        if self.unit is DelayUnit.PERIOD_END:
            fields = (self.value, self.month, self.day)
            if self.period in (None, PeriodKind.CONTRACT) or fields != (None, None, None):
                raise ValueError(
                    "a period_end delay takes a period (month, quarter, semester or year), and no"
                    " value, month or day"
                )
            return self
        if self.period is not None:
            raise ValueError(f"a {self.unit.value} delay takes no period")
        if self.unit is DelayUnit.FIXED_DATE:
            if self.month is None or self.day is None or self.value is not None:
                raise ValueError("a fixed_date delay takes month and day, and no value")
            dt.date(2000, self.month, self.day)  # leap year: 29 February is allowed
        elif self.value is None or self.month is not None or self.day is not None:
            raise ValueError(f"a {self.unit.value} delay takes a value, and no month or day")
        return self


class DeadlineForm(StrEnum):
    """The structured form of a deadline as printed, or why there is none."""

    DATE = "date"  # "Date limite : 30 juin 2013"
    DATES = "dates"  # "Dates limites : 31 décembre 2013 ; 31 décembre 2014 ; ..."
    PERIOD = "period"  # "1er trimestre de 2013": due by the period's last day
    RELATIVE = "relative"  # "X + 6 mois (X étant la date de publication de l'arrêté royal)"
    RECURRING = "recurring"  # "Semestriel", "Annuel", "Tous les 5 ans", "chaque année ..."
    CONTINUOUS = "continuous"  # "permanent", "en continu": followed without a due date
    INVALID = "invalid"  # "31/04/2013": a date that does not exist, reported not guessed
    UNSTRUCTURED = "unstructured"  # text we keep but cannot reduce to dates; `diagnosis` says why


class Offset(Strict):
    """The "+ 6 mois" of a relative deadline "X + 6 mois"."""

    value: int = Field(ge=0)
    unit: DelayUnit

    @model_validator(mode="after")
    def _no_fixed(self) -> Offset:
        if self.unit in (DelayUnit.FIXED_DATE, DelayUnit.PERIOD_END):
            raise ValueError("an offset is counted in days, working days or months")
        return self


class Recurrence(Strict):
    """A recurring due date: every `every` `unit`s, due `due` after each cycle opens.

    "Pour la fin du premier trimestre de chaque année civile": every 1 year, period quarter,
    index 1 -> 31 March of each year. "chaque année dans le courant du 4e trimestre de l'année
    X-1": every 1 year, quarter 4, year_offset -1.
    """

    every: int = Field(1, ge=1)
    unit: str = Field(pattern="^(month|quarter|semester|year)$")
    period: str | None = Field(None, pattern="^(month|quarter|semester|year)$")
    index: int | None = Field(None, ge=1, le=12, description="Which period of the cycle.")
    year_offset: int = 0
    first: dt.date | None = Field(None, description="First due date, when the text gives it.")


class Deadline(Strict):
    """A deadline kept exactly as printed, beside its structured form (or why it has none)."""

    printed: str
    form: DeadlineForm
    dates: list[dt.date] = Field(default_factory=list)
    periods: list[str] = Field(default_factory=list, description='e.g. ["2013-Q1"].')
    event: LocalText | None = Field(None, description="The event X a relative deadline waits for.")
    offset: Offset | None = None
    recurrence: Recurrence | None = None
    diagnosis: str | None = Field(None, description="Why the printed text has no usable form.")

    @model_validator(mode="after")
    def _shape(self) -> Deadline:
        f = self.form
        if f is DeadlineForm.DATE and len(self.dates) != 1:
            raise ValueError("a 'date' deadline has exactly one date")
        if f is DeadlineForm.DATES and len(self.dates) < 2:
            raise ValueError("a 'dates' deadline has two dates or more")
        if f is DeadlineForm.PERIOD and (not self.periods or len(self.dates) != len(self.periods)):
            raise ValueError("a 'period' deadline gives each period and its last day in dates")
        if f is DeadlineForm.RELATIVE and (self.event is None or self.offset is None):
            raise ValueError("a 'relative' deadline names its event and its offset")
        if f is DeadlineForm.RECURRING and self.recurrence is None:
            raise ValueError("a 'recurring' deadline gives its recurrence")
        if f in (DeadlineForm.INVALID, DeadlineForm.UNSTRUCTURED) and not self.diagnosis:
            raise ValueError(f"an '{f.value}' deadline says why in diagnosis")
        if self.dates != sorted(self.dates):
            raise ValueError("deadline dates are listed in order")
        return self
