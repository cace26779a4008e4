"""The parties: the State and the institution, their signatories, the seat and the legal basis.

The party block runs from "Entre" / "entre, d'une part" / "Tussen" / "Zwischen" to the words
that close it ("Il est convenu ce qui suit", "wordt overeengekomen wat volgt", "est conclu ...
le contrat suivant", "pour la période du ...") or to the first heading. The State is "l'Etat
belge", "l'Etat fédéral", "de Belgische Staat", "de federale Staat"; the other party is the
institution, named as the text names it. Parties are separated by "et" / "en" on a line of its
own, by "d'une part ... et ... d'autre part" ("enerzijds ... en ... anderzijds"), by their
numbers ("1. ... et 2. ..."), or by "et" before the institution's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotage.reading._passage import Passage
from pilotage.reading._signatures import (
    column_signatories,
    dash_items,
    function_first_signatories,
    item_signatories,
    running_signatories,
)
from pilotage.reading._source import Line

__all__ = ["Parties", "PartyBlock", "read_parties"]


@dataclass
class PartyBlock:
    role: str  # "state" | "institution"
    name: str
    line: Line
    signatories: list[tuple[str, str]] = field(default_factory=list)  # (name, function)
    represented_by: str | None = None  # "le comité de direction": a function, no named person


@dataclass
class Parties:
    blocks: list[PartyBlock]
    region: list[Line]
    seat: str | None = None
    short_name: str | None = None  # "dénommée ci-après « Belgocontrol »"
    legal_basis: list[str] = field(default_factory=list)

    def of(self, role: str) -> PartyBlock | None:
        return next((b for b in self.blocks if b.role == role), None)


_OPEN = re.compile(r"(?:^|[\s,])(?:[Ee]ntre|ENTRE|[Tt]ussen|TUSSEN|[Zz]wischen)\b\s*[,:]?")
_CLOSE = re.compile(
    r"(?:Il )?est convenu ce qui suit|Il a été convenu|[Ee]st conclu\b.{0,200}?suivant\s*:|"
    r"wordt (?:het volgende )?overeengekomen|komen (?:het volgende )?overeen|wordt gesloten|"
    r"wird (?:Folgendes )?vereinbart|pour la période du|voor de periode van",
    re.IGNORECASE,
)
_HEADING = re.compile(
    r"^(?:TITRE|TITEL|CHAPITRE|HOOFDSTUK|KAPITEL|Chapitre|Hoofdstuk|Article\s+1|Artikel\s+1|"
    r"Art\.\s*1|Préambule|Preambule|\d{1,2}\s+[A-ZÀ-Ý])\b"
)
_STATE = re.compile(
    r"(?:l['’]\s*[EÉ]tat(?: belge| fédéral)?|de (?:Belgische|federale) Staat|de Staat|"
    r"(?:der|dem|den) (?:belgischen? |Föderal)?[Ss]taat|(?:L['’]|l['’])ETAT BELGE|BELGISCHE STAAT)",
    re.IGNORECASE,
)
_SEPARATOR_LINE = re.compile(
    r"^(?:et|en|und)\s*,?\s*(?:d['’]autre part|anderzijds|andererseits)?\s*[,:]?$", re.I
)
_PART_MARK = re.compile(
    r"d['’]une part\s*[,;:]?\s*(?:et|,)?\s*|enerzijds\s*[,;:]?\s*(?:en)?\s*|"
    r"einerseits\s*[,;:]?\s*(?:und)?\s*",
    re.IGNORECASE,
)
_OTHER_PART = re.compile(r"\s*,?\s*(?:d['’]autre part|anderzijds|andererseits)\b", re.I)
_NUMBERED = re.compile(r"(?:^|\s)(?:2|II)\\?[.)]\s+(?=\S)")
_INSTITUTION_NOUN = (
    r"Office|Institut|Caisse|Banque|Fonds|Service|Agence|Plate-forme|Rijksdienst|Rijksinstituut|"
    r"Kruispuntbank|Hulpkas|Dienst|Federaal|Federale|Pensioendienst|Landesamt|Landesinstitut"
)
_ET_INSTITUTION = re.compile(
    rf"[\s,;](?:et|en|und)\s*,?\s+(?:d['’]autre part\s*:?\s*)?(?=(?:[-−–•]\s*)?(?:l['’]|la |le |"
    rf"de |het |das |die |der )?(?:{_INSTITUTION_NOUN})\b)"
)
_REPRESENTED = re.compile(r"(?:représentée?|vertegenwoordigd|vertreten)\s+(?:par|door|durch)\b")
_SEAT = re.compile(
    r"(?:ayant son siège(?: social)?(?: à| au)?|dont le siège(?: social)? est (?:établi|situé)"
    r"(?: à)?|met (?:maatschappelijke )?zetel (?:te|in|op)|gevestigd (?:te|in|op)|"
    r"mit Sitz in)\s+(?P<seat>[^,]+,\s*[^,]+(?:,\s*\d{4}\s+[^,]+)?)",
    re.IGNORECASE,
)
_SHORT = re.compile(
    r"(?:dénommée?s? ci-après|ci-après dénommée?s?|hierna(?: genoemd)?|im Folgenden)\s*"
    r"[«\"“]\s*(?P<name>[^»\"”]+?)\s*[»\"”]",
    re.IGNORECASE,
)


def _region(lines: list[Line]) -> tuple[int, int, int] | None:
    """Where the party block is: from its opening word to its closing words (line indexes, and
    where the opening word is on the first line).

    The opening word is the last "Entre" / "Tussen" before the first "représenté par" /
    "vertegenwoordigd door": a title ("contrat de gestion entre l'Etat et ...") comes earlier."""
    head = lines[:600]
    passage = Passage(head)
    text = passage.text
    represented = _REPRESENTED.search(text)
    limit = represented.start() if represented else len(text)
    opens = [
        m for m in _OPEN.finditer(text, 0, limit) if _STATE.search(text, m.end(), m.end() + 120)
    ]
    if opens:
        at = opens[-1].start()
    else:
        # no "Entre": the State named where it is represented ("l'Etat belge, représenté par")
        state = next(
            (
                m
                for m in _STATE.finditer(text)
                if _REPRESENTED.search(text, m.end(), m.end() + 200)
                or _PART_MARK.search(text, m.end(), m.end() + 300)
            ),
            None,
        )
        if state is None:
            return None
        at = state.start()
    close = _CLOSE.search(text, at + 5)
    first = passage.line_at(at)
    start = head.index(first)
    end = min(len(head), start + 150)
    if close is not None:
        last = passage.line_at(close.start())
        end = min(end, head.index(last) + 1)
    skip = at - passage.starts[passage.lines.index(first)]
    for k in range(start + 1, end):
        if _HEADING.match(head[k].text):
            return start, k, skip
    return start, end, skip


def _separator(passage: Passage, after: int) -> tuple[int, int] | None:
    """Where the State's part ends and the institution's begins: (start, end) offsets."""
    for k, line in enumerate(passage.lines):
        if passage.starts[k] >= after and _SEPARATOR_LINE.match(line.text.strip()):
            return passage.starts[k], passage.starts[k] + len(line.text.strip())
    for rx in (_PART_MARK, _NUMBERED, _ET_INSTITUTION):
        match = rx.search(passage.text, after)
        if match:
            return match.start(), match.end()
    return None


def _institution_name(text: str) -> str:
    text = re.sub(r"^[\s,:;−–•-]*(?:et|en|und)?\s*,?\s*(?:d['’]autre part\s*:?)?\s*", "", text)
    text = re.sub(r"^(?:\d+|II)\\?[.)]\s*|^[−–•-]\s*", "", text)
    match = re.match(
        r"(.+?)(?:,|\s+(?:représentée?|vertegenwoordigd|vertreten|ayant son siège|dont le "
        r"siège|met zetel|gevestigd)\b|$)",
        text,
    )
    return (match.group(1) if match else text).strip(" ,;:")


def _signatories_of(text: str, lines: list[Line]) -> list[tuple[str, str]]:
    items = dash_items(lines)
    found = item_signatories(items) if items else []
    if not found:
        found = running_signatories(text)
    if not found:
        found = column_signatories(lines)
    return found


def _represented_by(text: str) -> str | None:
    match = _REPRESENTED.search(text)
    if not match:
        return None
    rest = text[match.end() :].strip(" :")
    stop = re.search(r"\s(?:conformément|overeenkomstig|gemäß)\b|,", rest)
    return (rest[: stop.start()] if stop else rest[:120]).strip() or None


_FOR = re.compile(r"^(?:Pour|Voor|Für)\s+(?P<who>.+?)\s*[:,]?\s*$", re.IGNORECASE)


def _signature_page(
    lines: list[Line],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The signatures at the end: "Pour l'Etat belge :" then "Le Ministre ..., A. DUPONT", then
    "Pour l'Institut :" and its own; without those headings, ministers sign for the State."""
    state: list[tuple[str, str]] = []
    institution: list[tuple[str, str]] = []
    side: str | None = None
    group: list[Line] = []

    def flush() -> None:
        found = function_first_signatories(group)
        if side == "state":
            state.extend(found)
        elif side == "institution":
            institution.extend(found)
        else:
            state.extend(s for s in found if re.search(r"Minist|Secr|Staatssec", s[1]))
            institution.extend(s for s in found if not re.search(r"Minist|Secr|Staatssec", s[1]))

    for line in lines:
        match = _FOR.match(line.text) if len(line.text) < 90 else None
        if match:
            flush()
            group = []
            side = "state" if _STATE.search(match.group("who")) else "institution"
            continue
        group.append(line)
    flush()
    return state, institution


def _lines_between(region: list[Line], first: Line, last: Line) -> list[Line]:
    return [x for x in region if first.number <= x.number <= last.number]


def read_parties(lines: list[Line], closing: list[Line] | None = None) -> Parties:
    """The party block of the preamble; `closing`: the signature page, for names it alone gives."""
    found = _region(lines)
    if found is None:
        return Parties([], [])
    region = lines[found[0] : found[1]]
    passage = Passage(region)
    text = passage.text
    skip = found[2]
    seat = _SEAT.search(text)
    parties = Parties([], region, seat.group("seat").strip() if seat else None)
    state = _STATE.search(text, skip)
    if state is None:
        return parties
    state_line = passage.line_at(state.start())
    split = _separator(passage, state.end())
    if split is None:
        state_text = text[state.start() :]
        signatories = _signatories_of(state_text, _lines_between(region, state_line, region[-1]))
        parties.blocks.append(PartyBlock("state", state.group(0), state_line, signatories))
        return parties
    state_text = text[state.start() : split[0]]
    inst_text = text[split[1] :]
    inst_line = passage.line_at(min(split[1], len(text) - 1))
    sep_line = passage.line_at(split[0])
    state_lines = _lines_between(region, state_line, sep_line)
    if sep_line is not state_line and _SEPARATOR_LINE.match(sep_line.text.strip()):
        state_lines = state_lines[:-1]
    inst_lines = _lines_between(region, inst_line, region[-1])
    short = _SHORT.search(inst_text)
    parties.short_name = short.group("name").strip() if short else None
    inst_text = _OTHER_PART.split(inst_text)[0]
    inst_text = _CLOSE.split(inst_text)[0]
    state_sign = _signatories_of(state_text, state_lines[1:] or state_lines)
    inst_sign = _signatories_of(inst_text, inst_lines[1:] or inst_lines)
    state_sign = [(n, _CLOSE.split(f)[0].strip(" ,;:")) for n, f in state_sign]
    inst_sign = [(n, _CLOSE.split(f)[0].strip(" ,;:")) for n, f in inst_sign]
    if closing and not (state_sign and inst_sign):
        for_state, for_institution = _signature_page(closing)
        state_sign = state_sign or for_state
        inst_sign = inst_sign or for_institution
    parties.blocks.append(
        PartyBlock(
            "state",
            state.group(0),
            state_line,
            state_sign,
            None if state_sign else _represented_by(state_text),
        )
    )
    parties.blocks.append(
        PartyBlock(
            "institution",
            _institution_name(inst_text),
            inst_line,
            inst_sign,
            None if inst_sign else _represented_by(inst_text),
        )
    )
    return parties
