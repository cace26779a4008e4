"""A service owner's day in Dutch, in a real browser: log in, land on their home page, switch
to Dutch, open their objective and the contract's dashboard, and find no English word there (a
list of forbidden strings, the words of the English pages); export the dashboard to XLSX and
read its numbers back as numbers. Screenshots under test-artefacts/browser/dutch-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connections
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pytest_django.live_server_helper import LiveServer

from pilotage.demo import demo_translations
from pilotage.facts.settings import DATA_DIR_ENV, STORE_FILE
from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.catalogue.loading import load_contract_file, load_translation_file
from pilotage.web.dashboards.sync import sync_results
from tests.web.test_browser import (  # noqa: F401
    ARTEFACTS,
    INASTI,
    PASSWORD,
    Browser,
    chromium,
    fact_store,
)

# English a Dutch page must not show (words and phrases of the English pages; checked as
# whole words, case-sensitive, in the text of the page, contract content left out).
FORBIDDEN = [
    "Dashboard",
    "Objective",
    "Value",
    "Target",
    "Figures",
    "Period",
    "Level",
    "calendar days",
    "working days",
    "within",
    "elapsed",
    "as printed",
    "not met",
    "no data",
    "caveat",
    "Late cases",
    "late",
    "Export",
    "Comments",
    "Overview",
    "Upcoming deadlines",
    "Continuous missions",
    "Log out",
    "median",
    "percentile",
    "forecast",
    "result set",
    "computed",
    "Welcome",
    "My objectives",
    "deadline",
    "What changed",
]


@pytest.fixture
def service_owner(
    transactional_db: None,
    fact_store: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    monkeypatch.setenv(DATA_DIR_ENV, str(fact_store))
    load_contract_file(INASTI, "INASTI")
    for path in demo_translations():
        load_translation_file(path)
    sync_results(fact_store / STORE_FILE)
    user = User.objects.create_user("eigenaar", password=PASSWORD)
    Grant.objects.create(
        user=user,
        institution=Institution.objects.get(code="INASTI"),
        role=Role.SERVICE_OWNER.value,
        services=["VOB"],
    )
    return "eigenaar"


@pytest.fixture
def browser(
    chromium: Path,  # noqa: F811
    live_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Browser]:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    opened = Browser(chromium, tmp_path / "chromium-profile", live_server.url)
    opened.steps = 70
    try:
        yield opened
    finally:
        connections.close_all()  # see test_browser_evaluation: the loop's context's connection
        opened.close()


def _english(browser: Browser) -> list[str]:
    """The forbidden strings on the page, outside the contract's own texts ([fr]-marked)."""
    text = browser.page.inner_text("body")
    text = re.sub(r"\[fr\][^\n]*", " ", text)  # contract content in another language, marked
    return sorted({w for w in FORBIDDEN if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)})


@pytest.mark.slow
def test_a_service_owner_works_in_dutch_without_a_word_of_english(
    service_owner: str, browser: Browser, tmp_path: Path
) -> None:
    page, base = browser.page, browser.base
    page.goto(f"{base}/")
    page.fill("input[name=username]", service_owner)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("section.home-card")  # they land on their home page
    page.select_option("select[name=language]", "nl")
    page.click("header form[action='/i18n/setlang/'] button")
    page.wait_for_selector("html[lang=nl]")
    browser.shot("dutch-home")
    assert "Mijn doelstellingen" in page.inner_text("main")
    assert _english(browser) == []

    page.click("table.mine a[href*='/objectives/VOB%202-01/']")  # their objective
    page.wait_for_url("**/objectives/VOB%202-01/")
    browser.shot("dutch-objective")
    heading = page.inner_text("main h1")
    assert "Tijdige beslissing" in heading
    assert "[fr]" not in heading  # the demonstration's Dutch name
    assert _english(browser) == []

    page.click("a[href$='/dashboard/2019-Q4/']")
    page.wait_for_selector("main table")
    browser.shot("dutch-dashboard")
    assert _english(browser) == []

    with page.expect_download() as download:
        page.click("a[href$='export.xlsx']")
    xlsx = tmp_path / "boordtabel.xlsx"
    download.value.save_as(xlsx)
    workbook = load_workbook(xlsx, read_only=True)
    try:
        cells = [c for row in workbook.worksheets[0].iter_rows() for c in row]
        numbers = [c for c in cells if isinstance(c.value, int | float)]
        shares = [c for c in numbers if "%" in (c.number_format or "")]
        texts = [str(c.value) for c in cells if isinstance(c.value, str)]
    finally:
        workbook.close()
    assert len(numbers) > 50  # counts and shares are numbers, not text
    assert shares  # a share is a number formatted as a percentage
    assert all(0 <= c.value <= 1 for c in shares)
    assert not [t for t in texts if re.fullmatch(r"[\d\s.,]+%?", t)]  # no number left as text
    # the scan finds English where there is some: the same dashboard in English
    page.select_option("select[name=language]", "en")
    page.click("header form[action='/i18n/setlang/'] button")
    page.wait_for_selector("html[lang=en]")
    assert {"Dashboard", "Objective", "Export"} <= set(_english(browser))
    assert browser.refused_by_csp() == []
    assert browser.outside() == []
