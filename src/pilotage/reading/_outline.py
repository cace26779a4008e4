"""The outline of a document: numbered chapters with their lineage remarks, and footnotes.

Footnotes are taken out of the running text (so that a footnote printed between two table rows
does not leak into a cell) and kept with their number, text and language. A chapter number is
accepted only where it can follow the current chapter (2.1.5 -> 2.1.6, 2.1.5.1, 2.2 or 3), which
tells "3 Tâches de support" (a chapter) from "3 Gezien de toegenomen ..." (a footnote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotage.reading._decree import DATED_TITLE
from pilotage.reading._source import Line, Source, join_lines

__all__ = [
    "Footnote",
    "Heading",
    "Outline",
    "Remark",
    "language_of",
    "read_outline",
    "ref_between",
]


@dataclass
class Footnote:
    number: str
    text: str
    line: Line
    language: str = "fr"


@dataclass
class Remark:
    """A lineage remark as printed under a heading ("Voir chapitre 3.1.1 dans CA 2016-2018.")."""

    printed: str
    line: Line


@dataclass
class Heading:
    number: str
    title: str
    line: Line
    refs: list[str] = field(default_factory=list)  # footnote numbers glued to the title
    remarks: list[Remark] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)  # the chapter's own lines, sub-chapters apart


@dataclass
class Outline:
    body: list[Line]
    footnotes: dict[str, Footnote]
    headings: list[Heading]
    chapter_of: dict[int, str]  # line number -> number of the chapter it belongs to

    def heading(self, number: str) -> Heading | None:
        return next((h for h in self.headings if h.number == number), None)


_NUMBER_FIRST = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\s+([A-ZÀ-Ý«\"'].*)$")
# "1. Missions", "2.3. Objectifs": a dotted number, read only when a document numbers its
# chapters so (the seeds' lists "1. « Institut »" and actions "1. Création ..." are not chapters)
_DOTTED_FIRST = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.\s+([A-ZÀ-Ý][^.:;]*)$")
_NUMBER_LAST = re.compile(r"^(\S.*?)\s+(\d{1,2}(?:\.\d{1,2})+)$")
_FOOTNOTE = re.compile(r"^(\d{1,2})\s*([A-Za-zÀ-ÿ«\"'(].*)$")
_REMARK_START = re.compile(
    r"^(Voir chapitres?|Nouveau chapitre|Nouvelle tâche|Nouvel objectif|Nouveaux objectifs|"
    r"Texte adapté|Complément|Adaptation|Ajout|Chapitre séparé|Normalisation adaptée|"
    r"Intégration|Lien avec|La tâche clé initiale|L'action spéciale|Les chapitres \d|"
    r"Zie hoofdstuk|Nieuw hoofdstuk|Nieuwe kerntaak|Nieuwe doelstelling|Aangepaste tekst|"
    r"Tekst aangepast|Aanvulling|Aanpassing|Toevoeging|Afzonderlijk hoofdstuk|Integratie|"
    r"Link met|Verband met|De oorspronkelijke kerntaak|De hoofdstukken \d)",
    re.IGNORECASE,
)
_STRUCTURE = re.compile(
    r"^(TC Description|KT Omschrijving|Tâche clé|Kerntaak|Objectif\(s\)|Operationele doelstelling"
    r"|Indicateur\(s\)|Indicator|Article \d|Artikel \d|TITRE [IVXLC]+|TITEL [IVXLC]+)"
)
_GLUED_REF = re.compile(r"(?<=[^\s\d])(\d{1,2})$")

_FR = {"le", "la", "les", "des", "du", "et", "est", "une", "pour", "dans", "sur", "qui", "au"}
_NL = {"het", "van", "een", "en", "met", "zal", "werd", "voor", "op", "die", "niet", "te"}


def language_of(text: str) -> str:
    """ "fr" or "nl" by counting function words; the French text's footnotes may be Dutch."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(w in _FR for w in words)
    nl = sum(w in _NL for w in words)
    return "nl" if nl > fr else "fr"


def _successors(current: str | None) -> set[str]:
    if current is None:
        return {"1"}
    parts = [int(p) for p in current.split(".")]
    out = {".".join(map(str, [*parts, 1]))}
    for k in range(len(parts)):
        out.add(".".join(map(str, [*parts[:k], parts[k] + 1])))
    return out


def _separator(raw_before: list[Line]) -> bool:
    """A whitespace-only line of two spaces or more: the footnote rule of a Word export."""
    return any(not x.text and len(x.raw) >= 2 and not x.raw.strip() for x in raw_before)


def _is_heading(line: Line, current: str | None, dotted: bool = False) -> tuple[str, str] | None:
    text = line.text
    if dotted:
        found = _DOTTED_FIRST.match(text)
        if found and found.group(1) in _successors(current) and len(found.group(2)) <= 90:
            return found.group(1), found.group(2).strip()
    match = _NUMBER_FIRST.match(text)
    if (
        match
        and match.group(1) in _successors(current)
        and len(match.group(2)) <= (100 if "." in match.group(1) else 60)
        and not match.group(2)[0].isdigit()
    ):
        return match.group(1), match.group(2)
    match = _NUMBER_LAST.match(text)
    if match and match.group(2) in _successors(current) and len(match.group(1)) <= 100:
        return match.group(2), match.group(1)
    return None


def read_outline(source: Source, dotted: bool = False) -> Outline:
    """Chapters and footnotes; `dotted`: chapters are numbered "1." and "1.2." too."""
    lines = source.lines
    body: list[Line] = []
    footnotes: dict[str, Footnote] = {}
    headings: list[Heading] = []
    chapter_of: dict[int, str] = {}
    current: str | None = None
    expected = 1
    note: tuple[str, list[Line]] | None = None
    i = 0

    def close_note() -> None:
        nonlocal note
        if note is not None:
            number, note_lines = note
            text = join_lines(x.text for x in note_lines)
            text = re.sub(r"^\d{1,2}\s*", "", text)
            footnotes[number] = Footnote(number, text, note_lines[0], language_of(text))
            note = None

    while i < len(lines):
        line = lines[i]
        heading = None if line.blank else _is_heading(line, current, dotted)
        fmatch = _FOOTNOTE.match(line.text)
        separated = _separator(lines[max(0, i - 3) : i])
        note_number = int(fmatch.group(1)) if fmatch else 0
        # footnotes are numbered in order; an excerpt may start after footnote 1
        # (a PDF loses the whitespace line of the footnote rule: a long line then suffices)
        jump = (separated or note is not None or len(line.text) >= 80) and bool(
            fmatch and fmatch.group(2)[:1].isupper()
        )
        in_order = note_number == expected or (jump and expected < note_number <= expected + 20)
        is_note = bool(
            fmatch
            and in_order
            and not DATED_TITLE.match(line.text)  # "12 MARS 2009. - ..." is a title
            and (note is not None or separated or len(line.text) >= 60)
            and not (heading and len(heading[1]) <= 70 and heading[0] == fmatch.group(1))
            and not _STRUCTURE.match(line.text)
        )
        if is_note and fmatch:
            close_note()
            note = (fmatch.group(1), [line])
            expected = int(fmatch.group(1)) + 1
            i += 1
            continue
        if note is not None:
            if line.blank or heading or _STRUCTURE.match(line.text):
                close_note()
            else:
                note[1].append(line)
                i += 1
                continue
        if heading:
            number, title = heading
            j = i + 1
            title_lines = [title]
            while (
                j < len(lines)
                and not lines[j].blank
                and len(" ".join(title_lines)) >= 45
                and len(lines[j].text) <= 70
                and len(title_lines) < 3
                and not _REMARK_START.match(lines[j].text)
                and not _STRUCTURE.match(lines[j].text)
                and not _is_heading(lines[j], number, dotted)
            ):
                title_lines.append(lines[j].text)
                j += 1
            current = number
            headings.append(Heading(number, join_lines(title_lines), line))
            for k in range(i, j):
                chapter_of[lines[k].number] = number
            i = j
            continue
        if current is not None:
            chapter_of[line.number] = current
        body.append(line)
        if headings:
            headings[-1].body.append(line)
        i += 1
    close_note()
    for h in headings:
        match = _GLUED_REF.search(h.title)
        if match and ref_between(footnotes, match.group(1), h.line.number):
            h.refs.append(match.group(1))
            h.title = h.title[: match.start()].rstrip()
        h.remarks = _remarks(h.body)
    return Outline(body, footnotes, headings, chapter_of)


def ref_between(footnotes: dict[str, Footnote], number: str, line: int) -> bool:
    """Can `number`, glued to text on `line`, call a footnote? The footnote is printed after its
    call, at the foot of the page ("A1" after footnote 1 is a code, not a call)."""
    note = footnotes.get(number)
    return note is not None and line <= note.line.number <= line + 150


def _remarks(body: list[Line]) -> list[Remark]:
    """The lineage remarks at the top of a chapter, each joined over its wrapped lines."""
    out: list[Remark] = []
    open_remark: list[Line] | None = None
    for line in body:
        if line.blank:
            continue
        if open_remark is not None and not join_lines(x.text for x in open_remark).endswith("."):
            open_remark.append(line)
            continue
        if _REMARK_START.match(line.text):
            open_remark = [line]
            out.append(Remark("", line))
            continue
        if out and open_remark is not None:
            break
        if not out:
            break
    # fill texts (a remark's lines are contiguous in `body` up to its closing period)
    filled: list[Remark] = []
    for remark in out:
        start = body.index(remark.line)
        parts: list[str] = []
        for line in body[start:]:
            if line.blank:
                continue
            parts.append(line.text)
            if join_lines(parts).endswith("."):
                break
        filled.append(Remark(join_lines(parts), remark.line))
    return filled
