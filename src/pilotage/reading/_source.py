"""Source normalisation: a document as numbered lines with their page, running headers removed.

Text (as the seeds), PDF (pdfplumber) and DOCX (python-docx) all become the same `Source`: one
`Line` per printed line, with its 1-based line number in the extracted text and its page when the
format tells it. Running headers and footers ("Une administration moderne, un service de qualité
Page 25/65", "INAMI/BO-CA_4 BO_Final_130222_versie 2_FR.doc 18/120") are dropped but give the
page number; soft hyphens and non-breaking spaces are normalised.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pilotage.contract import Source as Provenance
from pilotage.errors import DocumentReadError

__all__ = [
    "DocumentReadError",
    "Line",
    "Source",
    "join_lines",
    "load_source",
    "provenance",
    "source_from_text",
]


@dataclass(frozen=True)
class Line:
    """One printed line: `number` is 1-based in the extracted text, `page` when known."""

    number: int
    text: str
    page: int | None = None
    raw: str = ""

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class Source:
    """The normalised lines of a document, running headers and footers removed."""

    name: str
    lines: list[Line]
    dropped: list[Line] = field(default_factory=list)

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)


# "... Page 25/65" or "<file name>.doc   18/120": a running footer that gives the page.
_FOOTER = re.compile(r"(?:\bPage\s+(\d+)\s*/\s*\d+|\.docx?\s+(\d+)\s*/\s*\d+)\s*$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def provenance(line: Line | None, chapter: str | None = None) -> Provenance | None:
    """The contract's `source: {line, page, chapter}` for an element read from `line`."""
    if line is None:
        return None
    return Provenance(line=line.number, page=line.page, chapter=chapter)


_ESCAPED = re.compile(r"\\([.\-+*_#()\[\]])")


def _clean(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\u202f", " ")
    text = _ESCAPED.sub(r"\1", text)  # "1\. l'Etat belge": a Markdown export's escapes
    text = "".join(ch for ch in text if not ("\ue000" <= ch <= "\uf8ff"))  # Word symbol bullets
    return text.rstrip()


def join_lines(texts: Iterable[str]) -> str:
    """Join wrapped lines into one text: whitespace collapsed, hyphenated words kept whole."""
    out = ""
    for text in texts:
        piece = _SPACES.sub(" ", text).strip()
        if not piece:
            continue
        if out.endswith("-") and not out.endswith(" -") and piece[:1].islower():
            out += piece  # "titres-" + "services": a compound split at the line end
        else:
            out = f"{out} {piece}" if out else piece
    return out


def _pages_from_footers(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Drop running footers ("... Page 25/65"); they give the page of the lines between two
    consecutive footers (24/65 then 25/65: the lines between are on page 25). Elsewhere the page
    stays unknown rather than guessed, when the export lost some footers."""
    footers: list[tuple[int, int]] = []  # (index in lines, page number)
    for i, line in enumerate(lines):
        match = _FOOTER.search(line.text)
        if match and len(line.text) < 140:
            footers.append((i, int(match.group(1) or match.group(2))))
    pages: dict[int, int] = {}
    for (i, before), (j, page) in itertools.pairwise(footers):
        if page == before + 1:
            pages |= dict.fromkeys(range(i + 1, j), page)
    dropped_at = {i for i, _ in footers}
    kept = [
        Line(x.number, x.text, x.page or pages.get(i), x.raw)
        for i, x in enumerate(lines)
        if i not in dropped_at
    ]
    return kept, [lines[i] for i in sorted(dropped_at)]


def _repeated_margins(lines: list[Line]) -> set[str]:
    """Texts printed at the top or bottom of most pages (running headers of PDF/DOCX files)."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.page is not None and line.text:
            pages.setdefault(line.page, []).append(line)
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page_lines in pages.values():
        margin = {_digits_out(x.text) for x in page_lines[:1] + page_lines[-1:]}
        counts.update(margin)
    return {text for text, n in counts.items() if n >= max(3, len(pages) // 2)}


def _digits_out(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")
_SPLIT = re.compile(r"([A-Za-zÀ-ÿ]+)-$")
_HEAD = re.compile(r"^([a-zà-ÿ]+)(.*)$")


def _dehyphenate(lines: list[Line]) -> list[Line]:
    """Undo a word broken at the line end ("adminis-" + "tration") when the document itself
    prints the whole word elsewhere and never the hyphenated one; a compound ("titres-" +
    "services") keeps its hyphen."""
    vocabulary = {w.lower() for x in lines for w in _WORD.findall(x.text)}
    out = list(lines)
    for i in range(len(out) - 1):
        tail = _SPLIT.search(out[i].text)
        head = _HEAD.match(out[i + 1].text)
        if not tail or not head or len(tail.group(1)) < 3:
            continue
        whole = (tail.group(1) + head.group(1)).lower()
        compound = f"{tail.group(1)}-{head.group(1)}".lower()
        if whole in vocabulary and compound not in vocabulary:
            here, after = out[i], out[i + 1]
            out[i] = Line(here.number, here.text[:-1] + head.group(1), here.page, here.raw)
            out[i + 1] = Line(after.number, head.group(2).strip(), after.page, after.raw)
    return out


def _build(name: str, raw_lines: list[tuple[str, int | None]]) -> Source:
    lines = [
        Line(number=i, text=_clean(text).strip(), page=page, raw=text)
        for i, (text, page) in enumerate(raw_lines, start=1)
    ]
    lines = _dehyphenate(lines)
    kept, dropped = _pages_from_footers(lines)
    margins = _repeated_margins(kept)
    if margins:
        dropped += [x for x in kept if x.text and _digits_out(x.text) in margins]
        kept = [x for x in kept if not (x.text and _digits_out(x.text) in margins)]
    return Source(name=name, lines=kept, dropped=sorted(dropped, key=lambda x: x.number))


def source_from_text(text: str, name: str = "<text>") -> Source:
    """A plain-text document; a form feed starts a new page."""
    raw: list[tuple[str, int | None]] = []
    chunks = text.split("\f")
    paged = len(chunks) > 1
    for page, chunk in enumerate(chunks, start=1):
        raw += [(t, page if paged else None) for t in chunk.split("\n")]
    if raw and raw[-1][0] == "":
        raw.pop()
    return _build(name, raw)


def _pdf_lines(path: Path) -> list[tuple[str, int | None]]:
    try:
        import pdfplumber
    except ModuleNotFoundError as exc:
        raise DocumentReadError(
            f"{path}: reading a PDF needs pdfplumber; install it with `pip install pdfplumber`"
        ) from exc
    raw: list[tuple[str, int | None]] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                text = page.extract_text() or ""
                raw += [(t, number) for t in text.split("\n")]
    except Exception as exc:  # pdfminer raises many unrelated types for a broken file
        raise DocumentReadError(f"{path}: not a readable PDF ({exc})") from exc
    return raw


def _docx_lines(path: Path) -> list[tuple[str, int | None]]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ModuleNotFoundError as exc:
        raise DocumentReadError(
            f"{path}: reading a DOCX needs python-docx; install it with `pip install python-docx`"
        ) from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile/KeyError/lxml errors
        raise DocumentReadError(f"{path}: not a readable DOCX ({exc})") from exc
    raw: list[tuple[str, int | None]] = []
    # Word saves where it last broke pages; explicit page breaks are in the text itself
    paged = document.element.body.xpath('.//w:br[@w:type="page"] | .//w:lastRenderedPageBreak')
    page: int | None = 1 if paged else None
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if page is not None and block.rendered_page_breaks:
                page += 1
            raw += [(t, page) for t in block.text.split("\n")]
            if page is not None:
                page += len(block._p.xpath('.//w:br[@w:type="page"]'))
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = join_lines(cell.text.split("\n"))
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                raw.append((" ".join(cells), page))
                raw.append(("", page))
    return raw


def load_source(path: str | Path) -> Source:
    """Read a .txt, .pdf or .docx document into normalised lines."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise DocumentReadError(f"{path}: no such file")
    if suffix == ".pdf":
        return _build(path.name, _pdf_lines(path))
    if suffix == ".docx":
        return _build(path.name, _docx_lines(path))
    if suffix in {".txt", ".text", ""}:
        return source_from_text(path.read_text(encoding="utf-8"), path.name)
    raise DocumentReadError(
        f"{path}: unknown document type {suffix!r}; expected .txt, .pdf or .docx"
    )
