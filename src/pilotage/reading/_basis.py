"""The legal basis of the contract: the acts the preamble (or the approving decree) cites.

en exécution de l'arrêté royal du 3 avril 1997 ..., en application de l'article 47 de la
loi du 26 juillet 1996 ..., confirmé par l'article 3 de la loi du 12 décembre 1997 ...
in uitvoering van het koninklijk besluit van 3 april 1997 ..., met toepassing van ...
Vu la loi du 23 novembre 2017 portant ..., l'article 32 ;      (the approving decree)
Gelet op de wet van 26 juli 1996 ..., artikel 47;
"""

from __future__ import annotations

import re

from pilotage.reading._source import Line, join_lines

__all__ = ["read_legal_basis"]

_OPENING = re.compile(r"^(?:en exécution de|in uitvoering van|in Ausführung)\b", re.IGNORECASE)
_LINKS = re.compile(
    r"(?:,\s+|\s+et\s+|\s+en\s+)(?:et\s+|en\s+)?(?:en application de|confirmé par|met toepassing"
    r" van|bekrachtigd (?:bij|door)|in toepassing van)\s+",
    re.IGNORECASE,
)
_CITED = re.compile(
    r"^(?:Vu|Gelet op|Aufgrund)\s+(?P<act>(?:la loi|l['’]arrêté royal|de wet|het koninklijk "
    r"besluit|des Gesetzes|das Gesetz|den Königlichen Erlass)\b.*?)\s*[;.]?\s*$",
    re.IGNORECASE,
)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _preamble_basis(lines: list[Line]) -> list[str]:
    for i, line in enumerate(lines):
        if not _OPENING.match(line.text):
            continue
        parts: list[str] = []
        for x in lines[i:]:
            if x.blank and parts:
                break
            parts.append(x.text)
        sentence = _OPENING.sub("", join_lines(parts)).strip()
        sentence = re.split(r",?\s+(?:et|en\s*)?$|,\s+convenu|,\s+(?:wordt )?overeengekomen|,\s*$",
                            sentence)[0]  # fmt: skip
        acts = _LINKS.split(sentence)
        acts = [
            re.sub(r"^(?:et\s+|en\s+)?(?:de\s+|van\s+)?(?:l[’']|het\s+|de\s+)?", "", a).strip(" ,;")
            for a in acts
        ]
        return [_capital(a) for a in acts if a]
    return []


def read_legal_basis(preamble: list[Line], decree: list[Line]) -> list[str]:
    """The acts the preamble executes; else the acts the approving decree cites ("Vu la loi")."""
    found = _preamble_basis(preamble)
    if found:
        return found
    out = []
    for line in decree:
        match = _CITED.match(line.text)
        if match:
            act = re.sub(r"^(?:l['’]|la\s+|het\s+|de\s+|das\s+|den\s+)", "", match.group("act"))
            out.append(_capital(act))
    return out
