"""The packs of the dashboard pages: the page's figures, to the cent and to the case."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.http import HttpRequest
from django.test import Client

from pilotage.contract import load_contract, seed_path
from pilotage.facts.settings import DATA_DIR_ENV
from pilotage.reports import Scope, dashboard_pack, from_store
from pilotage.web.accounts.models import Role
from pilotage.web.catalogue.loading import load_contract_file
from pilotage.web.dashboards.sync import sync_results
from tests.reports.conftest import Store
from tests.reports.readback import read_docx, read_pdf
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

CONTRACT = "inasti-2019-2020"
PERIOD = "2019-Q3"
PAGE = f"/contracts/{CONTRACT}/dashboard/{PERIOD}/"


class _Tables(HTMLParser):
    """The rows of each table of a page with an id, as cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: list[str] = []
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "table" and found.get("id"):
            self._table = str(found["id"])
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._table and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(autouse=True)
def _web_settings(settings: Any, tmp_path: Path) -> None:
    """What tests/web/conftest.py sets for the whole web session, here for these tests only."""
    (tmp_path / "static").mkdir()
    settings.STATIC_ROOT = str(tmp_path / "static")
    # Left set after the test (the web tests' session sets the same value): the session's
    # teardown reads it.
    django_settings.SECRET_KEY = "tests-only-not-a-secret"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reader(report_store: Store, monkeypatch: pytest.MonkeyPatch) -> Client:
    monkeypatch.setenv(DATA_DIR_ENV, str(report_store.dir))
    load_contract_file(CONTRACT, "INASTI")
    sync_results(report_store.path)
    make_user("viewer", Role.VIEWER, "INASTI")
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.login(request=HttpRequest(), username="viewer", password="pw-for-tests")
    return client


def _page(client: Client, url: str) -> _Tables:
    response = client.get(url)
    assert response.status_code == 200
    parsed = _Tables()
    parsed.feed(response.content.decode())
    return parsed


def _as_pack(row: list[str]) -> list[str]:
    """A row of the page's summary table in the pack's columns (pairs in one cell; the change
    since the previous period is the page's own column, not in the pack)."""
    objective, norm, value, target, status, _change, num, den, median, p90, backlog, overdue = row[
        :12
    ]

    def pair(a: str, b: str) -> str:
        return "—" if a == b == "—" else f"{a}/{b}"

    return [
        objective,
        norm,
        value,
        target,
        status,
        pair(num, den),
        pair(median, p90),
        pair(backlog, overdue),
    ]


def test_the_pack_of_the_page_holds_the_page_s_figures(reader: Client, report_store: Store) -> None:
    page = _page(reader, PAGE)
    pdf_link = f"{PAGE}report.pdf?lang=fr"
    assert pdf_link in page.links
    assert f"{PAGE}report.docx?lang=nl" in page.links
    response = reader.get(f"{PAGE}report.docx", {"lang": "fr"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{CONTRACT}_{PERIOD}_dashboard_fr.docx"'
    )
    word = read_docx(response.content)
    pack_tables = [t for t in word.tables if t[0][:3] == ["Objectif", "Norme", "Valeur"]]
    web_tables = [
        rows for key, rows in page.tables.items() if key.startswith("service-") or key == "common"
    ]
    assert len(pack_tables) == len(web_tables) > 10
    compared = 0
    for web, pack in zip(web_tables, pack_tables, strict=True):
        assert [_as_pack(r) for r in web[1:]] == pack[1:]
        compared += len(pack) - 1
    assert compared > 40
    # The same version cited on the page and on the cover.
    institution = report_store.sets["institution"]
    cover = dict(word.tables[0])
    assert cover["Ensemble de résultats publié"].startswith(
        f"ensemble de résultats {institution.id}, version {institution.version} "
    )


def test_the_command_line_s_pack_equals_the_page_s(reader: Client, report_store: Store) -> None:
    web = reader.get(f"{PAGE}services/VOB/report.docx", {"lang": "nl"})
    assert web.status_code == 200
    data = from_store(report_store.path, load_contract(seed_path(CONTRACT)), PERIOD)
    cli = dashboard_pack(data, "docx", "nl", scope=Scope(service="VOB"))
    assert read_docx(web.content).tables == read_docx(cli.content).tables


def test_the_objective_pack_the_api_and_the_refusals(reader: Client) -> None:
    objective = f"{PAGE}objectives/VOB%202-01/"
    page = _page(reader, objective)
    assert f"{objective}report.pdf?lang=fr" in page.links
    pdf = reader.get(f"{objective}report.pdf", {"lang": "fr"})  # the page's language
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(read_pdf(pdf.content))
    target = page.tables["figure"][2][1]  # the page's target of the figure: "≥ 90 %"
    assert target == "≥ 90\xa0%"
    assert "≥ 90 %" in " ".join(text.split())  # a PDF's text gives the no-break space as a space
    dutch = "\n".join(read_pdf(reader.get(f"{objective}report.pdf", {"lang": "nl"}).content))
    assert "≥ 90%" in dutch  # Dutch sets no space before %
    api = reader.get(
        f"/api/contracts/{CONTRACT}/reports/dashboard",
        {"period": PERIOD, "format": "docx", "service": "VOB", "lang": "fr"},
    )
    assert api.status_code == 200
    assert api["Content-Disposition"].endswith('_VOB_dashboard_fr.docx"')
    assert reader.get(f"{PAGE}report.odt").status_code == 404
    assert reader.get(f"{PAGE}services/XYZ/report.pdf").status_code == 404
    assert reader.get(f"/contracts/{CONTRACT}/dashboard/2015-Q1/report.pdf").status_code == 404
    outsider = Client()
    make_user("inami-viewer", Role.VIEWER, "INAMI")
    outsider.login(request=HttpRequest(), username="inami-viewer", password="pw-for-tests")
    assert outsider.get(f"{PAGE}report.pdf").status_code == 403
    bad = outsider.get(f"/api/contracts/{CONTRACT}/reports/dashboard", {"period": PERIOD})
    assert bad.status_code == 403
    assert Client().get(f"{PAGE}report.pdf").status_code == 302  # to the log-in page


def test_the_issue_date_is_only_printed_when_given(reader: Client, today: dt.date) -> None:
    word = read_docx(reader.get(f"{PAGE}services/VOB/report.docx").content)
    assert "Édité le" not in dict(word.tables[0])
    assert today.isoformat() not in dict(word.tables[0]).values()
