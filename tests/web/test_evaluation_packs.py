"""The packs of the evaluation's documents downloaded from the document page, the API and the
command line: what they print is what the pages show for the same version, in FR and NL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client
from lxml import html
from PIL import Image

from pilotage.cli import main
from pilotage.web.accounts.models import Role
from pilotage.web.evaluation import models as m
from tests.reports.readback import ink, pdf_pages_png, read_docx, read_pdf
from tests.web.conftest import make_user

BASE = "/contracts/inami-2013-2015/evaluation/2014/"
API = "/api/contracts/inami-2013-2015/evaluations/2014/documents/"


def _client(username: str, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(User.objects.get(username=username))
    return client


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _page(client: Client, url: str) -> html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content.decode())


def _all(node: html.HtmlElement, tag: str, cls: str = "") -> list[html.HtmlElement]:
    """The descendants `tag` (of class `cls`) of `node`."""
    test = f"[contains(concat(' ', @class, ' '), ' {cls} ')]" if cls else ""
    found: list[html.HtmlElement] = node.xpath(f".//{tag}{test}")
    return found


def _positions(page: html.HtmlElement) -> list[tuple[str, list[list[str]]]]:
    """Per item of the document page: its heading and the texts of both positions."""
    found = []
    for section in _all(page, "section", "doc-item"):
        sides = [
            [_flat(p.text_content()) for p in _all(side, "p")]
            for side in _all(section, "section", "position")
        ]
        found.append((_flat(_all(section, "h3")[0].text_content()), sides))
    return found


def _clocks(page: html.HtmlElement) -> list[list[str]]:
    rows = _all(page, "tr", "clock")
    return [[_flat(td.text_content()).lstrip("✔✖⚠⏸ ") for td in _all(r, "td")[:6]] for r in rows]


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_report_pack_prints_what_the_pages_show(
    demo: m.Evaluation, language: str, tmp_path: Path
) -> None:
    client = _client("demo-government-commissioner", language)
    page = _page(client, BASE + "documents/report/")
    links = {a.text_content(): a.get("href") for a in _all(page, "p", "packs")[0].xpath(".//a")}
    pdf = client.get(links[f"PDF ({language.upper()})"])
    assert pdf["Content-Type"] == "application/pdf"
    assert "inami-2013-2015_2014_report_v1" in pdf["Content-Disposition"]
    docx = read_docx(client.get(links[f"DOCX ({language.upper()})"]).content)
    text = _flat(" ".join(read_pdf(pdf.content)))

    items = _positions(page)
    assert len(items) >= 6
    sides = [t[0] for t in docx.tables if len(t[0]) == 2 and "—" not in t[0][0]]
    sides = [row for row in sides if row[0].startswith(_flat(_all(page, "h4")[0].text_content()))]
    assert len(sides) == len(items)
    for (heading, shown), (left, right) in zip(items, sides, strict=True):
        assert heading.split(" — ")[0] in text
        # Each party's assessment, motivation and author, in its own column of the Word file
        # and in the PDF's text (whose two columns interleave line by line: word by word).
        for column, texts in zip((left, right), shown, strict=True):
            for part in (p for t in texts for p in t.split(" — ")):
                assert _flat(part).rstrip(".") in _flat(column), (part, column)
                assert all(w in text for w in part.split()), part
    calendar = next(t for t in docx.tables if len(t[0]) == 6)
    detail = _page(client, BASE)
    assert calendar[1:] == _clocks(detail)
    no_agreement = _all(page, "p", "no-agreement")
    assert len(no_agreement) == 2
    assert text.count(_flat(no_agreement[0].text_content())) == 2
    for png in pdf_pages_png(pdf.content, tmp_path):
        assert ink(Image.open(png), (0.08, 0.06, 0.92, 0.9)) > 200, f"{png.name} is blank"


def test_a_sent_version_prints_as_sent_and_the_api_and_the_command_line_give_the_same(
    demo: m.Evaluation, tmp_path: Path
) -> None:
    client = _client("demo-contract-manager", "fr")
    draft = client.get(BASE + "documents/draft/report.docx?version=1&lang=fr")
    assert draft.status_code == 200
    word = read_docx(draft.content)
    cover = " ".join(word.paragraphs[:20])
    assert "Projet d'évaluation 2014" in cover
    sent = next(r for t in word.tables for r in t if r[0] == "Transmis le")
    assert sent[1] == "2015-03-31 (figé : tel que transmis)"

    api = client.get(API + "report/pack?format=docx&lang=nl")
    assert api.status_code == 200
    out = tmp_path / "report-nl.docx"
    result = CliRunner().invoke(
        main,
        ["report", "evaluation", "inami-2013-2015", "2014", "--lang", "nl", "--format", "docx",
         "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    from_cli, from_api = read_docx(out.read_bytes()), read_docx(api.content)
    assert from_cli.tables == from_api.tables
    assert from_cli.paragraphs == from_api.paragraphs
    assert "Tegensprekelijk en gemotiveerd verslag 2014" in from_api.paragraphs


def test_who_may_not_read_the_evaluation_gets_no_pack(demo: m.Evaluation) -> None:
    make_user("outsider", Role.CONTRACT_MANAGER, "INASTI")
    outsider = _client("outsider", "fr")
    assert outsider.get(BASE + "documents/report/report.pdf").status_code == 403
    assert outsider.get(API + "report/pack").status_code == 403
    reader = _client("demo-viewer", "fr")
    assert reader.get(BASE + "documents/report/report.pdf").status_code == 200
    assert reader.get(BASE + "documents/minutes/report.pdf").status_code == 404
    assert reader.get(BASE + "documents/report/report.odt").status_code == 404
    assert reader.get(BASE + "documents/draft/report.pdf?version=9").status_code == 404
    assert Client().get(BASE + "documents/report/report.pdf").status_code == 302
    result = CliRunner().invoke(main, ["report", "evaluation", "inami-2013-2015", "2013"])
    assert result.exit_code != 0
    assert "no evaluation of 2013" in result.output
