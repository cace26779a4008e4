"""The budget's read page per contract and year, in FR, NL and EN, and the statement download."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook  # type: ignore[import-untyped]

import pilotage.web.budget
from pilotage.web.accounts.demo import create_demo_users
from pilotage.web.accounts.models import Role
from pilotage.web.budget.demo import seed_demo_budget
from tests.web.conftest import make_user

LOCALE = Path(pilotage.web.budget.__file__).parent / "locale"
PAGE = "/contracts/inami-2013-2015/budget/2014/"


@pytest.fixture
def demo_budget(seeded: None, tmp_path: Path) -> None:
    create_demo_users(["INASTI", "INAMI"])
    seed_demo_budget(tmp_path)


def _client(language: str, username: str = "demo-viewer") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(User.objects.get(username=username))
    return client


def _text(page: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.decode())).split())


def _english(language: str) -> set[str]:
    """The catalogue's English messages (two words or more) that the language says otherwise."""
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        catalog = read_po(po)
    found = set()
    for message in catalog:
        if message.id and message.id != message.string:
            for part in re.split(r"%\(\w+\)s", str(message.id)):
                part = " ".join(part.split()).strip(" .,:;()")
                if len(part.split()) >= 2 and part not in str(message.string):
                    found.add(part)
    return found


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fr",
            ["Budget de gestion 2014 de inami-2013-2015", "Crédits et exécution", "DÉMONSTRATION"],
        ),
        (
            "nl",
            [
                "Beheersbegroting 2014 van inami-2013-2015",
                "Kredieten en uitvoering",
                "DEMONSTRATIE",
            ],
        ),
        ("en", ["Management budget 2014 of inami-2013-2015", "Credits against execution"]),
    ],
)
def test_the_year_page_reads_in_each_language(
    demo_budget: None, language: str, words: list[str]
) -> None:
    response = _client(language).get(PAGE)
    assert response.status_code == 200
    text = _text(response.content)
    for word in words:
        assert word in text
    money = "16,865,161.04" if language == "en" else "16.865.161,04"
    assert money in text  # IT operating: re-evaluated, carried over and transferred into
    assert "2014-09" in text  # the month-by-month table
    personnel = {
        "fr": "Dépenses de personnel",
        "nl": "Personeelsuitgaven",
        "en": "Personnel expenses",
    }
    assert personnel[language] in text  # the contract's words, else its category's
    assert "demo-government-commissioner (CB/2014/9)" in text
    if language != "en":
        english = _english(language)
        assert "Credits against execution" in english  # the scan has something to look for
        assert sorted(e for e in english if e in text) == []


def test_the_page_says_the_alert_and_the_prices_year(demo_budget: None) -> None:
    text = _text(_client("en").get(PAGE).content)
    assert "At the pace so far this credit runs out in month" in text
    assert "Amounts in prices of 2013, as the contract states them." in text
    assert "awaiting the commissioner for the Budget" in text


def test_the_statement_downloads_in_french_and_dutch(demo_budget: None) -> None:
    client = _client("fr")
    for language, sheet in (("fr", "État"), ("nl", "Staat")):
        response = client.get(f"{PAGE}statement.xlsx?lang={language}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == sheet
    refused = client.get(f"{PAGE}statement.xlsx?lang=de")
    assert refused.status_code == 400
    assert b"the statement is made in fr, nl" in refused.content


def test_only_the_granted_read_and_a_year_outside_is_not_found(demo_budget: None) -> None:
    make_user("outsider", Role.VIEWER, "INASTI")
    assert _client("fr", "outsider").get(PAGE).status_code == 403
    assert _client("fr").get("/contracts/inami-2013-2015/budget/2016/").status_code == 404
    index = _client("fr").get("/contracts/inami-2013-2015/budget/")
    assert index.status_code == 302
    assert index["Location"].endswith("/budget/2013/")
    empty = _text(_client("fr").get("/contracts/inasti-2019-2020/budget/2019/").content)
    assert "Aucune opération : les crédits sont ceux du tableau du contrat." in empty
    assert "55.603.297,00" in empty


def test_the_api_answers_as_the_page(demo_budget: None) -> None:
    client = _client("en")
    found = client.get("/api/contracts/inami-2013-2015/budget/2014").json()
    assert found["demonstration"] is True
    lines = {c["code"]: c for c in found["credits"]}
    assert lines["operating.it"]["credit"] == "16865161.04"
    assert lines["operating"]["sum_of"] == ["operating.ordinary", "operating.it"]
    assert lines["investments.it"]["alert"]["kind"] == "runs_out"
    assert [o["operation"]["kind"] for o in found["operations"]][:2] == [
        "reevaluation",
        "carry_over",
    ]
    assert found["operations"][0]["working"][0].startswith("91.879.005,00 EUR x 1.6734")
    assert client.get("/api/contracts/inami-2013-2015/budget/2016").status_code == 404
    make_user("stranger", Role.VIEWER, "INASTI")
    assert (
        _client("en", "stranger").get("/api/contracts/inami-2013-2015/budget/2014").status_code
        == 403
    )
