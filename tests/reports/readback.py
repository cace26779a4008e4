"""Reading a generated pack back: the text of a DOCX and of a PDF, and a PDF's pages as images."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
from lxml import etree
from PIL import Image

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Word:
    paragraphs: list[str]
    tables: list[list[list[str]]]
    footnotes: dict[int, str]  # id -> text, separators left out
    xml: str  # word/document.xml


def _cell_text(cell: Any) -> str:
    """A cell's text as read, without the numbers of the footnotes it cites."""
    return "\n".join(
        "".join(r.text for r in p.runs if r.style is None or r.style.name != "Footnote Reference")
        for p in cell.paragraphs
    )


def read_docx(content: bytes) -> Word:
    document = docx.Document(io.BytesIO(content))
    tables = [[[_cell_text(c) for c in row.cells] for row in t.rows] for t in document.tables]
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = z.namelist()
        xml = z.read("word/document.xml").decode("utf-8")
        notes = {}
        if "word/footnotes.xml" in names:
            root = etree.fromstring(z.read("word/footnotes.xml"))
            for note in root.iter(f"{W}footnote"):
                if note.get(f"{W}type") is None:
                    text = "".join(t.text or "" for t in note.iter(f"{W}t"))
                    notes[int(note.get(f"{W}id"))] = text.strip()
    return Word([p.text for p in document.paragraphs], tables, notes, xml)


def read_pdf(content: bytes) -> list[str]:
    """The text of each page."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pdf_pages_png(content: bytes, folder: Path, dpi: int = 40) -> list[Path]:
    """Each page of the PDF as a PNG, drawn by poppler's pdftoppm."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing: apt-get install poppler-utils (scripts/test does)")
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "pack.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def ink(image: Image.Image, box: tuple[float, float, float, float]) -> int:
    """How many non-white pixels the part `box` (fractions of width and height) holds."""
    w, h = image.size
    part = image.convert("L").crop(
        (int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h))
    )
    return sum(part.histogram()[:200])
