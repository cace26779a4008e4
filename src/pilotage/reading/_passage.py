"""Running text over lines: paragraphs and sentences that remember the line each word is on.

A Word export wraps a paragraph over several lines and separates paragraphs with a blank line;
a consolidated text (Justel, the Moniteur belge) prints one paragraph a line. `paragraphs`
tells the two apart; `Passage` joins a paragraph's lines into one text and maps every offset
back to its line, so that a fact read in a sentence keeps its provenance.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field

from pilotage.reading._source import Line

__all__ = ["Passage", "Sentence", "one_paragraph_a_line", "paragraphs"]

_SPACES = re.compile(r"\s+")


@dataclass
class Passage:
    """Lines joined into one text; `line_at(offset)` is the line a character was printed on."""

    lines: list[Line]
    text: str = ""
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts: list[str] = []
        size = 0
        for line in self.lines:
            piece = _SPACES.sub(" ", line.text).strip()
            if not piece:
                continue
            glue = ""
            if parts:
                # "titres-" + "services": a compound split at the line end keeps its hyphen
                glue = "" if parts[-1].endswith("-") and piece[:1].islower() else " "
            self.starts.append(size + len(glue))
            parts.append(glue + piece)
            size += len(glue) + len(piece)
        self.text = "".join(parts)
        self.lines = [x for x in self.lines if _SPACES.sub(" ", x.text).strip()]

    def line_at(self, offset: int) -> Line:
        k = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[max(0, k)]

    def sentences(self) -> Iterator[Sentence]:
        for start, end in _sentence_spans(self.text):
            yield Sentence(self.text[start:end], self.line_at(start), self, start)


@dataclass
class Sentence:
    """One sentence of a passage, with the line it starts on."""

    text: str
    line: Line
    passage: Passage
    offset: int

    def line_of(self, position: int) -> Line:
        """The line of a position inside this sentence."""
        return self.passage.line_at(self.offset + position)

    @property
    def numbers(self) -> set[int]:
        """The numbers of the lines this sentence is printed on."""
        first = self.line.number
        last = self.line_of(max(0, len(self.text) - 1)).number
        return {x.number for x in self.passage.lines if first <= x.number <= last}


# No sentence ends after an abbreviation, an initial or a number's dot ("Art. 5", "A. DUPONT",
# "n° 3", "0.13", "1er.").
_NO_END = re.compile(
    r"(?:\b(?:art|Art|arts|n|nr|no|p|pp|blz|M|MM|Mme|Mr|Dr|St|cf|al|resp|etc|vol|ca|c\.-à-d|"
    r"e\.a|o\.a|i\.e|e\.g|z\.o|bijv|vb|enz|Ch|sect|par|§)\.|\b[A-ZÀ-Ý]\.)$"
)
_END = re.compile(r"[.;!?](?=\s+[«\"(\[A-ZÀ-Ý0-9§-])|[.!?]$")


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if _NO_END.search(text[start:end]):
            continue
        if text[end - 1] == ";" and end - start < 40:
            continue  # a short item of a list, kept with the next one
        if text[start:end].strip():
            yield start, end
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    if text[start:].strip():
        yield start, len(text)


_CLOSED = re.compile(r"[.;:!?»\"”)]\s*$")


def _runs_on(a: Line, b: Line) -> bool:
    """Does line `b` carry on the sentence of line `a` (a wrapped paragraph)?"""
    return not a.blank and not b.blank and not _CLOSED.search(a.text) and b.text[:1].islower()


def one_paragraph_a_line(lines: list[Line]) -> bool:
    """A consolidated text prints one paragraph a line; a Word export wraps its paragraphs
    (lines that stop mid-sentence and go on, in lower case, on the next one)."""
    full = [x for x in lines if not x.blank]
    if not full:
        return True
    wrapped = sum(1 for a, b in itertools.pairwise(lines) if _runs_on(a, b))
    return wrapped < 0.1 * len(full) and statistics.median(len(x.text) for x in full) > 20


def paragraphs(lines: list[Line], per_line: bool | None = None) -> list[Passage]:
    """The paragraphs of `lines`: blank-separated runs, or each line when lines are paragraphs."""
    if per_line is None:
        per_line = one_paragraph_a_line(lines)
    if per_line:
        return [Passage([x]) for x in lines if not x.blank]
    out: list[Passage] = []
    run: list[Line] = []
    for line in lines:
        if line.blank:
            if run:
                out.append(Passage(run))
                run = []
            continue
        if run and _CLOSED.search(run[-1].text) and not line.text[:1].islower():
            out.append(Passage(run))  # a sentence ends with its line, the next one starts anew
            run = []
        run.append(line)
    if run:
        out.append(Passage(run))
    return out
