"""A person's way through the web application, in a real browser (Debian's Chromium, Playwright).

Log in, open a dashboard, switch to Dutch, drill down to the late cases of an objective, export
the dashboard to XLSX, record the completion of an INAMI action. A screenshot of every step is
saved under test-artefacts/browser/ (not committed). Every request the browser makes goes to
the application itself: no CDN, no font service.

Chromium is Debian's (`scripts/test` installs it); Playwright's own browser builds are not used.
Without /usr/bin/chromium the test fails under CI and is skipped elsewhere.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pytest_django.live_server_helper import LiveServer

from pilotage.facts.settings import DATA_DIR_ENV, STORE_FILE
from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.catalogue.loading import load_contract_file
from pilotage.web.dashboards.sync import sync_results
from pilotage.web.progress.models import Completion
from tests.web.conftest import demo_fact_store

REPO = Path(__file__).resolve().parents[2]
ARTEFACTS = REPO / "test-artefacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "browser-test-password"
INASTI = "inasti-2019-2020"
INAMI_ACTION = "/contracts/inami-2013-2015/actions/11/1/"  # art. 11 action 1, due 30 June 2013


@pytest.fixture(scope="module")
def fact_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose fact store holds small demonstration cases and 2019-Q4 published."""
    root = tmp_path_factory.mktemp("browser")
    demo_fact_store(root, ("2019-Q4", "2019-Q4"), start=dt.date(2018, 7, 1), scale=0.03)
    return root


@pytest.fixture
def contract_manager(
    transactional_db: None, fact_store: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Both seed contracts, the result sets mirrored, a contract manager of both institutions."""
    monkeypatch.setenv(DATA_DIR_ENV, str(fact_store))  # the late cases are read from the store
    load_contract_file(INASTI, "INASTI")
    load_contract_file("inami-2013-2015", "INAMI")
    sync_results(fact_store / STORE_FILE)
    user = User.objects.create_user("manager", password=PASSWORD)
    for code in ("INASTI", "INAMI"):
        Grant.objects.create(
            user=user,
            institution=Institution.objects.get(code=code),
            role=Role.CONTRACT_MANAGER.value,
        )
    return "manager"


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does it as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


class Browser:
    """One page of a fresh Chromium profile; every request it makes is kept."""

    def __init__(self, chromium: Path, profile: Path, base: str) -> None:
        from playwright.sync_api import sync_playwright

        self.base = base
        self.requests: list[str] = []
        self.steps = 0
        self._playwright = sync_playwright().start()
        self._context = self._playwright.chromium.launch_persistent_context(
            str(profile),  # a fresh user-data-dir
            executable_path=str(chromium),
            args=CHROMIUM_ARGS,
            headless=True,
            accept_downloads=True,
            locale="fr-BE",
            viewport={"width": 1280, "height": 900},
        )
        self.page = self._context.pages[0] if self._context.pages else self._context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.console: list[str] = []
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.set_default_timeout(20_000)
        self.closed = False

    def close(self) -> None:
        """Close the browser and Playwright's event loop (the ORM refuses to run beside it)."""
        if not self.closed:
            self.closed = True
            self._context.close()
            self._playwright.stop()

    def shot(self, name: str, at: str | None = None) -> None:
        """What the person sees (the window, scrolled to `at` when given), numbered by step."""
        if at:
            self.page.locator(at).first.scroll_into_view_if_needed()
        self.steps += 1
        self.page.screenshot(path=ARTEFACTS / f"{self.steps:02d}-{name}.png")

    def refused_by_csp(self) -> list[str]:
        """What the Content-Security-Policy refused (Chromium says so on the console)."""
        return [m for m in self.console if "Content Security Policy" in m]

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base, "data:", "blob:"))]


@pytest.fixture
def browser(chromium: Path, live_server: LiveServer, tmp_path: Path) -> Iterator[Browser]:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    opened = Browser(chromium, tmp_path / "chromium-profile", live_server.url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.mark.slow
def test_a_contract_manager_logs_in_reads_in_dutch_drills_down_exports_and_records(
    contract_manager: str, browser: Browser, tmp_path: Path
) -> None:
    page, base = browser.page, browser.base

    page.goto(f"{base}/contracts/")
    assert "/accounts/login/" in page.url
    browser.shot("login")
    page.fill("input[name=username]", contract_manager)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/contracts/")
    browser.shot("contracts")
    page.goto(f"{base}/")  # their home page: figures, deadlines, threads, changes
    page.wait_for_selector("section.home-card")
    browser.shot("home")

    page.click(f"a[href='/contracts/{INASTI}/']")
    page.wait_for_url(f"{base}/contracts/{INASTI}/")
    browser.shot("overview")

    dashboard_link = page.locator(f"a[href^='/contracts/{INASTI}/dashboard/']")
    if dashboard_link.count():
        dashboard_link.first.click()
    else:  # the overview does not link its dashboard yet
        page.goto(f"{base}/contracts/{INASTI}/dashboard/")
    page.wait_for_selector("main table")
    assert "/dashboard/2019-Q4/" in page.url
    assert page.locator("html").get_attribute("lang") == "fr"
    browser.shot("dashboard-fr")

    page.select_option("select[name=language]", "nl")
    page.click("header form[action='/i18n/setlang/'] button")
    page.wait_for_selector("html[lang=nl]")
    assert "/dashboard/2019-Q4/" in page.url  # the same page, in Dutch
    assert page.locator("label[for=language]").inner_text() == "Taal"
    browser.shot("dashboard-nl")

    with page.expect_download() as download:
        page.click("a[href$='export.xlsx']")
    xlsx = tmp_path / "dashboard.xlsx"
    download.value.save_as(xlsx)
    workbook = load_workbook(xlsx, read_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        cells = [str(c) for row in rows for c in row if c is not None]
    finally:
        workbook.close()  # read-only workbooks keep the file open until closed
    assert any("VOB 2-01" in c for c in cells)
    (ARTEFACTS / "dashboard.xlsx").write_bytes(xlsx.read_bytes())

    page.click("a[href*='/objectives/VOB%202-01/']")
    page.wait_for_url("**/objectives/VOB%202-01/")
    browser.shot("objective")
    page.click("a[href*='/late/']")
    page.wait_for_url("**/late/?*")
    page.wait_for_selector("#reconcile")
    assert "DEMO-VOB2-01-" in page.content()  # the synthetic case numbers of the late cases
    browser.shot("late-cases", at="#reconcile")

    page.goto(f"{base}{INAMI_ACTION}")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.select_option("select[name=milestone]", "2013-06-30")
    page.fill("input[name=completed_on]", "2013-06-28")
    page.fill("textarea[name=evidence]", "Nota aan het Algemeen Beheerscomité van 28/06/2013")
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_selector("p.saved")
    browser.shot("action-recorded", at="p.saved")

    # a filter applies in place (htmx): no page load, the address says what is shown
    page.goto(f"{base}/reminders/")
    page.evaluate("window.notReloaded = true")
    page.fill("input[name=days]", "90")
    page.press("input[name=days]", "Enter")
    page.wait_for_selector("main.page h1:has-text('90')")
    assert page.evaluate("location.search") == "?days=90"
    assert page.evaluate("window.notReloaded === true")
    browser.shot("reminders-filtered")

    assert browser.outside() == []
    assert browser.refused_by_csp() == []  # no inline script or style left without its nonce
    assert len(browser.requests) >= 10
    browser.close()
    done = Completion.objects.get(contract_id="inami-2013-2015", milestone="2013-06-30")
    assert (done.completed_on, done.recorded_by.username) == (dt.date(2013, 6, 28), "manager")
