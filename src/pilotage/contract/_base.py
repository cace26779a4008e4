"""Building blocks shared by every part of a contract: strict models, bilingual text, provenance."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from pilotage.legaltime import Language, LocalText, Strict

__all__ = [
    "Code",
    "Element",
    "Language",
    "LocalText",
    "Source",
    "Strict",
    "Validity",
]


Code = Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True)]
"""A code as the contract prints it: "VOB 2-01", "ECL 5", "11" (INAMI article number)."""


class Source(Strict):
    """Where an element comes from in the signed document (provenance)."""

    document: str | None = Field(None, description="Document id or file name.")
    line: int | None = Field(None, ge=1)
    page: int | None = Field(None, ge=1)
    chapter: str | None = Field(None, description='Chapter or article number, e.g. "2.1.5".')


class Validity(Strict):
    """A validity period: from `start` to `end` inclusive; an open `end` runs on."""

    start: dt.date
    end: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Validity) -> bool:
        far = dt.date.max
        return self.start <= (other.end or far) and other.start <= (self.end or far)


class Element(Strict):
    """Anything that may carry its provenance in the source document."""

    source: Source | None = None
