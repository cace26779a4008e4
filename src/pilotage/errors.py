"""The one exception tree of pilotage.

Every error a user can cause is one of these, with a message that names the bad value and the
fix. Errors of other libraries (yaml, duckdb, ...) are translated into these at the boundary.

    PilotageError
    ├── ContractError
    │   ├── ContractFileError        a contract file cannot be read or parsed (I/O, YAML syntax)
    │   ├── ContractInvalidError     a contract file was read but breaks the schema or the rules
    │   └── ConsolidationError       amendments that cannot be applied to their base
    ├── LegalTimeError
    │   ├── DeadlineSyntaxError      a deadline or delay rule that cannot be read
    │   ├── ImpossibleDateError      a date that does not exist (31/04/2013)
    │   ├── IntervalError            an end before its start, and similar ordering faults
    │   └── CalendarError            an unknown calendar, or a bad calendar file
    ├── FactsError
    │   ├── ImportFileError          a case source cannot be read: missing, not CSV, corrupt,
    │   │                            no header row, columns missing or unknown, a failing query
    │   ├── SecretKeyError           a niss column without PILOTAGE_SECRET_KEY, or another key
    │   │                            than the one the store was built with
    │   ├── OrgUnitsError            an org-unit file that breaks the office -> region ->
    │   │                            institution hierarchy
    │   └── StoreError               the fact store cannot be opened, read or written
    ├── MeasureError                 a measure that cannot be asked: an objective the contract
    │                                does not have or does not measure from cases, a norm it
    │                                does not have
    ├── ReportError                  a report pack that cannot be made as asked: a period no
    │                                published result set holds, an unknown service, objective,
    │                                format or language
    └── EvaluationError              the evaluation cycle (INAMI art. 42-51) refused a step
        ├── EvaluationOrderError     a step skipped, or dated before the one it follows; an
        │                            agreed calendar beyond the art. 49 maxima (409)
        ├── EvaluationPartyError     a position or an acknowledgement written by the wrong
        │                            party or role (403)
        ├── EvaluationFrozenError    a document changed after it was sent, without a new
        │                            numbered version (409)
        └── AdaptationError          an adaptation request that cannot be sent, decided or
                                     consolidated as asked (409)

The CLI turns a PilotageError into its message on stderr and exit status `exit_code`.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AdaptationError",
    "CalendarError",
    "ConsolidationError",
    "ContractError",
    "ContractFileError",
    "ContractInvalidError",
    "DeadlineSyntaxError",
    "EvaluationError",
    "EvaluationFrozenError",
    "EvaluationOrderError",
    "EvaluationPartyError",
    "FactsError",
    "ImportFileError",
    "ImpossibleDateError",
    "IntervalError",
    "LegalTimeError",
    "MeasureError",
    "OrgUnitsError",
    "PilotageError",
    "ReportError",
    "SecretKeyError",
    "StoreError",
]


class PilotageError(Exception):
    """Base of every error pilotage raises on purpose."""

    exit_code = 1


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


class OrgUnitsError(FactsError):
    """An org-unit file that cannot be used; `problems` lists every fault found."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class StoreError(FactsError):
    """The fact store cannot be opened, read or written (a DuckDB error, in our words)."""


class MeasureError(PilotageError):
    """A measurement that cannot be asked as given; the message names the value and the fix."""


class ReportError(PilotageError):
    """A report pack that cannot be made as asked; the message names the value and the choices."""


class EvaluationError(PilotageError):
    """The evaluation cycle refused a step; the message names the step, the value and why.

    `status` is the HTTP status a page or the API answers with.
    """

    status = 400


class EvaluationOrderError(EvaluationError):
    """A step skipped or dated before the previous one, or a calendar beyond art. 49."""

    status = 409


class EvaluationPartyError(EvaluationError):
    """A position, acknowledgement or decision written by a party that may not write it."""

    status = 403


class EvaluationFrozenError(EvaluationError):
    """A sent document edited without opening a new numbered version with a reason."""

    status = 409


class AdaptationError(EvaluationError):
    """An adaptation request (art. 42) that cannot be sent, decided or consolidated as asked."""

    status = 409
