"""The approving royal decree wrapped around a contract published in the Moniteur belge.

    16 DECEMBRE 2022. - Arrêté royal portant approbation du ... contrat de gestion ...
    PHILIPPE, Roi des Belges, ... Vu ... Nous avons arrêté et arrêtons :
    Art. 1er. Le contrat ... annexé au présent arrêté, est approuvé.
    Art. 3. Le présent arrêté ... produit ses effets le 1er janvier 2023.
    Art. 4. Le ministre ... est chargé de l'exécution du présent arrêté.
    <the contract>
    Vu pour être annexé à Notre arrêté du 16 décembre 2022. PHILIPPE Par le Roi : ...

(NL "FILIP, Koning der Belgen", "Hebben Wij besloten en besluiten Wij", "Dit besluit treedt in
werking op", "belast met de uitvoering van dit besluit", "Gezien om gevoegd te worden bij Ons
besluit van"). The decree's own articles are not the contract's: they are cut out, and what
they say about the contract (its entry into force) is kept. A title that begins with a date
("12 MARS 2009. - ...") is the document's title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pilotage.reading._dates import MONTHS, find_dates
from pilotage.reading._source import Line

__all__ = ["DATED_TITLE", "Decree", "read_decree"]

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATED_TITLE = re.compile(
    rf"^(?P<date>\d{{1,2}}(?:er|re|e)?\.?\s+(?:{_MONTH})\s+(?:19|20)\d{{2}})\s*\.?\s*[-–—]+\s*"
    r"(?P<title>\S.*)$",
    re.IGNORECASE,
)
_KING = re.compile(
    r"\b(?:Roi des Belges|Koning der Belgen|König der Belgier)\b|^(?:ALBERT II|PHILIPPE|FILIP|"
    r"BAUDOUIN|PHILIPP)\s*,",
    re.IGNORECASE,
)
_ENACTING = re.compile(
    r"Nous avons arrêté et arrêtons|Hebben Wij besloten en besluiten Wij|Wij hebben besloten en "
    r"besluiten Wij|Haben Wir beschlossen und erlassen Wir",
    re.IGNORECASE,
)
_EXECUTION = re.compile(
    r"chargés? de l['’]exécution du présent arrêté\s*\.?|belast met de uitvoering van dit "
    r"besluit\s*\.?|mit der Ausführung des vorliegenden Erlasses beauftragt\s*\.?",
    re.IGNORECASE,
)
_GIVEN = re.compile(
    r"^(?:Donné à|Gegeven te|Gegeben zu|Par le Roi|Van Koningswege|Von Königs wegen)\b", re.I
)
_ANNEXED = re.compile(
    r"^(?:Vu pour être annexé|Gezien om (?:gevoegd|te worden gevoegd)|Gesehen, um Unserem)",
    re.IGNORECASE,
)
_EFFECT = re.compile(
    r"(?:produi(?:t|sent) (?:ses|leurs) effets|entre(?:nt)? en vigueur|prend(?:ent)? cours|"
    r"treedt in werking|treden in werking|heeft uitwerking|hebben uitwerking|"
    r"tritt in Kraft|treten in Kraft|wird wirksam)(?P<rest>[^.;]*)",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:Art(?:icle|ikel)?\.?)\s*\d", re.IGNORECASE)


@dataclass
class Decree:
    """The decree around the contract, or only the document's dated title when there is none."""

    title: str | None = None
    title_line: Line | None = None
    date: dt.date | None = None  # the date the title begins with
    present: bool = False  # an approving royal decree wraps the contract
    effective: dt.date | None = None
    effective_line: Line | None = None
    effective_printed: str | None = None
    lines: list[Line] = field(default_factory=list)  # the decree's own lines
    ends_at: int = 0  # the line where the decree's enacting part ends and the contract begins


def _effective(lines: list[Line]) -> tuple[dt.date, Line, str] | None:
    """The day the decree (and the annexed contract) takes effect, as its article says."""
    for line in lines:
        for match in _EFFECT.finditer(line.text):
            dates = [d for d in find_dates(match.group("rest")) if d.date]
            if dates:
                return dates[0].date, line, match.group(0).strip()  # type: ignore[return-value]
    return None


def read_decree(lines: list[Line]) -> tuple[Decree, list[Line]]:
    """The decree (or dated title) and the lines of the contract itself."""
    decree = Decree()
    head = [(i, x) for i, x in enumerate(lines[:40]) if not x.blank]
    for _, line in head[:6]:
        match = DATED_TITLE.match(line.text)
        if match:
            found = find_dates(match.group("date"))
            decree.title = match.group("title").strip()
            decree.title_line = line
            decree.date = found[0].date if found else None
            break
    king = next((i for i, x in enumerate(lines[:80]) if _KING.search(x.text)), None)
    enacting = next((i for i, x in enumerate(lines[:200]) if _ENACTING.search(x.text)), None)
    if king is None and enacting is None:
        return decree, lines
    start = king if king is not None else enacting
    assert start is not None
    end = None
    for i in range((enacting or start), min(len(lines), (enacting or start) + 80)):
        if _EXECUTION.search(lines[i].text):
            end = i
            break
    if end is None:
        # no closing article: the decree runs to its last article before the contract's title
        after = (enacting or start) + 1
        while after < len(lines) and (lines[after].blank or _ARTICLE.match(lines[after].text)):
            after += 1
        end = after - 1
    decree.present = True
    own = lines[start : end + 1]
    rest: list[Line] = []
    last = lines[end]
    split = _EXECUTION.search(last.text)
    if split and last.text[split.end() :].strip():
        # the export glued the contract's first words to the decree's last article
        tail = last.text[split.end() :].strip()
        own = [*own[:-1], Line(last.number, last.text[: split.end()].strip(), last.page, last.raw)]
        rest.append(Line(last.number, tail, last.page, last.raw))
    after = end + 1
    while after < len(lines) and (lines[after].blank or _GIVEN.match(lines[after].text)):
        own.append(lines[after])
        after += 1
    body = lines[:start] + rest + lines[after:]
    closing = next((k for k, x in enumerate(body) if _ANNEXED.match(x.text)), None)
    if closing is not None:
        own += body[closing:]
        body = body[:closing]
    decree.lines = own
    decree.ends_at = last.number
    effect = _effective(own)
    if effect:
        decree.effective, decree.effective_line, decree.effective_printed = effect
    return decree, body
