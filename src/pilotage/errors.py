"""The one exception tree of pilotage.

Every error a user can cause is one of these, with a message that names the bad value and the
fix. Errors of other libraries (yaml, duckdb, ...) are translated into these at the boundary.

    PilotageError
    ├── ContractError
    │   ├── ContractFileError        a contract file cannot be read or parsed (I/O, YAML syntax)
    │   ├── ContractInvalidError     a contract file was read but breaks the schema or the rules
    │   └── ConsolidationError       amendments that cannot be applied to their base
    └── LegalTimeError
        ├── DeadlineSyntaxError      a deadline or delay rule that cannot be read
        ├── ImpossibleDateError      a date that does not exist (31/04/2013)
        ├── IntervalError            an end before its start, and similar ordering faults
        └── CalendarError            an unknown calendar, or a bad calendar file

The CLI turns a PilotageError into its message on stderr and exit status `exit_code`.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CalendarError",
    "ConsolidationError",
    "ContractError",
    "ContractFileError",
    "ContractInvalidError",
    "DeadlineSyntaxError",
    "ImpossibleDateError",
    "IntervalError",
    "LegalTimeError",
    "PilotageError",
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
