"""A `Document` as a Word file (DOCX), written with python-docx.

A4 portrait; the cover has no page number, every later page "Page n / N" in its footer; a
real table of contents field after the cover (its entries are written too, so the file reads
well before the word processor updates it with page numbers, which it is asked to do on open);
footnotes in the document's footnotes part; each chart as a PNG of its SVG.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from pilotage.reports._charts import svg_png
from pilotage.reports._document import (
    Block,
    Chart,
    Document,
    FigureTable,
    Footnote,
    Paragraph,
    Section,
    SideBySide,
    Text,
)
from pilotage.reports._wordml import (
    Footnotes,
    add_field,
    begin_field,
    end_field,
    repeat_header,
    update_on_open,
)

__all__ = ["render_docx"]

_TEXT_WIDTH = Cm(17)
_TABLE_FONT = Pt(8)
_SMALL = Pt(8)


class _Writer:
    def __init__(self, document: Document) -> None:
        self.doc = document
        self.word: WordDocument = docx.Document()
        self.notes = Footnotes(self.word)
        self.numbers = document.footnote_numbers()
        self.cited: set[Footnote] = set()

    # --- the frame -------------------------------------------------------------------------------

    def page_setup(self) -> None:
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.different_first_page_header_footer = True
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run(f"{self.doc.title_page.title} — {self.doc.label('page')} ")
        add_field(footer, "PAGE", "1")
        footer.add_run(" / ")
        add_field(footer, "NUMPAGES", "1")
        for run in footer.runs:
            run.font.size = _SMALL
        normal = self.word.styles["Normal"]
        normal.font.name = "Liberation Sans"
        normal.font.size = Pt(10)
        core = self.word.core_properties
        core.title = self.doc.title_page.title
        core.subject = self.doc.title_page.subtitle
        core.language = self.doc.language

    def cover(self) -> None:
        page = self.doc.title_page
        self.word.add_paragraph(page.title, style="Title")
        if page.subtitle:
            self.word.add_paragraph(page.subtitle, style="Subtitle")
        if page.banner:
            banner = self.word.add_paragraph()
            run = banner.add_run(page.banner)
            run.bold = True
            run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x00)
        if page.facts:
            table = self.word.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in page.facts:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
                cells[0].paragraphs[0].runs[0].bold = True
            self._widths(table, (0.3, 0.7))
        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def contents(self) -> None:
        self.word.add_paragraph(self.doc.label("contents"), style="TOC Heading")
        headings = list(self.doc.headings())
        first = self.word.add_paragraph()
        begin_field(first, 'TOC \\o "1-2" \\h \\z \\u')
        # The cached result: the entries without page numbers, until the fields are updated.
        last = first
        for i, (level, section, _anchor) in enumerate(headings):
            if level > 2:
                continue
            p = first if i == 0 else self.word.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            p.add_run(section.title)
            last = p
        end_field(last)
        hint = self.word.add_paragraph(self.doc.label("toc_hint"))
        hint.runs[0].italic = True
        hint.runs[0].font.size = _SMALL

    # --- blocks ----------------------------------------------------------------------------------

    def text(self, paragraph: WordParagraph, text: Text | Paragraph, size: Pt | None) -> None:
        run = paragraph.add_run(text.text)
        if size is not None:
            run.font.size = size
        if isinstance(text, Text) and text.strong:
            run.bold = True
        for note in text.notes:
            if note in self.cited:
                self.notes.cite_again(paragraph, self.numbers[note])
            else:
                self.cited.add(note)
                self.notes.add(paragraph, note.text)

    def section(self, section: Section, level: int) -> None:
        heading = self.word.add_heading(section.title, level=min(level, 3))
        # A new page for each part (not a new Word section: those would restart the footer).
        heading.paragraph_format.page_break_before = level == 1
        for block in section.blocks:
            self.block(block, level)

    def block(self, block: Block, level: int) -> None:
        if isinstance(block, Section):
            self.section(block, level + 1)
        elif isinstance(block, Paragraph):
            p = self.word.add_paragraph()
            self.text(p, block, _SMALL if block.style == "small" else None)
            if block.style == "banner":
                p.runs[0].bold = True
        elif isinstance(block, FigureTable):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, SideBySide):
            self.side_by_side(block)

    def table(self, block: FigureTable) -> None:
        self.word.add_paragraph(block.caption, style="Caption")
        table = self.word.add_table(rows=1, cols=len(block.headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        repeat_header(header)
        for cell, heading in zip(header.cells, block.headers, strict=True):
            run = cell.paragraphs[0].add_run(heading)
            run.bold, run.font.size = True, _TABLE_FONT
        for row in block.rows:
            cells = table.add_row().cells
            for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
                p = cell.paragraphs[0]
                if i in block.numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self.text(p, text, _TABLE_FONT)
        if block.widths:
            self._widths(table, block.widths)
        if block.source:
            source = self.word.add_paragraph(block.source)
            source.runs[0].font.size = _SMALL

    def chart(self, block: Chart) -> None:
        self.word.add_picture(io.BytesIO(svg_png(block.svg)), width=Cm(15))
        self.word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.word.add_paragraph(f"{block.title}: {block.caption}", style="Caption")
        if block.source:
            source = self.word.add_paragraph(block.source)
            source.runs[0].font.size = _SMALL

    def side_by_side(self, block: SideBySide) -> None:
        self.word.add_paragraph(block.caption, style="Caption")
        table = self.word.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        motivation, author = block.labels
        for cell, position in zip(table.rows[0].cells, (block.left, block.right), strict=True):
            cell.paragraphs[0].add_run(position.party).bold = True
            cell.add_paragraph(position.text)
            if position.motivation:
                p = cell.add_paragraph()
                p.add_run(f"{motivation}: ").italic = True
                p.add_run(position.motivation)
            if position.author:
                p = cell.add_paragraph()
                p.add_run(f"{author}: ").italic = True
                p.add_run(position.author)
        self._widths(table, (0.5, 0.5))

    def citations(self) -> None:
        if not self.doc.citations:
            return
        heading = self.word.add_heading(self.doc.label("citations"), level=1)
        heading.paragraph_format.page_break_before = True
        table = self.word.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for citation in self.doc.citations:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = citation.label, citation.text
        self._widths(table, (0.3, 0.7))

    @staticmethod
    def _widths(table: WordTable, widths: tuple[float, ...]) -> None:
        table.autofit = False
        total = sum(widths)
        for row in table.rows:
            for cell, w in zip(row.cells, widths, strict=False):
                cell.width = int(_TEXT_WIDTH * w / total)

    def write(self) -> bytes:
        self.page_setup()
        self.cover()
        self.contents()
        for section in self.doc.sections:
            self.section(section, 1)
        self.citations()
        update_on_open(self.word)
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()


def render_docx(document: Document) -> bytes:
    """The document as the bytes of a DOCX file."""
    return _Writer(document).write()
