"""A contract in the Moniteur belge's form reads the same from a PDF (lines wrapped by the page
width, a running footer) and from a DOCX (one paragraph each) as from its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.contract.model import Contract
from pilotage.reading import accuracy, read_document

from .conftest import FIXTURES

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NAMES = ["decree-fr.txt", "decree-nl.txt"]


def _paragraphs(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").strip().split("\n")


def _facts(contract: Contract | None) -> list[tuple[str, str, list[str]]]:
    assert contract is not None
    return [
        (a.number, i.kind.value, [n.printed or "" for n in i.norms])
        for a in contract.articles
        for i in a.result_indicators
    ]


def _same(document: Path, name: str) -> None:
    expected = read_document(FIXTURES / name).contract
    assert expected is not None
    draft = read_document(document)
    contract = draft.contract
    assert contract is not None, draft.missing
    assert (contract.period, contract.institution.code) == (
        expected.period,
        expected.institution.code,
    )
    assert [p.name for p in contract.parties] == [p.name for p in expected.parties]
    assert [a.number for a in contract.articles] == [a.number for a in expected.articles]
    assert accuracy(contract, expected).perfect, str(accuracy(contract, expected))
    assert [(n, k) for n, k, _ in _facts(contract)] == [(n, k) for n, k, _ in _facts(expected)]


@pytest.mark.parametrize("name", NAMES)
def test_a_docx_reads_as_the_text(name: str, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for paragraph in _paragraphs(name):
        document.add_paragraph(paragraph)
    path = tmp_path / "contract.docx"
    document.save(str(path))
    _same(path, name)


@pytest.mark.parametrize("name", NAMES)
def test_a_pdf_reads_as_the_text(name: str, tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pytest.importorskip("pdfplumber")
    if not FONT.exists():
        pytest.skip(f"no Unicode TrueType font at {FONT} to write the PDF with")

    class Document(fpdf.FPDF):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-12)
            self.cell(0, 5, f"Moniteur belge  Page {self.page_no()}/{{nb}}")

    pdf = Document(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=9)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for paragraph in _paragraphs(name):
        pdf.multi_cell(0, 4, paragraph, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "contract.pdf"
    pdf.output(str(path))
    _same(path, name)
