"""A `Document` as a PDF, through HTML and CSS paged media printed by WeasyPrint.

A4 portrait; page numbers in the footer of every page but the cover (`counter(page)`); the table
of contents takes its page numbers from the headings themselves (`target-counter`); footnotes
are CSS footnotes (`float: footnote`), numbered through the document; charts are the SVG the
pages show. Nothing is fetched: no external URL is in the HTML, fonts are the system's.
"""

from __future__ import annotations

import base64
from html import escape

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

__all__ = ["render_html", "render_pdf"]

# No style on the @footnote area: with a border or padding there, WeasyPrint 70 moves the notes
# to a later page than their call.
_CSS = """
@page {
  size: A4; margin: 2cm 2cm 2.2cm 2cm;
  @bottom-left { content: "%(title)s"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: "%(page)s " counter(page) " / " counter(pages);
                  font-size: 7.5pt; color: #555; }
}
@page :first { @bottom-left { content: none; } @bottom-right { content: none; } }
html { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 9.5pt;
       line-height: 1.3; color: #111; }
.cover { page: cover; break-after: page; }
.cover h1.title { font-size: 22pt; margin: 5cm 0 0.4cm 0; }
.cover .subtitle { font-size: 13pt; color: #333; margin-bottom: 1cm; }
.banner { border: 1.5pt solid #8a1c00; color: #8a1c00; font-weight: bold; padding: 6pt;
          margin: 0.6cm 0; }
table.facts { width: 100%; border-collapse: collapse; margin-top: 0.6cm; }
table.facts th { text-align: left; width: 30%; vertical-align: top; padding: 3pt 6pt 3pt 0; }
table.facts td { padding: 3pt 0; }
nav.toc { break-after: page; }
nav.toc h2 { font-size: 15pt; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li { margin: 2pt 0; }
nav.toc li.level-2 { margin-left: 1.2em; font-size: 9pt; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a::after { content: leader('.') target-counter(attr(href), page); }
h1 { font-size: 15pt; break-before: page; bookmark-level: 1; margin: 0 0 8pt 0; }
h2 { font-size: 12pt; bookmark-level: 2; margin: 14pt 0 6pt 0; break-after: avoid; }
h3 { font-size: 10.5pt; bookmark-level: 3; margin: 10pt 0 4pt 0; break-after: avoid; }
table.figures { width: 100%; border-collapse: collapse; font-size: 7.5pt; margin: 4pt 0;
                table-layout: fixed; }
table.figures caption { caption-side: top; text-align: left; font-weight: bold;
                        font-size: 9pt; padding-bottom: 3pt; }
table.figures th, table.figures td { border: 0.5pt solid #999; padding: 2pt 3pt;
                                     vertical-align: top; overflow-wrap: break-word; }
table.figures thead { display: table-header-group; }
table.figures thead th { background: #e8edf3; text-align: left; }
table.figures tr { break-inside: avoid; }
table.figures td.num { text-align: right; white-space: nowrap; }
p.source, p.small { font-size: 7.5pt; color: #444; margin: 2pt 0 8pt 0; }
figure.chart { margin: 6pt 0; break-inside: avoid; text-align: center; }
figure.chart img { width: 15cm; }
figure.chart figcaption { font-size: 8pt; color: #333; text-align: left; }
.fn { float: footnote; font-size: 7.5pt; font-weight: normal; text-align: left; }
::footnote-call { content: counter(footnote); vertical-align: super; font-size: 70%; }
::footnote-marker { content: counter(footnote) ". "; }
sup.noteref { font-size: 70%; }
table.sides { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.sides td { border: 0.5pt solid #999; padding: 4pt 6pt; vertical-align: top; }
table.sides .party { font-weight: bold; }
table.sides .label { font-style: italic; }
"""


class _Html:
    def __init__(self, document: Document) -> None:
        self.doc = document
        self.numbers = document.footnote_numbers()
        self.cited: set[Footnote] = set()
        self.out: list[str] = []

    def text(self, text: Text | Paragraph) -> str:
        html = escape(text.text)
        if isinstance(text, Text) and text.strong:
            html = f"<strong>{html}</strong>"
        for note in text.notes:
            if note in self.cited:
                html += f'<sup class="noteref">{self.numbers[note]}</sup>'
            else:
                self.cited.add(note)
                html += f'<span class="fn">{escape(note.text)}</span>'
        return html

    def cover(self) -> None:
        page = self.doc.title_page
        self.out.append('<section class="cover">')
        self.out.append(f'<h1 class="title">{escape(page.title)}</h1>')
        if page.subtitle:
            self.out.append(f'<p class="subtitle">{escape(page.subtitle)}</p>')
        if page.banner:
            self.out.append(f'<p class="banner">{escape(page.banner)}</p>')
        if page.facts:
            self.out.append('<table class="facts">')
            for label, value in page.facts:
                self.out.append(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>")
            self.out.append("</table>")
        self.out.append("</section>")

    def contents(self) -> None:
        self.out.append(f'<nav class="toc"><h2>{escape(self.doc.label("contents"))}</h2><ol>')
        for level, section, anchor in self.doc.headings():
            if level <= 2:
                self.out.append(
                    f'<li class="level-{level}"><a href="#{anchor}">'
                    f"{escape(section.title)}</a></li>"
                )
        if self.doc.citations:
            self.out.append(
                f'<li class="level-1"><a href="#citations">'
                f"{escape(self.doc.label('citations'))}</a></li>"
            )
        self.out.append("</ol></nav>")

    def section(self, section: Section, level: int, anchor: str, anchors: dict[int, str]) -> None:
        tag = f"h{min(level, 3)}"
        self.out.append(f'<section><{tag} id="{anchor}">{escape(section.title)}</{tag}>')
        for block in section.blocks:
            if isinstance(block, Section):
                self.section(block, level + 1, anchors[id(block)], anchors)
            else:
                self.block(block)
        self.out.append("</section>")

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            css = {"small": "small", "banner": "banner"}.get(block.style, "")
            self.out.append(f'<p class="{css}">{self.text(block)}</p>')
        elif isinstance(block, FigureTable):
            self.table(block)
        elif isinstance(block, Chart):
            data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
            self.out.append(
                f'<figure class="chart"><img alt="{escape(block.title)}" '
                f'src="data:image/svg+xml;base64,{data}"><figcaption>'
                f"{escape(block.title)}: {escape(block.caption)}</figcaption></figure>"
            )
            if block.source:
                self.out.append(f'<p class="source">{escape(block.source)}</p>')
        elif isinstance(block, SideBySide):
            self.sides(block)

    def table(self, block: FigureTable) -> None:
        out = self.out
        out.append('<table class="figures">')
        out.append(f"<caption>{escape(block.caption)}</caption>")
        if block.widths:
            total = sum(block.widths)
            out.append("<colgroup>")
            out += [f'<col style="width: {100 * w / total:.1f}%">' for w in block.widths]
            out.append("</colgroup>")
        out.append("<thead><tr>")
        out += [f"<th>{escape(h)}</th>" for h in block.headers]
        out.append("</tr></thead><tbody>")
        for row in block.rows:
            cells = []
            for i, cell in enumerate(row):
                css = ' class="num"' if i in block.numeric else ""
                cells.append(f"<td{css}>{self.text(cell)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        if block.source:
            out.append(f'<p class="source">{escape(block.source)}</p>')

    def sides(self, block: SideBySide) -> None:
        motivation, author = block.labels
        self.out.append(f'<p class="small"><strong>{escape(block.caption)}</strong></p>')
        self.out.append('<table class="sides"><colgroup><col style="width: 50%">')
        self.out.append('<col style="width: 50%"></colgroup><tr>')
        for position in (block.left, block.right):
            parts = [f'<p class="party">{escape(position.party)}</p>']
            parts.append(f"<p>{escape(position.text)}</p>")
            if position.motivation:
                parts.append(
                    f'<p><span class="label">{escape(motivation)}:</span> '
                    f"{escape(position.motivation)}</p>"
                )
            if position.author:
                parts.append(
                    f'<p><span class="label">{escape(author)}:</span> {escape(position.author)}</p>'
                )
            self.out.append("<td>" + "".join(parts) + "</td>")
        self.out.append("</tr></table>")

    def citations(self) -> None:
        if not self.doc.citations:
            return
        self.out.append(f'<section><h1 id="citations">{escape(self.doc.label("citations"))}</h1>')
        self.out.append('<table class="facts">')
        for c in self.doc.citations:
            self.out.append(f"<tr><th>{escape(c.label)}</th><td>{escape(c.text)}</td></tr>")
        self.out.append("</table></section>")

    def write(self) -> str:
        lang = escape(self.doc.language)
        title = escape(self.doc.title_page.title)
        self.out.append(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">')
        css = _CSS.replace("%(page)s", _css_string(self.doc.label("page")))
        css = css.replace("%(title)s", _css_string(self.doc.title_page.title))
        self.out.append(f"<title>{title}</title><style>{css}</style></head><body>")
        self.cover()
        self.contents()
        anchors = {id(section): anchor for _level, section, anchor in self.doc.headings()}
        for section in self.doc.sections:
            self.section(section, 1, anchors[id(section)], anchors)
        self.citations()
        self.out.append("</body></html>")
        return "\n".join(self.out)


def _css_string(text: str) -> str:
    """`text` inside a CSS string (between double quotes): quotes, backslashes, line ends."""
    return "".join(c if c.isalnum() or c in " -.,:;()'" else f"\\{ord(c):x} " for c in text)


def render_html(document: Document) -> str:
    """The HTML the PDF is printed from (self-contained)."""
    return _Html(document).write()


def render_pdf(document: Document) -> bytes:
    """The document as the bytes of a PDF file."""
    import weasyprint  # type: ignore[import-untyped]  # imported here: loading pango takes time

    # Data URLs only (the charts are inline): a pack never fetches anything from the network.
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    pdf: bytes = weasyprint.HTML(string=render_html(document), url_fetcher=fetcher).write_pdf()
    return pdf
