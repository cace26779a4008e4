"""The document model of a report pack, which the DOCX and PDF renderers print.

A builder (the quarterly dashboard, the annual evaluation) says *what* a document holds; the
renderers say how it looks in Word and in a PDF. A `Document` is:

    Document
    ├── TitlePage        title, subtitle, the facts of the cover (contract, period, versions)
    ├── Section ...      a heading (level 1, 2, 3: the table of contents lists them) and blocks:
    │   ├── Paragraph    text, with its footnotes
    │   ├── FigureTable  a caption, headers, rows of `Text` cells, the source it cites
    │   ├── Chart        a static drawing (SVG; the DOCX renderer embeds a PNG of it)
    │   ├── SideBySide   two `Position`s printed in two columns (a contradictory report:
    │   │                the institution's and the commissioners' points of view)
    │   └── Section ...  sub-sections
    └── Citation ...     the versions cited (contract version, result sets), listed at the end

Footnotes are values: the same `Footnote` cited twice is one note, numbered by its first
citation in reading order (`Document.footnote_numbers`); both renderers write the first
citation as a real footnote and the later ones as a reference to its number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = [
    "Block",
    "Chart",
    "Citation",
    "Document",
    "FigureTable",
    "Footnote",
    "Heading",
    "Paragraph",
    "Position",
    "Section",
    "SideBySide",
    "Text",
    "TitlePage",
]


@dataclass(frozen=True)
class Footnote:
    text: str


@dataclass(frozen=True)
class Text:
    """A run of text (a table cell, a line), followed by the calls of its footnotes."""

    text: str
    notes: tuple[Footnote, ...] = ()
    strong: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    notes: tuple[Footnote, ...] = ()
    style: str = "body"  # "body", "small" (a source line) or "banner" (demonstration data)


@dataclass(frozen=True)
class FigureTable:
    """A table of figures; `numeric` columns are aligned right, `widths` are relative."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    source: str | None = None  # the published version its figures come from, cited under it
    numeric: frozenset[int] = frozenset()
    widths: tuple[float, ...] | None = None

    def texts(self) -> list[list[str]]:
        """The cells' texts without footnote calls (what the tests read back)."""
        return [[cell.text for cell in row] for row in self.rows]


@dataclass(frozen=True)
class Chart:
    """A drawing: `svg` is a complete SVG document, `caption` says what it shows."""

    title: str
    svg: str
    caption: str
    source: str | None = None


@dataclass(frozen=True)
class Position:
    """One party's point of view: who holds it, what it says, why, and who wrote it."""

    party: str
    text: str
    motivation: str = ""
    author: str = ""


@dataclass(frozen=True)
class SideBySide:
    """Two positions printed side by side (art. 47: both points of view where no agreement)."""

    caption: str
    left: Position
    right: Position
    labels: tuple[str, str] = ("", "")  # the words for "Motivation" and "Author"


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = ()
    anchor: str = ""  # an id for the table of contents (made from the position when empty)


Block = Paragraph | FigureTable | Chart | SideBySide | Section
Heading = tuple[int, Section, str]  # level (1 at the top), section, anchor


@dataclass(frozen=True)
class Citation:
    """A version the document cites: what it is ("Published result set") and which one."""

    label: str
    text: str


@dataclass(frozen=True)
class TitlePage:
    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()  # (label, value) printed under the title
    banner: str | None = None  # printed in a frame on the cover (demonstration data)


@dataclass(frozen=True)
class Document:
    """A whole pack: its language, cover, sections and the versions it cites."""

    language: str
    title_page: TitlePage
    sections: tuple[Section, ...]
    citations: tuple[Citation, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    # labels: "contents", "citations", "page", "toc_hint" in the document's language

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def headings(self) -> Iterator[Heading]:
        """Every section in reading order: (level, section, anchor), level 1 at the top."""

        def walk(sections: tuple[Section, ...], level: int, prefix: str) -> Iterator[Heading]:
            for i, section in enumerate(sections, start=1):
                anchor = re.sub(r"[^A-Za-z0-9_-]+", "-", section.anchor) or f"s{prefix}{i}"
                yield level, section, anchor
                subs = tuple(b for b in section.blocks if isinstance(b, Section))
                yield from walk(subs, level + 1, f"{prefix}{i}-")

        yield from walk(self.sections, 1, "")

    def footnote_numbers(self) -> dict[Footnote, int]:
        """The number of every footnote: by its first citation in reading order, from 1."""
        numbers: dict[Footnote, int] = {}

        def cite(notes: tuple[Footnote, ...]) -> None:
            for note in notes:
                numbers.setdefault(note, len(numbers) + 1)

        def blocks(items: tuple[Block, ...]) -> None:
            for block in items:
                if isinstance(block, Paragraph):
                    cite(block.notes)
                elif isinstance(block, FigureTable):
                    for row in block.rows:
                        for cell in row:
                            cite(cell.notes)
                elif isinstance(block, Section):
                    blocks(block.blocks)

        blocks(self.sections)
        return numbers

    def tables(self) -> Iterator[FigureTable]:
        """Every table, in reading order."""

        def walk(items: tuple[Block, ...]) -> Iterator[FigureTable]:
            for block in items:
                if isinstance(block, FigureTable):
                    yield block
                elif isinstance(block, Section):
                    yield from walk(block.blocks)

        yield from walk(self.sections)
