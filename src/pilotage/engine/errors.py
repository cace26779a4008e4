"""The engine's error, a branch of the one tree of `pilotage.errors`.

PilotageError
└── MeasureError     a measure that cannot be asked: an objective the contract does not
                     have or does not measure from cases, a norm it does not have
"""

from __future__ import annotations

from pilotage.errors import PilotageError

__all__ = ["MeasureError"]


class MeasureError(PilotageError):
    """A measurement that cannot be asked as given; the message names the value and the fix."""
