"""The evaluation pack built from an evaluation document, read back as DOCX and PDF text, in
French and Dutch: cover, contents, page numbers, calendar, figures cited, chart, caveats as
footnotes, both positions side by side; the PDF pages drawn by pdftoppm."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import pilotage.web.evaluation
from pilotage.evaluation import (
    Assessment,
    DraftItem,
    EvaluationDocument,
    FigureCite,
    ItemKind,
    MilestoneLine,
    Party,
    Position,
    ReportItem,
    ResultSetRef,
)
from pilotage.evaluation.document import DocumentStep
from pilotage.reports import Format, evaluation_pack
from pilotage.reports._evaluation import clock_cells, figure_cells, milestone_cells, status_word
from pilotage.reports._evaluation_words import WORDS, word
from tests.reports.readback import ink, pdf_pages_png, read_docx, read_pdf

RS = ResultSetRef(7, 2, "2014-Q1..2014-Q4", "2015-02-10T09:00:00+00:00")
CAVEAT = "Contract footnote 4: the norm counts working days of the institution."


def _figure(period: str, value: float, numerator: str, denominator: str) -> FigureCite:
    return FigureCite(
        indicator="delay",
        period=period,
        norm="30 d | 95%",
        value=value,
        target_operator=">=",
        target="95",
        status="not_met" if value < 95 else "met",
        numerator=numerator,
        denominator=denominator,
        caveats=(CAVEAT,),
        result_set=RS,
    )


QUARTERS = [
    _figure("2014-Q1", 91.5, "915", "1000"),
    _figure("2014-Q2", 93.25, "373", "400"),
    _figure("2014-Q3", 96.0, "480", "500"),
]
YEAR_FIGURE = _figure("2014", 93.8, "1768", "1900")


def _position(party: Party, assessment: Assessment, motivation: str, author: str) -> Position:
    return Position(party, assessment, motivation, author, "2015-04-22T10:00:00+00:00")


def _document(kind: str = "report") -> EvaluationDocument:
    objective = DraftItem(
        "objective:OO 1",
        ItemKind.OBJECTIVE,
        "OO 1",
        "Pay the benefits within 30 days",
        "not_met",
        figures=(YEAR_FIGURE,),
        caveats=(CAVEAT,),
    )
    action = DraftItem(
        "action:11/2",
        ItemKind.ACTION,
        "11/2",
        "Deliver the new register",
        "done_late",
        milestones=(MilestoneLine("11/2", dt.date(2014, 6, 30), None, "open"),),
    )
    items = (
        ReportItem(
            objective,
            "Narrative of the cell on OO 1.",
            _position(Party.INSTITUTION, Assessment.PARTLY_MET, "Reform of 2014.", "manager"),
            _position(Party.STATE, Assessment.NOT_MET, "The norm was signed.", "commissioner"),
        ),
        ReportItem(
            action,
            "",
            _position(Party.INSTITUTION, Assessment.MET, "Delivered.", "manager"),
            _position(Party.STATE, Assessment.MET, "Delivered indeed.", "commissioner"),
        ),
    )
    clocks = (
        {
            "name": "draft_sent",
            "due": "2015-03-31",
            "done_on": "2015-03-31",
            "status": "met",
            "days_left": None,
            "late_by": 0,
            "basis": "art. 49",
        },
        {
            "name": "meeting_held",
            "due": "2015-04-20",
            "done_on": "2015-04-24",
            "status": "late",
            "days_left": None,
            "late_by": 4,
            "basis": "15 working days",
        },
        {
            "name": "report_sent",
            "due": "2015-05-12",
            "done_on": None,
            "status": "overdue",
            "days_left": -12,
            "late_by": 12,
            "basis": "15 working days",
        },
    )
    return EvaluationDocument(
        contract_id="inami-2013-2015",
        contract_title="Contrat d'administration",
        institution="INAMI",
        year=2014,
        kind=kind,
        version=1,
        reason="",
        sent_on=None,
        state="meeting_held",
        clocks=clocks,
        steps=(
            DocumentStep("draft_sent", "2015-03-31", "manager"),
            DocumentStep("meeting_held", "2015-04-24", "manager"),
        ),
        items=items,
        demo=True,
    )


@pytest.fixture(scope="module", params=["fr", "nl"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def pdf(language: str) -> bytes:
    return evaluation_pack(_document(), Format.PDF, language, trends={"OO 1": QUARTERS}).content


@pytest.fixture(scope="module")
def word_file(language: str) -> bytes:
    return evaluation_pack(_document(), "docx", language, trends={"OO 1": QUARTERS}).content


def test_the_pdf_reads_back_with_cover_contents_pages_and_both_positions(
    pdf: bytes, language: str
) -> None:
    pages = [re.sub(r"\s+", " ", page) for page in read_pdf(pdf)]
    total = len(pages)
    title = word("Contradictory and motivated report %(period)s", language, period=2014)
    assert title in pages[0]
    assert (
        word(
            "result set %(id)s, version %(version)s (computed %(computed)s)",
            language,
            id=7,
            version=2,
            computed=RS.computed_at,
        )
        in pages[0]
    )
    assert re.search("D[ÉE]MONSTRATI", pages[0])
    assert word("Contents", language) in pages[1]
    assert re.search(rf"{word('Calendar', language)}\W*\d+", pages[1])
    for number, text in enumerate(pages[1:], start=2):
        assert f"{word('Page', language)} {number} / {total}" in text
    text = re.sub(r"\s+", " ", "\n".join(pages))
    for cells in [figure_cells(YEAR_FIGURE, language)]:
        for cell in cells[:7]:
            assert cell in text
    assert clock_cells(_document().clocks[1], language)[3] in text  # late
    assert "Reform of 2014." in text
    assert "The norm was signed." in text
    assert word("No agreement: both points of view are presented (art. 47).", language) in text
    assert word("Agreed.", language) in text
    assert CAVEAT in text  # a footnote
    assert status_word("partly_met", language) in text
    assert status_word("not_met", language) in text


def test_the_docx_reads_back_with_tables_footnotes_and_sides(
    word_file: bytes, language: str
) -> None:
    doc = read_docx(word_file)
    assert 'TOC \\o "1-' in doc.xml
    with zipfile.ZipFile(io.BytesIO(word_file)) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert any(" PAGE " in f and " NUMPAGES " in f for f in footers)
    assert CAVEAT in doc.footnotes.values()
    figures = next(t for t in doc.tables if t[0][0] == word("Indicator", language))
    assert figures[1] == list(figure_cells(YEAR_FIGURE, language))
    clocks = next(t for t in doc.tables if t[0][0] == word("Step", language) and len(t[0]) == 6)
    assert clocks[1:] == [list(clock_cells(c, language)) for c in _document().clocks]
    milestones = next(t for t in doc.tables if t[0][0] == word("Milestone", language))
    assert milestones[1] == list(milestone_cells(_document().items[1].item.milestones[0], language))
    institution = word("The institution's position", language)
    sides = [t for t in doc.tables if len(t[0]) == 2 and institution in t[0][0]]
    assert len(sides) == 2, "each item's positions are printed side by side"
    left, right = sides[0][0]
    assert "Reform of 2014." in left
    assert f"{word('Author', language)}: manager, 2015-04-22" in left
    assert "The norm was signed." in right
    assert status_word("not_met", language) in right
    assert any(re.search("D[ÉE]MONSTRATI", p) for p in doc.paragraphs)
    assert "<w:drawing>" in doc.xml or "pic:pic" in doc.xml  # the trend chart


def test_the_pdf_pages_are_drawn_and_none_is_blank(pdf: bytes, tmp_path: Path) -> None:
    pngs = pdf_pages_png(pdf, tmp_path)
    assert len(pngs) >= 3
    for png in pngs:
        image = Image.open(png)
        assert ink(image, (0.08, 0.06, 0.92, 0.9)) > 200, f"{png.name} is blank"
        assert ink(image, (0.0, 0.0, 0.07, 1.0)) == 0, f"{png.name}: ink in the left margin"
        assert ink(image, (0.93, 0.0, 1.0, 1.0)) == 0, f"{png.name}: ink in the right margin"


def test_the_draft_has_no_positions_and_names_its_file() -> None:
    pack = evaluation_pack(_document("draft"), "pdf", "nl")
    assert pack.filename == "inami-2013-2015_2014_draft-evaluation_v1_nl.pdf"
    text = "\n".join(read_pdf(pack.content))
    assert "Ontwerpevaluatie 2014" in text
    assert "Reform of 2014." not in text


def test_the_words_the_pages_share_are_the_pages_catalogue_s() -> None:
    locale = Path(pilotage.web.evaluation.__file__).parent / "locale"
    shared = 0
    for index, language in enumerate(("fr", "nl")):
        catalogue = gettext.translation("django", locale, [language])
        for message, translations in WORDS.items():
            page = catalogue.gettext(message)
            if page != message:
                shared += 1
                assert translations[index] == page, (language, message)
    assert shared > 50
