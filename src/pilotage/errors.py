"""The one exception tree of pilotage.

Every error a user can cause is one of these, with a message that names the bad value and the
fix. Errors of other libraries (yaml, duckdb, ...) are translated into these at the boundary.
Each class carries what it maps to at each front-end: `http_status`, the status a page or the
API answers it with, and `exit_code`, the command line's exit status. Each front-end handles
PilotageError once: the web application in one middleware (pages) and one exception handler
(API), the command line in its top-level group.

                                                                      HTTP  exit
    PilotageError                                                      400   1
    ├── ContractError                                                  400   1
    │   ├── ContractFileError        a contract file cannot be read     400   1
    │   │                            or parsed (I/O, YAML syntax)
    │   ├── ContractInvalidError     a contract file was read but       400   1
    │   │                            breaks the schema or the rules
    │   └── ConsolidationError       amendments that cannot be          400   1
    │                                applied to their base
    ├── LegalTimeError                                                 400   1
    │   ├── DeadlineSyntaxError      a deadline or delay rule that      400   1
    │   │                            cannot be read
    │   ├── ImpossibleDateError      a date that does not exist         400   1
    │   │                            (31/04/2013)
    │   ├── IntervalError            an end before its start, and       400   1
    │   │                            similar ordering faults
    │   └── CalendarError            an unknown calendar, or a bad      400   1
    │                                calendar file
    ├── FactsError                                                     400   1
    │   ├── ImportFileError          a case source cannot be read:      400   1
    │   │                            missing, not CSV, corrupt, no
    │   │                            header row, columns missing or
    │   │                            unknown, a failing query
    │   ├── SecretKeyError           a niss column without              500   1
    │   │                            PILOTAGE_SECRET_KEY, or another
    │   │                            key than the store's
    │   ├── OrgUnitsError            an org-unit file that breaks the   400   1
    │   │                            office -> region -> institution
    │   │                            hierarchy
    │   └── StoreError               the fact store cannot be opened,   503   1
    │       │                        read or written
    │       └── PublishedSetError    a write that would change a        409   1
    │                                published result set, in any store
    ├── MeasureError                 a measure that cannot be asked:    400   1
    │                                an objective the contract does
    │                                not have or does not measure from
    │                                cases, a norm it does not have
    ├── FollowupError                an action, mission, event or       400   1
    │                                milestone the contract does not
    │                                have, or progress that cannot be
    │                                recorded as given
    ├── DocumentReadError            a signed document that cannot be   400   2
    │                                read (unknown format, missing
    │                                reader library, broken file)
    ├── BadQuery                     a page's or the API's query        400   1
    │                                parameter that cannot be read
    ├── WebJobError                  a job of the web application       400   1
    │                                refused (users, grants, exports)
    ├── ReportError                  a report pack that cannot be made  400   1
    │                                as asked: a period no published
    │                                result set holds, an unknown
    │                                service, objective, format or
    │                                language
    ├── EvaluationError              the evaluation cycle (INAMI art.   400   1
    │   │                            42-51) refused a step
    │   ├── EvaluationOrderError     a step skipped, or dated before    409   1
    │   │                            the one it follows; an agreed
    │   │                            calendar beyond the art. 49 maxima
    │   ├── EvaluationPartyError     a position or an acknowledgement   403   1
    │   │                            written by the wrong party or role
    │   ├── EvaluationFrozenError    a document changed after it was    409   1
    │   │                            sent, without a new numbered
    │   │                            version
    │   └── AdaptationError          an adaptation request that cannot  409   1
    │                                be sent, decided or consolidated
    │                                as asked
    └── BudgetError                  a budget operation or execution    400   1
        │                            line that cannot be read as given:
        │                            an unknown credit, a bad amount, a
        │                            year outside the budget
        ├── BudgetRuleError          an operation the budget rules      409   1
        │                            refuse: a limitative credit
        │                            overdrawn (art. 67), personnel
        │                            above the statutory cap, a
        │                            carry-over outside the contract
        │                            (art. 69), real estate above EUR 5
        │                            million unauthorised (art. 72), an
        │                            opinion missing
        └── BudgetRoleError          an operation, processing or        403   1
                                     opinion recorded by a role that
                                     may not record it

The CLI turns a PilotageError into its message on stderr and exit status `exit_code`; the web
application into a page (or a JSON body `{"detail": ...}` under /api/) with `http_status`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

__all__ = [
    "AdaptationError",
    "BadQuery",
    "BudgetError",
    "BudgetRoleError",
    "BudgetRuleError",
    "CalendarError",
    "ConsolidationError",
    "ContractError",
    "ContractFileError",
    "ContractInvalidError",
    "DeadlineSyntaxError",
    "DocumentReadError",
    "EvaluationError",
    "EvaluationFrozenError",
    "EvaluationOrderError",
    "EvaluationPartyError",
    "FactsError",
    "FollowupError",
    "ImportFileError",
    "ImpossibleDateError",
    "IntervalError",
    "LegalTimeError",
    "MeasureError",
    "OrgUnitsError",
    "PilotageError",
    "PublishedSetError",
    "ReportError",
    "SecretKeyError",
    "StoreError",
    "WebJobError",
]


class PilotageError(Exception):
    """Base of every error pilotage raises on purpose."""

    http_status: ClassVar[int] = 400  # what was asked cannot be done as given
    exit_code: ClassVar[int] = 1


class ContractError(PilotageError):
    """Something is wrong with a contract or a contract file."""


class ContractFileError(ContractError):
    """A contract file cannot be read or parsed; `line` is set when the fault has a place."""

    def __init__(self, file: str, detail: str, line: int | None = None) -> None:
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {detail}")
        self.file, self.detail, self.line = file, detail, line


class ContractInvalidError(ContractError):
    """A contract file was parsed but breaks the schema or the contract rules.

    `problems` holds every problem found, not just the first.
    """

    def __init__(self, message: str, problems: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class ConsolidationError(ContractError):
    """An amendment cannot be applied to the contract it claims to amend."""


class LegalTimeError(PilotageError):
    """Something is wrong with a date, a delay or a calendar."""


class DeadlineSyntaxError(LegalTimeError):
    """A deadline or delay rule that cannot be understood."""


class ImpossibleDateError(LegalTimeError):
    """A date that does not exist in the calendar, such as 31/04/2013."""


class IntervalError(LegalTimeError):
    """An end that comes before its start."""


class CalendarError(LegalTimeError):
    """An unknown calendar, or a calendar file that cannot be used."""


class FactsError(PilotageError):
    """Something is wrong with case records, their sources or the fact store."""


class ImportFileError(FactsError):
    """A case source cannot be read as a whole; `file` names it (a path, or sql:<database>)."""

    def __init__(self, file: str, detail: str) -> None:
        super().__init__(f"{file}: {detail}")
        self.file, self.detail = file, detail


class SecretKeyError(FactsError):
    """The key that turns a NISS into a person_key is missing, too short or not the store's."""

    http_status = 500  # the server's configuration, not the request


class OrgUnitsError(FactsError):
    """An org-unit file that cannot be used; `problems` lists every fault found."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class StoreError(FactsError):
    """The fact store cannot be opened, read or written (a DuckDB error, in our words)."""

    http_status = 503  # held by a writer, or missing: try again later


class PublishedSetError(StoreError):
    """A write that would change a published result set (or a figure of it), in any store."""

    http_status = 409  # the set is as published: the request conflicts with it


class MeasureError(PilotageError):
    """A measurement that cannot be asked as given; the message names the value and the fix."""


class FollowupError(PilotageError):
    """An action, mission, event or milestone the contract does not have, or progress that
    cannot be recorded as given."""


class DocumentReadError(PilotageError):
    """The document cannot be read (unknown format, missing reader library, broken file)."""

    exit_code = 2


class BadQuery(PilotageError):
    """A query parameter of a page or of the API that cannot be read; the message says what is
    expected (answered 400)."""


class WebJobError(PilotageError):
    """A job of the web application refused (a user, a grant, an export): the message says why
    and what to do."""


class ReportError(PilotageError):
    """A report pack that cannot be made as asked; the message names the value and the choices."""


class EvaluationError(PilotageError):
    """The evaluation cycle refused a step; the message names the step, the value and why."""


class EvaluationOrderError(EvaluationError):
    """A step skipped or dated before the previous one, or a calendar beyond art. 49."""

    http_status = 409


class EvaluationPartyError(EvaluationError):
    """A position, acknowledgement or decision written by a party that may not write it."""

    http_status = 403


class EvaluationFrozenError(EvaluationError):
    """A sent document edited without opening a new numbered version with a reason."""

    http_status = 409


class AdaptationError(EvaluationError):
    """An adaptation request (art. 42) that cannot be sent, decided or consolidated as asked."""

    http_status = 409


class BudgetError(PilotageError):
    """A budget operation, credit or execution line that cannot be read as given; the message
    names the value and what is expected."""


class BudgetRuleError(BudgetError):
    """An operation the management budget's rules refuse (INAMI art. 64-72, the statutory
    personnel cap); the message names the rule, the figures and what would be allowed."""

    http_status = 409  # the ledger as it stands conflicts with the operation


class BudgetRoleError(BudgetError):
    """An operation, a processing step or an opinion recorded by a role that may not."""

    http_status = 403
