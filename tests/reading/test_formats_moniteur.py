"""A contract in the Moniteur belge's form reads the same from a PDF (lines wrapped by the page
width, a running footer) and from a DOCX (one paragraph each) as from its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.contract import Contract
from pilotage.reading import accuracy, read_document

from .conftest import FIXTURES, write_pdf

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
    pytest.importorskip("pdfplumber")
    path = tmp_path / "contract.pdf"
    write_pdf(_paragraphs(name), path, "Moniteur belge", wrap=True)
    _same(path, name)
