"""The structure of a contract in the form of the Moniteur belge, in French, Dutch and German.

    TITRE II / TITEL II / TITEL II            CHAPITRE III. / HOOFDSTUK 3. / KAPITEL 3
    Section 1re. / Afdeling 1. / Abschnitt 1   Sous-section 2. / Onderafdeling 2.
    Art. 12. / Art. 25/1. / Article 1er. Définitions / Artikel 4 / Art. 12bis
    § 1er. / § 2.  (paragraphs)     1° / 2° (items)

Headings nest by level; an article belongs to the innermost heading above it. A heading's
title may carry the consolidated text's markers ("[1 - Transition énergétique]1"); they are
taken out. An article printed twice (a consolidated text repeats a passage) is kept once, the
second print reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotage.reading._source import Line

__all__ = ["ArticleUnit", "HeadingUnit", "Structure", "heading_of", "read_structure"]

_ORDINAL = r"(?:er|re|e|ste|de)?"
_ROMAN = r"[IVXLC]+"
_SUFFIX = r"(?:bis|ter|quater|quinquies|quinque|sexies|septies|octies|novies|decies)?"
_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^(?P<word>TITRE|Titre|TITEL|Titel)\s+(?P<n>{_ROMAN}|\d+){_ORDINAL}"
                   rf"(?P<suffix>{_SUFFIX})(?![\w])\s*(?P<rest>.*)$")),
    (2, re.compile(rf"^(?P<word>CHAPITRE|Chapitre|HOOFDSTUK|Hoofdstuk|KAPITEL|Kapitel)\s+"
                   rf"(?P<n>{_ROMAN}|\d+){_ORDINAL}(?P<suffix>{_SUFFIX})(?![\w])\s*(?P<rest>.*)$")),
    (3, re.compile(rf"^(?P<word>SECTION|Section|AFDELING|Afdeling|ABSCHNITT|Abschnitt)\s+"
                   rf"(?P<n>\d+|{_ROMAN}){_ORDINAL}(?P<suffix>{_SUFFIX})(?![\w])\s*(?P<rest>.*)$")),
    (4, re.compile(rf"^(?P<word>SOUS-SECTION|Sous-section|ONDERAFDELING|Onderafdeling|"
                   rf"UNTERABSCHNITT|Unterabschnitt)\s+(?P<n>\d+|{_ROMAN}){_ORDINAL}"
                   rf"(?P<suffix>{_SUFFIX})(?![\w])\s*(?P<rest>.*)$")),
]  # fmt: skip
ARTICLE = re.compile(
    r"^(?:Art(?:icle|ikel)?\.?|ART(?:ICLE|IKEL)?\.?)\s*(?P<n>\d{1,3}(?:[./]\d{1,2})?)"
    rf"(?:er|re|ste)?(?P<suffix>{_SUFFIX})\.?(?![\w/])\s*(?P<rest>.*)$"
)
# "Art. 3 de la loi du ..." or "Artikel 5 van het besluit" opens a sentence, not an article
_CITATION = re.compile(r"^(?:,|de la|de l['’]|du|des|van de|van het|der|des|bis|à|tot)\b", re.I)
_MARKERS = re.compile(r"\[\d+\s*\\?-?\s*(?P<text>.*?)\]\d+")
_SEPARATOR = re.compile(r"^\s*(?:[.:\-–—]+\s*)+")


def clean_title(text: str) -> str:
    """ "[1 - Transition énergétique]1" -> "Transition énergétique"; separators dropped."""
    text = _MARKERS.sub(lambda m: m.group("text"), text)
    text = _SEPARATOR.sub("", text)
    return text.strip(" .:-–")


@dataclass
class HeadingUnit:
    level: int
    word: str  # as printed: "CHAPITRE", "Afdeling"
    number: str  # "III", "1", "VIIIbis"
    title: str
    line: Line
    path: str = ""  # "CHAPITRE III, Section 1" (unique within the document)
    titles: list[str] = field(default_factory=list)  # its own title and its parents'

    @property
    def label(self) -> str:
        return f"{self.word} {self.number}"


@dataclass
class ArticleUnit:
    number: str  # "12", "25/1", "12bis"
    title: str | None  # "Définitions" when the article has a title of its own
    line: Line
    lines: list[Line] = field(default_factory=list)  # its text, the heading line included
    heading: HeadingUnit | None = None
    printed_twice: Line | None = None
    bare: bool = False  # "Article 75" alone on its line: a heading, its text follows

    @property
    def text_lines(self) -> list[Line]:
        return self.lines


@dataclass
class Structure:
    headings: list[HeadingUnit]
    articles: list[ArticleUnit]
    repeats: list[ArticleUnit]  # articles printed a second time, not kept

    def heading_at(self, line: Line) -> HeadingUnit | None:
        return heading_of(self.headings, line)


def heading_of(headings: list[HeadingUnit], line: Line) -> HeadingUnit | None:
    """The innermost heading printed before `line`."""
    found = None
    for h in headings:
        if h.line.number <= line.number:
            found = h
        else:
            break
    return found


def _heading(line: Line) -> HeadingUnit | None:
    for level, rx in _LEVELS:
        match = rx.match(line.text)
        if match:
            rest = match.group("rest")
            if rest and rest[:1].islower() and not rest.startswith(("er", "re")):
                return None  # "chapitre premier de la loi ..." in running text
            number = match.group("n") + (match.group("suffix") or "")
            return HeadingUnit(level, match.group("word"), number, clean_title(rest), line)
    return None


def _article_title(rest: str) -> tuple[str | None, str]:
    """ "Définitions" is a title; "Le présent contrat ..." is the article's first sentence."""
    rest = rest.strip()
    if not rest:
        return None, ""
    if rest.startswith("§") or len(rest) > 90 or re.search(r"[.;:]\s+\S|[.:;]$", rest):
        return None, rest
    if re.search(r"\b(?:est|sont|doit|peut|zal|wordt|is|zijn|ist|wird|s'engage)\b", rest):
        return None, rest
    if re.search(r"\b(?:de|du|des|la|le|les|et|à|van|het|een|en|op|der|und|von)$", rest):
        return None, rest  # it runs on: "... na ontvangst van het"
    return rest.rstrip(". "), ""


def _continues(heading: HeadingUnit, line: Line, before: Line) -> bool:
    """A long heading wraps onto the next line (a Word export): that line ends its title."""
    return (
        before is heading.line
        and not line.blank
        and len(heading.line.text) >= 60
        and _heading(line) is None
        and not ARTICLE.match(line.text)
        and len(line.text) <= 90
    )


def read_structure(lines: list[Line]) -> Structure:
    headings: list[HeadingUnit] = []
    articles: list[ArticleUnit] = []
    repeats: list[ArticleUnit] = []
    open_path: dict[int, HeadingUnit] = {}
    seen: dict[str, ArticleUnit] = {}
    current: ArticleUnit | None = None
    previous: HeadingUnit | None = None
    for k, line in enumerate(lines):
        if previous is not None and _continues(previous, line, lines[k - 1]):
            previous.title = clean_title(f"{previous.title} {line.text}")
            previous.titles[-1] = previous.title
            previous = None
            continue
        previous = None
        if line.blank:
            if current is not None:
                current.lines.append(line)
            continue
        heading = _heading(line)
        if heading is not None:
            for level in [lv for lv in open_path if lv >= heading.level]:
                del open_path[level]
            open_path[heading.level] = heading
            heading.path = ", ".join(open_path[lv].label for lv in sorted(open_path))
            heading.titles = [open_path[lv].title for lv in sorted(open_path)]
            headings.append(heading)
            current = None
            previous = heading
            continue
        match = ARTICLE.match(line.text)
        if match and not _CITATION.match(match.group("rest")):
            number = match.group("n") + (match.group("suffix") or "")
            title, _ = _article_title(match.group("rest"))
            after = lines[k + 1] if k + 1 < len(lines) else None
            if title and after is not None and not after.blank and after.text[:1].islower():
                title = None  # a sentence wrapped onto the next line, not a title
            only_title = (
                current is not None
                and (current.title is not None or current.bare)
                and all(x.blank for x in current.lines[1:])
            )
            if current is not None and current.number == number and only_title:
                # "Article 38 - Cadre juridique" then "Article 38. Le choix ...": one article
                current.lines.append(line)
                continue
            unit = ArticleUnit(number, title, line, [line], heading_of(headings, line))
            unit.bare = not match.group("rest").strip()
            if number in seen:
                unit.printed_twice = seen[number].line
                repeats.append(unit)
            else:
                seen[number] = unit
                articles.append(unit)
            current = unit
            continue
        if current is not None:
            current.lines.append(line)
    paths: dict[str, int] = {}
    for h in headings:
        paths[h.path] = paths.get(h.path, 0) + 1
        if paths[h.path] > 1:
            h.path = f"{h.path} [{paths[h.path]}]"
    return Structure(headings, articles, repeats)
