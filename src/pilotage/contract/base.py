"""Building blocks shared by every part of a contract: strict models, bilingual text, provenance."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = [
    "Code",
    "Element",
    "Language",
    "LocalText",
    "Source",
    "Strict",
    "Validity",
]


class Strict(BaseModel):
    """Base of every contract model: unknown keys are errors, values are frozen once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Language(StrEnum):
    FR = "fr"
    NL = "nl"
    EN = "en"
    DE = "de"


Code = Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True)]
"""A code as the contract prints it: "VOB 2-01", "ECL 5", "11" (INAMI article number)."""


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
