"""The deadline texts of the INAMI seed contract, cut out of its plain text."""

from __future__ import annotations

import re

from tests.conftest import INAMI_TEXT

INAMI = INAMI_TEXT

_LABEL = re.compile(r"Dates?\s+limites?\s*:")
# A deadline ends at the end of its sentence, at the next numbered action, at the next dash
# item or at the "Effets attendus" heading that follows the actions.
_END = re.compile(
    r"\.\s+(?=[A-ZÉÈÀ«]|\d{1,2}\.\s)|\s\d{1,2}\.\s+(?!Effets)[A-ZÉÈ]|;\s+-\s|\s+Effets attendus"
)
# The continuous missions table (art. 36) and the common chapters print rhythms without a label.
_RHYTHMS = re.compile(
    r"\bSemestriel\b(?!s)|\bAnnuel \([^)]*\)|\bTous les 5 ans \([^)]*\)"
    r"|[Pp]our la fin (?:du \w+ trimestre )?de chaque année(?: civile)?"
    r"|d'ici la fin du 1er trimestre \d{4}"
)


def inami_deadlines() -> list[str]:
    """Every deadline text of the INAMI seed, as printed, whitespace made single."""
    flat = re.sub(r"\s+", " ", INAMI.read_text(encoding="utf-8")).replace("’", "'")
    found = []
    for label in _LABEL.finditer(flat):
        tail = flat[label.start() : label.end() + 400]
        end = _END.search(tail, len(label.group()))
        found.append(tail[: end.start() if end else len(tail)].strip())
    found.extend(m.group() for m in _RHYTHMS.finditer(flat))
    return found
