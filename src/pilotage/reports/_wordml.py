"""What python-docx has no API for: fields (TOC, PAGE), footnotes, repeated header rows.

python-docx writes paragraphs, tables and pictures but not footnotes (no footnotes part) nor
fields. The few WordprocessingML elements needed are written here as the standard
(ECMA-376 part 1, 17.11 footnotes, 17.16 fields) defines them, so that Word and LibreOffice
number the footnotes at the foot of their page and fill the table of contents and page numbers.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.table import _Row
from docx.text.paragraph import Paragraph

__all__ = ["Footnotes", "add_field", "begin_field", "end_field", "repeat_header", "update_on_open"]

FOOTNOTES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)

# The separator (-1) and continuation separator (0) that every footnotes part starts with.
_FOOTNOTES_XML = f"""<w:footnotes {nsdecls("w")}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
 w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"
 w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


def _run(paragraph: Paragraph, child: Any, style: str | None = None) -> Any:
    run = OxmlElement("w:r")
    if style:
        rpr = OxmlElement("w:rPr")
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), style)
        rpr.append(rstyle)
        run.append(rpr)
    run.append(child)
    paragraph._p.append(run)
    return run


def _fld_char(kind: str, dirty: bool = False) -> Any:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    return char


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Open a field (its cached result follows, up to `end_field`): TOC, PAGE, NUMPAGES."""
    _run(paragraph, _fld_char("begin", dirty=True))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    _run(paragraph, instr)
    _run(paragraph, _fld_char("separate"))


def end_field(paragraph: Paragraph) -> None:
    _run(paragraph, _fld_char("end"))


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A whole field in one paragraph, showing `shown` until the reader updates it."""
    begin_field(paragraph, instruction)
    paragraph.add_run(shown)
    end_field(paragraph)


def update_on_open(document: WordDocument) -> None:
    """Ask the word processor to update the fields (the TOC's page numbers) when it opens."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def repeat_header(row: _Row) -> None:
    """Print this table row again at the top of every page the table runs over."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


class Footnotes:
    """The footnotes part of a document: `add` writes a note and calls it where it is cited."""

    def __init__(self, document: WordDocument, *, size: float = 8) -> None:
        self.document = document
        self._root: Any = None
        self._next = 1
        self.size = size

    def _part_root(self) -> Any:
        if self._root is None:
            part = XmlPart(
                PackURI("/word/footnotes.xml"),
                FOOTNOTES_CONTENT_TYPE,
                parse_xml(_FOOTNOTES_XML),
                self.document.part.package,
            )
            self.document.part.relate_to(part, RT.FOOTNOTES)
            self._styles()
            self._root = part.element
        return self._root

    def _styles(self) -> None:
        styles = self.document.styles
        names = {s.name for s in styles}
        if "Footnote Text" not in names:
            text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            text.font.size = Pt(self.size)
            text.paragraph_format.space_after = Pt(0)
        if "Footnote Reference" not in names:
            ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
            ref.font.superscript = True

    def add(self, paragraph: Paragraph, text: str) -> int:
        """Write the note `text` and its call at the end of `paragraph`; returns its id."""
        root = self._part_root()
        note_id = self._next
        self._next += 1
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(note_id))
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), "FootnoteText")
        ppr.append(pstyle)
        p.append(ppr)
        for child in (OxmlElement("w:footnoteRef"), None):
            run = OxmlElement("w:r")
            if child is not None:
                rpr = OxmlElement("w:rPr")
                rstyle = OxmlElement("w:rStyle")
                rstyle.set(qn("w:val"), "FootnoteReference")
                rpr.append(rstyle)
                run.append(rpr)
                run.append(child)
            else:
                t = OxmlElement("w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = f" {text}"
                run.append(t)
            p.append(run)
        note.append(p)
        root.append(note)
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(note_id))
        _run(paragraph, reference, style="FootnoteReference")
        return note_id

    def cite_again(self, paragraph: Paragraph, number: int) -> None:
        """A later citation of note `number`: its number, as the note's call is printed."""
        self._part_root()  # the reference style exists
        t = OxmlElement("w:t")
        t.text = str(number)
        _run(paragraph, t, style="FootnoteReference")
