"""The document model printed as DOCX and PDF, read back: TOC, page numbers, footnotes, sides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from pilotage.reports import (
    Chart,
    Citation,
    Document,
    FigureTable,
    Footnote,
    Format,
    Paragraph,
    Position,
    Section,
    SideBySide,
    Text,
    TitlePage,
    render,
    trend_svg,
)
from tests.reports.readback import ink, pdf_pages_png, read_docx, read_pdf

NOTE = Footnote("Contract footnote 3: the norm is not reachable in 2019-H2.")
OTHER = Footnote("A note of the paragraph.")


def _document(rows: int = 40) -> Document:
    svg = trend_svg(
        "VOB 1-01 60 | 70%",
        ["2019-Q1", "2019-Q2", "2019-Q3"],
        [55.0, 61.2, None],
        [70.0, 70.0, 70.0],
        value_label="Valeur",
        target_label="Cible",
        percent=True,
    )
    table = FigureTable(
        "VOB — Assujettissement",
        ("Objectif", "Valeur", "Num. / dén."),
        tuple(
            (Text(f"VOB {i}-01", (NOTE,) if i % 3 == 0 else ()), Text("58.2%"), Text(f"{i}/99"))
            for i in range(rows)
        ),
        source="Source : ensemble de résultats 3, version 1",
        numeric=frozenset({1, 2}),
        widths=(3, 1, 1),
    )
    sides = SideBySide(
        "Point 1 : VOB 1-01",
        Position("Institution", "Objectif atteint hors effet art. 50.", "Migration", "A. Dupont"),
        Position("Commissaires", "Objectif non atteint.", "Norme signée", "B. Martin"),
        ("Motivation", "Auteur"),
    )
    return Document(
        "fr",
        TitlePage("Tableau de bord 2019-Q3", "Contrat INASTI", (("Période", "2019-Q3"),), "DÉMO"),
        (
            Section(
                "Synthèse",
                (
                    Paragraph("Les chiffres publiés.", (OTHER,)),
                    table,
                    Section("VOB 1-01", (Chart("VOB 1-01", svg, "valeur par période"),)),
                ),
            ),
            Section("Positions", (sides,)),
        ),
        (Citation("Ensemble de résultats publié", "3 v1"),),
        {"contents": "Table des matières", "citations": "Versions citées", "page": "Page"},
    )


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return render(_document(), Format.DOCX)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render(_document(), Format.PDF)


def test_docx_has_a_toc_field_page_numbers_and_real_footnotes(docx_bytes: bytes) -> None:
    word = read_docx(docx_bytes)
    assert word.paragraphs[0] == "Tableau de bord 2019-Q3"
    assert 'TOC \\o "1-2"' in word.xml
    # The TOC's cached entries, until the word processor updates it.
    assert {"Synthèse", "VOB 1-01", "Positions"} <= set(word.paragraphs)
    # Footnotes: one note per distinct text, in the order first cited.
    assert list(word.footnotes.values()) == [OTHER.text, NOTE.text]
    assert word.xml.count("<w:footnoteReference") == 2
    # Later citations of NOTE print its number (2), in the footnote reference style.
    cited_again = re.findall(r'w:val="FootnoteReference"/></w:rPr><w:t>(\d+)</w:t>', word.xml)
    assert cited_again == ["2"] * 13


def test_docx_footer_numbers_pages_and_tables_repeat_their_header(docx_bytes: bytes) -> None:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
        settings = z.read("word/settings.xml").decode()
    assert any(" PAGE " in f and " NUMPAGES " in f for f in footers)
    assert "w:updateFields" in settings
    word = read_docx(docx_bytes)
    figures = next(t for t in word.tables if t[0] == ["Objectif", "Valeur", "Num. / dén."])
    assert figures[1] == ["VOB 0-01", "58.2%", "0/99"]  # the footnote call is not text
    assert "<w:tblHeader" in word.xml
    sides = next(t for t in word.tables if len(t[0]) == 2 and "Institution" in t[0][0])
    left, right = sides[0]
    assert "Objectif atteint hors effet art. 50." in left
    assert "Auteur: A. Dupont" in left
    assert "Objectif non atteint." in right
    assert "Motivation: Norme signée" in right


def test_pdf_has_page_numbers_a_toc_with_pages_and_notes_on_their_page(pdf_bytes: bytes) -> None:
    pages = read_pdf(pdf_bytes)
    total = len(pages)
    assert "Tableau de bord 2019-Q3" in pages[0]
    assert f"Page 1 / {total}" not in pages[0]  # the cover has no number
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} / {total}" in text
    toc = pages[1]
    synthese = next(n for n, t in enumerate(pages, 1) if n > 2 and t.startswith("Synthèse"))
    assert re.search(rf"Synthèse\W*{synthese}\b", toc)
    assert re.search(r"Versions citées\W*\d+", toc)
    # Each note at the foot of the page that cites it first.
    assert "1. A note of the paragraph." in pages[synthese - 1]
    assert "2. Contract footnote 3" in pages[synthese - 1]
    text = "\n".join(pages)
    assert "Objectif atteint hors effet art. 50." in text
    assert "Norme signée" in text


def test_pdf_pages_are_neither_blank_nor_overflowing(pdf_bytes: bytes, tmp_path: Path) -> None:
    for png in pdf_pages_png(pdf_bytes, tmp_path):
        image = Image.open(png)
        assert ink(image, (0.08, 0.06, 0.92, 0.9)) > 200, f"{png.name} is blank"
        # Nothing printed in the side margins (2 cm of 21): a table too wide would be.
        assert ink(image, (0.0, 0.0, 0.07, 1.0)) == 0, f"{png.name}: ink in the left margin"
        assert ink(image, (0.93, 0.0, 1.0, 1.0)) == 0, f"{png.name}: ink in the right margin"


def test_pdf_fetches_nothing_from_outside() -> None:
    document = _document(rows=1)
    evil = Chart(
        "x",
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://example.invalid/a.png"/></svg>',
        "c",
    )
    leaky = Document(
        document.language,
        document.title_page,
        (Section("S", (evil,)),),
    )
    # The fetcher refuses the URL; the PDF is still made, without the image.
    assert render(leaky, Format.PDF).startswith(b"%PDF")
