"""Lineage: how a chapter, key task or article relates to earlier contracts (DOMAIN "Lineage")."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from pilotage.contract._base import Code, Element, LocalText, Strict

__all__ = ["DocumentRef", "LineageKind", "LineageRemark", "Transfer"]


class LineageKind(StrEnum):
    """What a lineage remark says, as the amendments word it."""

    SEE_CHAPTER = (
        "see_chapter"  # "Voir chapitre 3.1.1 dans CA 2016-2018": unchanged, text elsewhere
    )
    NEW = "new"  # "Nouveau chapitre", "nouvelle tâche clé", "nouvel objectif opérationnel"
    ADAPTED_TEXT = "adapted_text"  # "Texte adapté", "Complément texte"
    ADAPTED_NORM = "adapted_norm"  # "Adaptation de la normalisation pour ..."
    SPLIT_FROM = "split_from"  # "La tâche clé initiale VOB 2 a été ventilée en VOB 2 et VOB 3"
    REPLACES = "replaces"  # "Chapitre séparé pour ancien objectif opérationnel VOB 3-01"
    INTEGRATES = "integrates"  # "Intégration du document ... Avenant ECL"
    LINK = "link"  # "Lien avec chapitres 3.8, 4.7 et 6.4 dans le CA 2016-2018"
    ORIGIN = "origin"  # INAMI: "CA2006-2008 : art.32, Av.2009 : art.32"


class DocumentRef(Strict):
    """An earlier contract or amendment this one refers to; `available` says whether we hold it.

    The INASTI amendment 2019-2020 amends CA 2016-2018, which pilotage does not hold: it is
    recorded as unavailable rather than invented.
    """

    id: Code
    title: LocalText
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    available: bool = False
    file: str | None = Field(None, description="Contract file holding it, when available.")
    note: LocalText | None = None


class LineageRemark(Element):
    """One remark tying an element to an earlier document."""

    kind: LineageKind
    document: Code | None = Field(None, description="Id of a DocumentRef in `references`.")
    chapters: list[str] = Field(default_factory=list, description='e.g. ["3.1.1"] or ["32"].')
    codes: list[Code] = Field(
        default_factory=list, description="Key tasks or objectives the remark names."
    )
    printed: LocalText | None = Field(None, description="The remark as printed.")


class Transfer(Element):
    """A competence that moves to another service from a date.

    "A partir de 2020, cette tâche clé relèvera de la compétence du service Pensions."
    """

    to_service: Code
    effective: dt.date
    printed: LocalText | None = None
