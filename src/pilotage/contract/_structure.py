"""Services, key tasks ("tâches clés"), operational objectives, chapters and strategy."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from pilotage.contract._base import Code, Element, LocalText
from pilotage.contract._lineage import LineageRemark, Transfer
from pilotage.contract._norms import Caveat, Indicator

__all__ = [
    "Axis",
    "Chapter",
    "DomainKind",
    "KeyTask",
    "MissionCategory",
    "Objective",
    "Service",
    "StrategicDomain",
    "Strategy",
]


class Chapter(Element):
    """A chapter of the document, kept for its number, title and lineage remarks."""

    number: str
    title: LocalText
    lineage: list[LineageRemark] = Field(default_factory=list)
    summary: LocalText | None = None


class Objective(Element):
    """An operational objective ("objectif opérationnel", OO), e.g. VOB 2-01."""

    code: Code
    name: LocalText
    indicators: list[Indicator] = Field(min_length=1)
    caveats: list[Caveat] = Field(default_factory=list)
    lineage: list[LineageRemark] = Field(default_factory=list)
    chapter: str | None = None


class KeyTask(Element):
    """A key task ("tâche clé", TC; NL "kerntaak"), e.g. VOB 2."""

    code: Code
    name: LocalText
    chapter: str | None = None
    description: LocalText | None = None
    objectives: list[Objective] = Field(default_factory=list)
    lineage: list[LineageRemark] = Field(default_factory=list)
    transfers: list[Transfer] = Field(default_factory=list)


class Service(Element):
    """A service of the institution that owns key tasks (VOB, PEN, ECL, ...)."""

    code: Code
    name: LocalText
    chapter: str | None = None
    key_tasks: list[KeyTask] = Field(default_factory=list)
    lineage: list[LineageRemark] = Field(default_factory=list)
    caveats: list[Caveat] = Field(default_factory=list)


class DomainKind(StrEnum):
    EXTERNAL = "external"
    INTERNAL = "internal"


class StrategicDomain(Element):
    code: Code
    name: LocalText
    kind: DomainKind
    title: str | None = Field(None, description='The TITRE it is printed under, e.g. "IV".')


class Axis(Element):
    code: Code
    name: LocalText


class MissionCategory(Element):
    """A mission category an article serves ("Cadre": octroyer, contrôler, informer, ...)."""

    code: Code
    name: LocalText


class Strategy(Element):
    domains: list[StrategicDomain] = Field(default_factory=list)
    axes: list[Axis] = Field(default_factory=list)
    mission_categories: list[MissionCategory] = Field(default_factory=list)
    vision: LocalText | None = None
