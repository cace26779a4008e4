from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.reading import Draft, ReviewReport, Source, build_draft, source_from_text
from pilotage.reading._decree import Decree
from pilotage.reading._identity import Identity, read_identity
from pilotage.reading._outline import Outline, read_outline
from tests.conftest import CORPUS, INAMI_TEXT, INASTI_TEXT, missing_shared, needs_shared

INASTI = INASTI_TEXT
INAMI = INAMI_TEXT
needs_seeds = needs_shared(INASTI, INAMI)


def text(block: str) -> Source:
    """An inline excerpt as a document (leading newline and common indent removed).

    A line "__" stands for the whitespace-only line a Word export prints as the footnote rule.
    """
    lines = [x if x.strip() != "__" else "  " for x in block.strip("\n").rstrip().split("\n")]
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    lines = [x[indent:] if x.strip() else x for x in lines]
    return source_from_text("\n".join(lines), "excerpt.txt")


def outline(block: str) -> Outline:
    return read_outline(text(block))


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def corpus_folder() -> Path:
    """The shared corpus of real contracts: skipped when absent, a failure under CI=true."""
    missing_shared((CORPUS,))
    return CORPUS


def draft_of(block: str) -> Draft:
    """An inline excerpt read as a whole document."""
    return build_draft(text(block))


def identity_of(block: str) -> Identity:
    """What the preamble of an inline excerpt says: parties, period, institution, language."""
    return read_identity(outline(block).body, Decree(), ReviewReport("excerpt.txt"))


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def write_pdf(lines: list[str], path: Path, footer: str, wrap: bool = False) -> None:
    """A PDF of `lines` with a running footer ("... Page 1/2"); `wrap`: long lines wrap at the
    page width, as a printed page does."""
    fpdf = pytest.importorskip("fpdf")
    if not FONT.exists():
        pytest.skip(f"no Unicode TrueType font at {FONT} to write the PDF with")

    class Document(fpdf.FPDF):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-12)
            self.cell(0, 5, f"{footer}  Page {self.page_no()}/{{nb}}")

    pdf = Document(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=8)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for line in lines:
        if wrap:
            pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
