"""The whole evaluation cycle once, in a real browser (Debian's Chromium, Playwright), on a
fresh evaluation of INAMI 2013: the contract manager opens and assembles the draft, writes a
narrative, sends the draft, records the meeting and writes the institution's position; the
government commissioner logs in and writes theirs; the manager sends the report and downloads
its PDF. Screenshots under test-artefacts/browser/evaluation-*.png (not committed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connections
from pytest_django.live_server_helper import LiveServer

from pilotage.web.accounts.models import Grant, Institution, Role
from pilotage.web.catalogue.loading import load_contract_file
from pilotage.web.evaluation import models as m
from tests.reports.readback import read_pdf
from tests.web.test_browser import ARTEFACTS, PASSWORD, Browser, chromium  # noqa: F401

CONTRACT = "inami-2013-2015"
EVALUATIONS = f"/contracts/{CONTRACT}/evaluation/"
YEAR = EVALUATIONS + "2013/"


@pytest.fixture
def parties(transactional_db: None) -> tuple[str, str]:
    load_contract_file(CONTRACT, "INAMI")
    institution = Institution.objects.get(code="INAMI")
    for username, role in (
        ("manager", Role.CONTRACT_MANAGER),
        ("commissioner", Role.GOVERNMENT_COMMISSIONER),
    ):
        user = User.objects.create_user(username, password=PASSWORD)
        Grant.objects.create(user=user, institution=institution, role=role.value)
    return "manager", "commissioner"


@pytest.fixture
def walk(
    chromium: Path,  # noqa: F811 (the fixture of test_browser, imported above)
    live_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Browser]:
    # Playwright's sync API keeps an event loop running in this thread; the test reads the
    # database between steps (never while a request is served), which Django allows so.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    opened = Browser(chromium, tmp_path / "chromium-profile", live_server.url)
    opened.steps = 50  # the screenshots of this walk come after the other one's
    try:
        yield opened
    finally:
        # While Playwright's loop runs in this thread, asgiref keys Django's connections by the
        # loop's context: the connection the test read through is not the one pytest-django
        # closes, and on PostgreSQL its open session kept the test database from being dropped.
        # Closed here, in that context.
        connections.close_all()
        opened.close()


def _log_in(browser: Browser, username: str, url: str) -> None:
    page = browser.page
    browser._context.clear_cookies()
    page.goto(browser.base + url)
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(browser.base + url)


def _step(browser: Browser, on: str, name: str) -> None:
    page = browser.page
    page.fill("#step-on", on)
    page.click("form.step-form button[type=submit]")
    page.wait_for_load_state()
    browser.shot(f"evaluation-{name}", "table.clocks")


def _position(browser: Browser, item_url: str, assessment: str, motivation: str) -> None:
    page = browser.page
    page.goto(browser.base + item_url)
    page.select_option("#assessment", assessment)
    page.fill("#motivation", motivation)
    page.click("form.position-form button[type=submit]")
    page.wait_for_load_state()
    assert motivation in page.content()


@pytest.mark.slow
def test_the_whole_cycle_once_in_a_browser(
    parties: tuple[str, str], walk: Browser, tmp_path: Path
) -> None:
    manager, commissioner = parties
    page, base = walk.page, walk.base

    _log_in(walk, manager, EVALUATIONS)
    page.fill("#year", "2013")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}{YEAR}")
    walk.shot("evaluation-draft", "table.clocks")
    assert page.locator("tr.clock").count() == 3
    assert "2014-03-31" in page.locator("table.clocks").inner_text()  # the draft's due day

    item_url = page.locator(f"a[href^='{YEAR}items/']").first.get_attribute("href")
    assert item_url
    page.goto(base + item_url)
    page.fill("#narrative", "Narrative written in the browser.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Narrative written in the browser." in page.content()

    page.goto(base + YEAR)
    _step(walk, "2014-03-28", "draft-sent")
    _step(walk, "2014-04-10", "meeting-held")
    evaluation = m.Evaluation.objects.get(contract_id=CONTRACT, year=2013)
    assert evaluation.state == m.State.MEETING_HELD
    _position(walk, item_url, "partly_met", "The institution's view, from the browser.")

    _log_in(walk, commissioner, item_url)
    _position(walk, item_url, "not_met", "The commissioners' view, from the browser.")
    assert page.locator("#narrative").count() == 0  # the commissioner writes no narrative
    walk.shot("evaluation-positions", ".positions")

    _log_in(walk, manager, YEAR)
    _step(walk, "2014-04-25", "report-sent")
    evaluation.refresh_from_db()
    assert evaluation.state == m.State.REPORT_SENT
    page.goto(f"{base}{YEAR}documents/report/")
    assert page.locator("p.no-agreement").count() == 1
    walk.shot("evaluation-report", ".positions")
    with page.expect_download() as download:
        page.click("p.packs a[href*='report.pdf'][href$='lang=fr']")
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    (ARTEFACTS / "evaluation-report.pdf").write_bytes(pdf.read_bytes())
    text = " ".join(" ".join(read_pdf(pdf.read_bytes())).split())
    assert "Rapport contradictoire et motivé 2013" in text
    assert "2014-04-25" in text  # sent on, frozen as sent
    assert "Narrative written in the browser." in text
    # the side-by-side column wraps the position: its words, not the line, are compared
    assert all(word in text for word in ["commissioners'", "view,", "from", "browser."])
    assert walk.outside() == []
    assert walk.refused_by_csp() == []
