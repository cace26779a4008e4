"""Lineage remarks ("Voir chapitre 3.1.1 dans CA 2016-2018", "Nouveau chapitre", "Texte adapté",
"Adaptation de la normalisation ...") and the earlier documents they name."""

from __future__ import annotations

import datetime as dt
import re

from pilotage.contract import DocumentRef, LineageKind, LineageRemark, LocalText
from pilotage.reading._source import Line
from pilotage.reading._source import provenance as source_of

__all__ = ["References", "origin_remark", "remarks_of"]

_CODE = re.compile(r"\b([A-Z][A-Z0-9]{1,6}) ?(\d{1,2}(?:-\d{2})?)\b")
_KINDS: list[tuple[LineageKind, re.Pattern[str]]] = [
    (LineageKind.SEE_CHAPTER, re.compile(r"^(?:Voir chapitres?|Zie hoofdstuk)", re.I)),
    (
        LineageKind.NEW,
        re.compile(
            r"\bnouve(?:au|l|lle|aux)\b.*\b(chapitre|tâche|objectif)|\bnieuwe?\b.*\b(hoofdstuk|"
            r"kerntaak|doelstelling)",
            re.I,
        ),
    ),
    (
        LineageKind.ADAPTED_TEXT,
        re.compile(
            r"texte adapté|complément|adaptation (de )?texte|"
            r"adaptation description|s'est terminée|aangepaste tekst|tekst aangepast|aanvulling",
            re.I,
        ),
    ),
    (LineageKind.ADAPTED_NORM, re.compile(r"normalisation|normering", re.I)),
    (LineageKind.SPLIT_FROM, re.compile(r"ventil|opgesplitst", re.I)),
    (
        LineageKind.REPLACES,
        re.compile(r"chapitre séparé|sont remplacés|afzonderlijk hoofdstuk|worden vervangen", re.I),
    ),
    (LineageKind.INTEGRATES, re.compile(r"^(?:intégration|integratie)", re.I)),
    (LineageKind.LINK, re.compile(r"^(?:lien avec|link met|verband met)", re.I)),
]


class References:
    """The earlier contracts a document names, as unavailable document references."""

    def __init__(
        self, institution: str, own: tuple[int, int] | None = None, language: str = "fr"
    ) -> None:
        self.institution = institution.lower()
        self.language = language  # the language the document prints these references in
        self.own = own  # the contract's own period: naming itself is not a reference
        self.found: dict[str, DocumentRef] = {}

    def contract(self, start: int, end: int, printed: str) -> str:
        ref_id = f"{self.institution}-{start}-{end}"
        if ref_id not in self.found:
            self.found[ref_id] = DocumentRef(
                id=ref_id,
                title=self.text(printed),
                period_start=dt.date(start, 1, 1),
                period_end=dt.date(end, 12, 31),
            )
        return ref_id

    def base_contract(self, ordinal: int | None, printed: str) -> str:
        """The contract an amendment amends when only its rank is printed ("du cinquième
        contrat d'administration")."""
        ref_id = f"{self.institution}-contract-{ordinal}" if ordinal else f"{self.institution}-base"
        self.found.setdefault(ref_id, DocumentRef(id=ref_id, title=self.text(printed or ref_id)))
        return ref_id

    def amendment(self, year: int, printed: str) -> str:
        ref_id = f"{self.institution}-{year}-amendment"
        self.found.setdefault(ref_id, DocumentRef(id=ref_id, title=self.text(printed)))
        return ref_id

    def text(self, printed: str) -> LocalText:
        return LocalText.model_validate({self.language: printed})

    def named_in(self, text: str) -> list[str]:
        out: list[str] = []
        pattern = (
            r"(?:CA\s?|BO\s?|Contrat d[’']administration(?: \w+)?\s+|Bestuursovereenkomst(?: \w+)?"
            r"\s+)((?:19|20)\d{2})-((?:19|20)\d{2})"
        )
        for match in re.finditer(pattern, text):
            if (int(match.group(1)), int(match.group(2))) == self.own:
                continue
            out.append(
                self.contract(int(match.group(1)), int(match.group(2)), match.group(0).strip())
            )
        for match in re.finditer(r"(?:Av\.\s?|Avenant\s+|Aanhangsel\s+)((?:19|20)\d{2})", text):
            out.append(self.amendment(int(match.group(1)), match.group(0).strip()))
        return list(dict.fromkeys(out))


def remarks_of(
    printed: str, line: Line, refs: References, amends: str | None
) -> list[LineageRemark]:
    """One remark per kind the printed text says (a remark may say "new" and "split")."""
    kinds = [kind for kind, rx in _KINDS if rx.search(printed)] or [LineageKind.ADAPTED_TEXT]
    documents = refs.named_in(printed)
    chapters = re.findall(r"\b(\d+(?:\.\d+)+)\b", printed)
    codes = [f"{a} {b}" for a, b in _CODE.findall(printed) if not a.startswith("CA")]
    out = []
    for kind in kinds:
        document = documents[0] if documents else None
        if document is None and kind in (LineageKind.SEE_CHAPTER, LineageKind.ADAPTED_TEXT):
            document = amends
        out.append(
            LineageRemark(
                kind=kind,
                document=document,
                chapters=chapters
                if kind
                in (
                    LineageKind.SEE_CHAPTER,
                    LineageKind.LINK,
                    LineageKind.REPLACES,
                    LineageKind.INTEGRATES,
                )
                else [],
                codes=list(dict.fromkeys(codes)),
                printed=refs.text(printed),
                source=source_of(line),
            )
        )
    return out


def origin_remark(printed: str, line: Line | None, refs: References) -> LineageRemark:
    """An INAMI article's origin ("... se base sur les articles 15, 16 et 17 du Contrat
    d'administration 2010-2012")."""
    documents = refs.named_in(printed)
    articles = re.search(
        r"(?:articles?|artikels?|artikelen)\s+((?:\d+[a-z]*(?:,\s*|\s+(?:et|en)\s+)?)+)", printed
    )
    chapters = re.findall(r"\d+", articles.group(1)) if articles else []
    return LineageRemark(
        kind=LineageKind.ORIGIN,
        document=documents[0] if documents else None,
        chapters=chapters,
        printed=refs.text(printed),
        source=source_of(line),
    )
